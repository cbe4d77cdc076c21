"""Reads for investigation: an indicator's findings and timeline, a finding's indicators and the
findings related to it. Scoped by account through findings.selectors (the one access rule):
a link row carries its finding's account, so the scope filters the links' own indexes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.selectors import visible_account_ids
from guardduty_hub.investigations.choices import IndicatorKind
from guardduty_hub.investigations.extract import normalised
from guardduty_hub.investigations.models import FindingIndicator, Indicator

PAGE_SIZE = 50
RELATED_LIMIT = 10
# "Related" reads at most this many of the most recent findings per shared indicator: a busy
# scanner IP in 100,000 findings would otherwise make every detail page read all of them.
CANDIDATES_PER_INDICATOR = 200
# A finding naming more indicators than this (a port probe from many IPs) ranks by these.
MAX_INDICATORS = 40
# Columns of a finding shown in lists here (not the raw JSON nor the description).
LIST_FIELDS = (
    "id",
    "account_id",
    "api_region",
    "region",
    "guardduty_id",
    "type",
    "title",
    "severity",
    "severity_band",
    "status",
    "archived",
    "first_seen_at",  # the SLA clock (findings/sla.py) of the Due column
    "last_seen_at",
    "updated_at",
    "is_sample",
    "count",
    "resource_type",
    "resource_id",
    "resource_type_affected",
    "assignee_id",
)


def indicator_for(kind: str, value: str) -> Indicator:
    """The indicator (kind, value), value in its normalised form; else Http404."""
    if kind not in IndicatorKind.values:
        raise Http404("No such kind of indicator.")
    clean = normalised(kind, value)
    found = Indicator.objects.filter(kind=kind, value=clean).first() if clean else None
    if found is None:
        raise Http404("No finding mentions this.")
    return found


def links_visible_to(user, indicator: Indicator) -> QuerySet[FindingIndicator]:
    links = FindingIndicator.objects.filter(indicator=indicator)
    ids = visible_account_ids(user)
    if ids is None:
        return links
    return links.filter(account_id__in=sorted(ids)) if ids else links.none()


@dataclass(frozen=True)
class Cursor:
    """Keyset position on an indicator's findings: after (last seen, finding id)."""

    last_seen_at: datetime
    finding_id: int

    def encode(self) -> str:
        return f"{self.last_seen_at.isoformat()}_{self.finding_id}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        moment, _, pk = (text or "").rpartition("_")
        try:
            return cls(datetime.fromisoformat(moment), int(pk)) if moment else None
        except ValueError:
            return None


def indicator_findings(user, indicator: Indicator, after: Cursor | None = None):
    """One page of the findings mentioning `indicator`, most recently seen first, and the
    cursor of the next page (None on the last). One query on the link's recent index."""
    links = links_visible_to(user, indicator)
    if after is not None:
        links = links.filter(
            Q(last_seen_at__lt=after.last_seen_at)
            | Q(last_seen_at=after.last_seen_at, finding_id__lt=after.finding_id)
        )
    rows = list(
        links.select_related("finding__assignee")
        .only(
            "finding_id",
            "last_seen_at",
            "finding__assignee__username",
            *(f"finding__{f}" for f in LIST_FIELDS),
        )
        .order_by("-last_seen_at", "-finding_id")[: PAGE_SIZE + 1]
    )
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    following = Cursor(rows[-1].last_seen_at, rows[-1].finding_id) if more else None
    findings = []
    for row in rows:
        row.finding.seen_at = row.last_seen_at  # what the list's "Last seen" column shows
        findings.append(row.finding)
    return findings, following


def indicator_timeline(user, indicator: Indicator) -> list[dict]:
    """Per account and region: how many findings, first and last seen (earliest first).
    Read from the link's timeline index alone."""
    return list(
        links_visible_to(user, indicator)
        .values("account_id", "region")
        .annotate(findings=Count("*"), first=Min("first_seen_at"), last=Max("last_seen_at"))
        .order_by("first", "account_id", "region")
    )


def finding_indicators(finding: Finding) -> list[Indicator]:
    """The indicators `finding` mentions (its page links each one)."""
    return list(
        Indicator.objects.filter(finding_links__finding=finding).order_by("kind", "value")[
            :MAX_INDICATORS
        ]
    )


def related_findings(user, finding: Finding, indicators: list[Indicator]) -> list[Finding]:
    """Other visible findings sharing indicators with `finding`, most shared first, each with
    `.shared` (how many) and `.account_name`. One query, however many findings the indicators
    appear in: the ranking reads the most recent CANDIDATES_PER_INDICATOR links of each."""
    if not indicators:
        return []
    ids = visible_account_ids(user)
    if ids is not None and not ids:
        return []
    q = connection.ops.quote_name
    scope, scope_params = "", []
    if ids is not None:  # the account scope of findings.selectors, on the links' own column
        scope = f" AND account_id IN ({', '.join(['%s'] * len(ids))})"
        scope_params = sorted(ids)
    # One bounded subquery per indicator (the link's recent index), added up.
    part = (
        f"SELECT * FROM (SELECT finding_id, last_seen_at"  # noqa: S608
        f" FROM {q(FindingIndicator._meta.db_table)}"
        f" WHERE indicator_id = %s AND finding_id <> %s{scope}"
        f" ORDER BY last_seen_at DESC LIMIT {CANDIDATES_PER_INDICATOR}) AS c{{n}}"
    )
    union = " UNION ALL ".join(part.format(n=n) for n in range(len(indicators)))
    ranked = (
        "SELECT finding_id, COUNT(*) AS shared, MAX(last_seen_at) AS seen"  # noqa: S608
        f" FROM ({union}) AS candidates GROUP BY finding_id"
        f" ORDER BY shared DESC, seen DESC, finding_id DESC LIMIT {RELATED_LIMIT}"
    )
    columns = ", ".join(f"f.{q(c)}" for c in LIST_FIELDS)
    sql = (
        f"SELECT {columns}, r.shared, a.name AS account_name"  # noqa: S608
        f" FROM ({ranked}) AS r JOIN {q(Finding._meta.db_table)} AS f ON f.id = r.finding_id"
        f" LEFT JOIN {q(AwsAccount._meta.db_table)} AS a ON a.account_id = f.account_id"
        " ORDER BY r.shared DESC, r.seen DESC, r.finding_id DESC"
    )
    params = []
    for indicator in indicators:
        params += [indicator.pk, finding.pk, *scope_params]
    return list(Finding.objects.raw(sql, params))

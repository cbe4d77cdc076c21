"""The dashboard's numbers: a fixed number of queries, whatever the data size.

Findings come only from `findings_visible_to(user)` (the one access selector) and are the
finding list's default view: current (not archived) and not samples. Their numbers are counted
in one pass (counts.py); this module shapes them into cards and top lists, and adds the member
statuses and sync health (small tables, always live).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse

from guardduty_hub.accounts.choices import status_info
from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount, Membership
from guardduty_hub.dashboard import links
from guardduty_hub.dashboard.counts import OVERDUE_CAP, FindingsCounts
from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.selectors import findings_visible_to, visible_account_ids
from guardduty_hub.sync.models import SyncState

TOP_N = 8


@dataclass
class BandCard:
    band: SeverityBand
    current: int
    new_24h: int
    current_url: str
    new_url: str
    overdue: int = 0
    overdue_url: str = ""

    @property
    def overdue_display(self) -> str:
        return f"{OVERDUE_CAP:,}+" if self.overdue > OVERDUE_CAP else f"{self.overdue:,}"


@dataclass
class TopRow:
    label: str
    sublabel: str
    count: int
    url: str
    share: float = 0.0  # of the largest row, for the bar behind the number


@dataclass
class StatusRow:
    label: str
    css: str
    help: str
    accounts: int
    url: str


@dataclass
class SyncHealth:
    pairs: int
    healthy: int
    stale: int
    failing: int
    never: int
    oldest_success: datetime | None
    url: str = field(default="")


def current_findings(user):
    """The finding list's default view for this user: not archived, no samples."""
    return findings_visible_to(user).filter(archived=False, is_sample=False)


def band_cards(counts: FindingsCounts, now: datetime) -> list[BandCard]:
    since = now - timedelta(hours=24)
    return [
        BandCard(
            band=b,
            current=counts.per_band.get(b.value, 0),
            new_24h=counts.new_per_band.get(b.value, 0),
            current_url=links.finding_list_url(**{links.BAND: b.value}),
            new_url=links.finding_list_url(**{links.BAND: b.value, links.FIRST_SEEN_AFTER: since}),
            overdue=counts.overdue_per_band.get(b.value, 0),
            overdue_url=links.finding_list_url(**{links.BAND: b.value, links.SLA: sla.OVERDUE}),
        )
        for b in sorted(SeverityBand, key=lambda b: -b.value)
    ]


def _top(per_key: dict[str, int], param: str) -> list[tuple[str, int, str]]:
    """The TOP_N biggest, ties by key (as ORDER BY count DESC, key would)."""
    found = sorted(per_key.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_N]
    return [(key, n, links.finding_list_url(**{param: key})) for key, n in found]


def _with_shares(rows: list[TopRow]) -> list[TopRow]:
    top = max((r.count for r in rows), default=0)
    for r in rows:
        r.share = r.count / top if top else 0.0
    return rows


def top_accounts(counts: FindingsCounts) -> list[TopRow]:
    found = _top(counts.per_account, links.ACCOUNT)
    names = dict(
        AwsAccount.objects.filter(account_id__in=[a for a, _, _ in found]).values_list(
            "account_id", "name"
        )
    )
    return _with_shares(
        [
            TopRow(names.get(account) or account, account if names.get(account) else "", n, url)
            for account, n, url in found
        ]
    )


def top_regions(counts: FindingsCounts) -> list[TopRow]:
    # A finding always names its region; an empty one could not be linked (no filter for it).
    per_region = {region: n for region, n in counts.per_region.items() if region}
    return _with_shares(
        [TopRow(region, "", n, url) for region, n, url in _top(per_region, links.REGION)]
    )


def top_types(counts: FindingsCounts) -> list[TopRow]:
    return _with_shares(
        [TopRow(kind, "", n, url) for kind, n, url in _top(counts.per_type, links.TYPE)]
    )


def member_statuses(user) -> list[StatusRow]:
    """Member accounts per GuardDuty relationship status (an account counts once per status,
    whatever its number of regions), as the accounts table filtered by that status lists."""
    memberships = Membership.objects.exclude(relationship_status="")
    # The findings scope is the accounts scope (accounts.selectors), already worked out.
    ids = visible_account_ids(user)
    if ids is not None:
        memberships = memberships.filter(member__account_id__in=sorted(ids))
    rows = (
        memberships.values("relationship_status")
        .annotate(n=Count("member", distinct=True))
        .order_by("relationship_status")
    )
    result = []
    for row in rows:
        info = status_info(row["relationship_status"])
        result.append(
            StatusRow(info.label, info.css, info.help, row["n"], links.accounts_url(info.value))
        )
    return result


def sync_health(now: datetime) -> SyncHealth:
    """Enabled (administrator, region) pairs: synced recently, late, failing, or never."""
    fresh_after = now - timedelta(seconds=3 * settings.SYNC_INTERVAL_SECONDS)
    enabled = AdministratorRegion.objects.filter(enabled=True)
    enabled_pair = enabled.filter(
        administrator=OuterRef("administrator"), region=OuterRef("region")
    )
    counts = SyncState.objects.filter(Exists(enabled_pair)).aggregate(
        failing=Count("pk", filter=Q(consecutive_failures__gt=0)),
        healthy=Count("pk", filter=Q(consecutive_failures=0, last_success_at__gte=fresh_after)),
        stale=Count("pk", filter=Q(consecutive_failures=0, last_success_at__lt=fresh_after)),
        oldest=Min("last_success_at"),
    )
    pairs = enabled.count()
    return SyncHealth(
        pairs=pairs,
        healthy=counts["healthy"],
        stale=counts["stale"],
        failing=counts["failing"],
        # No state yet, or a first run still going: nothing synced so far.
        never=pairs - counts["healthy"] - counts["stale"] - counts["failing"],
        oldest_success=counts["oldest"],
        url=reverse("sync:overview"),
    )

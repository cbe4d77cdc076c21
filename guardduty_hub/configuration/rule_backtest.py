"""Back-test: what a suppression rule would have archived among the stored findings.

The rule's query runs through the finding list's own FilterSet over the administrator's
findings (archived or not, samples included: the rule would have met them all on arrival), in
the last 90 days (GuardDuty keeps findings that long) and over all history, by severity and by
account. Two grouped queries.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.configuration.rule_criteria import IGNORED, rule_filterset
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.models import Finding

RECENT_DAYS = 90
SEVERE = (SeverityBand.HIGH, SeverityBand.CRITICAL)


@dataclass
class BacktestRow:
    label: str
    recent: int
    total: int


@dataclass
class Backtest:
    recent: int = 0
    total: int = 0
    by_severity: list[BacktestRow] = field(default_factory=list)
    by_account: list[BacktestRow] = field(default_factory=list)
    severe: int = 0  # High and Critical findings it would have archived (any time)
    list_url: str = ""

    @property
    def needs_confirmation(self) -> bool:
        return self.severe > 0


def matching_findings(administrator: AwsAccount, query: str):
    return rule_filterset(query, Finding.objects.filter(administrator=administrator)).qs


def list_url(query: str) -> str:
    """The finding list showing exactly what the back-test counted."""
    data = QueryDict(query, mutable=True)
    for name in IGNORED:
        data[name] = "any"
    return f"{reverse('findings:list')}?{data.urlencode()}"


def rule_backtest(administrator: AwsAccount, query: str) -> Backtest:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    recent = Count("pk", filter=Q(created_at__gte=since))
    found = matching_findings(administrator, query).order_by()
    result = Backtest(list_url=list_url(query))
    for row in found.values("severity_band").annotate(total=Count("pk"), recent=recent):
        band = SeverityBand(row["severity_band"])
        result.by_severity.append(BacktestRow(band.label, row["recent"], row["total"]))
        result.total += row["total"]
        result.recent += row["recent"]
        if band in SEVERE:
            result.severe += row["total"]
    result.by_severity.sort(key=lambda r: -[b.label for b in SeverityBand].index(r.label))
    rows = list(found.values("account_id").annotate(total=Count("pk"), recent=recent))
    names = dict(
        AwsAccount.objects.filter(account_id__in=[r["account_id"] for r in rows]).values_list(
            "account_id", "name"
        )
    )
    for row in rows:
        name = names.get(row["account_id"], "")
        label = f"{name} ({row['account_id']})" if name else row["account_id"]
        result.by_account.append(BacktestRow(label, row["recent"], row["total"]))
    result.by_account.sort(key=lambda r: (-r.total, r.label))
    return result

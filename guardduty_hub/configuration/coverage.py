"""The coverage matrix: accounts down, regions across, each cell judged against the baseline.

Pure judgement (verdict) plus one read of the stored rows (coverage_matrix): no AWS here; the
rows come from coverage_refresh.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from guardduty_hub.accounts.models import AwsAccount, Membership
from guardduty_hub.accounts.scope import Verb, accounts_for
from guardduty_hub.configuration.fanout import enabled_regions
from guardduty_hub.configuration.models import DetectorCoverage, ProtectionBaseline
from guardduty_hub.configuration.plans import PLANS

ASSOCIATED = ("Enabled", "Disabled")
COVERED, PARTIAL, OFF, NOT_MEMBER, UNKNOWN = "covered", "partial", "off", "not a member", "unknown"
# Words and colour class of each state (the template and the CSV read these).
STATES = {
    COVERED: ("Covered", "cell-ok"),
    PARTIAL: ("Partial", "cell-partial"),
    OFF: ("Off", "cell-off"),
    NOT_MEMBER: ("Not a member", "cell-none"),
    UNKNOWN: ("Not read yet", "cell-none"),
}


@dataclass
class Verdict:
    state: str
    missing: list[str] = field(default_factory=list)  # baseline plans that are off here
    drift: list[str] = field(default_factory=list)  # every difference from the baseline
    error: str = ""

    @property
    def words(self) -> str:
        return STATES[self.state][0]

    @property
    def css(self) -> str:
        return STATES[self.state][1]


def verdict(
    row: DetectorCoverage | None, baseline: ProtectionBaseline | None, is_administrator: bool
) -> Verdict:
    if row is None:
        return Verdict(UNKNOWN)
    if not is_administrator and row.member_status not in ASSOCIATED:
        return Verdict(NOT_MEMBER, error=row.error)
    if row.detector_status != "ENABLED":
        drift = ["GuardDuty is off"] if baseline is not None else []
        return Verdict(OFF, drift=drift, error=row.error)
    if baseline is None:
        return Verdict(COVERED, error=row.error)
    missing, drift = [], []
    for plan in PLANS:
        wanted = bool(baseline.plans.get(plan.key))
        have = bool(row.plans.get(plan.key))
        if wanted and not have:
            missing.append(plan.label)
            drift.append(f"{plan.label} off")
        elif have and not wanted:
            drift.append(f"{plan.label} on")
    wanted_frequency = baseline.finding_publishing_frequency
    if is_administrator and row.finding_publishing_frequency != wanted_frequency:
        drift.append(f"publishing every {row.finding_publishing_frequency or '?'}")
    return Verdict(PARTIAL if missing else COVERED, missing, drift, row.error)


@dataclass
class MatrixRow:
    account: AwsAccount
    is_administrator: bool
    cells: list[tuple[str, Verdict]]

    @property
    def drifting(self) -> bool:
        return any(v.drift for _, v in self.cells)


def coverage_matrix(user, administrator: AwsAccount, *, drift_only: bool = False):
    """(regions, rows): the administrator and every account that has a membership under it,
    limited to the accounts the user may see. Three queries."""
    regions = enabled_regions(administrator)
    baseline = ProtectionBaseline.objects.filter(administrator=administrator).first()
    member_ids = Membership.objects.filter(administrator=administrator).values("member_id")
    accounts = (
        accounts_for(user, Verb.VIEW)
        .filter(Q(pk__in=member_ids) | Q(pk=administrator.pk))
        .order_by("account_id")
    )
    rows = {
        (r.account_id, r.region): r
        for r in DetectorCoverage.objects.filter(administrator=administrator, region__in=regions)
    }
    matrix = []
    for account in accounts:
        is_admin = account.pk == administrator.pk
        cells = [
            (region, verdict(rows.get((account.pk, region)), baseline, is_admin))
            for region in regions
        ]
        row = MatrixRow(account, is_admin, cells)
        if not drift_only or row.drifting:
            matrix.append(row)
    return regions, matrix, baseline

"""Reads for the Sync page (and the dashboard's sync-health card).

Sync work names administrators, their regions and run counts: a user sees it for the
administrators in their scope (accounts.scope, Verb.VIEW), and member owners not at all
(scope.activity_visible); without a user, hub-wide.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount
from guardduty_hub.accounts.scope import Verb, account_ids_for, activity_visible
from guardduty_hub.sync.models import DeadLetter, EventFlow, SyncRun, SyncState


def _visible_administrator_ids(user) -> frozenset[str] | None:
    """12-digit ids of the administrators whose sync `user` may see; None = all."""
    if user is None:
        return None
    if not activity_visible(user):
        return frozenset()
    return account_ids_for(user, Verb.VIEW)


def sync_runs_for(user) -> QuerySet[SyncRun]:
    """The sync runs of the administrators `user` may see (the page and /api/sync-runs/)."""
    runs = SyncRun.objects.all()
    ids = _visible_administrator_ids(user)
    if ids is None:
        return runs
    return runs.filter(state__administrator__account_id__in=sorted(ids))


@dataclass
class PairStatus:
    administrator: AwsAccount
    region: str
    enabled: bool
    state: SyncState | None
    last_run: SyncRun | None
    # Finding events received through EventBridge (None: none yet).
    events: EventFlow | None = None
    # GuardDuty's detector there ("": GuardDuty is off in that region, as far as the hub knows).
    detector_id: str = ""


def pair_statuses(user=None) -> list[PairStatus]:
    """Every enabled (administrator, region), plus pairs switched off that have sync history;
    with a user, of the administrators they may see."""
    ids = _visible_administrator_ids(user)
    last_run_id = Subquery(
        SyncRun.objects.filter(state=OuterRef("pk")).order_by("-started_at", "-id").values("id")[:1]
    )
    state_rows = SyncState.objects.select_related("administrator").annotate(last_run_id=last_run_id)
    admin_regions = AdministratorRegion.objects.select_related("administrator")
    if ids is not None:
        state_rows = state_rows.filter(administrator__account_id__in=sorted(ids))
        admin_regions = admin_regions.filter(administrator__account_id__in=sorted(ids))
    states = {(s.administrator_id, s.region): s for s in state_rows}
    runs = SyncRun.objects.in_bulk([s.last_run_id for s in states.values() if s.last_run_id])
    rows: dict[tuple[int, str], PairStatus] = {}
    for ar in admin_regions.order_by("administrator__account_id", "region"):
        state = states.get((ar.administrator_id, ar.region))
        last = runs.get(state.last_run_id) if state else None
        rows[(ar.administrator_id, ar.region)] = PairStatus(
            ar.administrator, ar.region, ar.enabled, state, last, detector_id=ar.detector_id
        )
    for key, state in states.items():
        if key not in rows:
            last = runs.get(state.last_run_id)
            rows[key] = PairStatus(state.administrator, state.region, False, state, last)
    for flow in EventFlow.objects.all():
        if (row := rows.get((flow.administrator_id, flow.region))) is not None:
            row.events = flow
    return sorted(rows.values(), key=lambda p: (p.administrator.account_id, p.region))


@dataclass
class SwitchedOff:
    """An administrator's regions without a detector, where the hub has nothing to show."""

    administrator: AwsAccount
    regions: list[str]


def split_switched_off(pairs: list[PairStatus]) -> tuple[list[PairStatus], list[SwitchedOff]]:
    """The pairs to list one per row, and per administrator the regions where GuardDuty is off
    (no detector) and the hub has no sync, run or event to show: an administrator without
    detectors has ~30, and a line each would bury the pairs that matter. A region switched off
    in the hub but with a detector, or with history, keeps its row."""
    shown: list[PairStatus] = []
    off: dict[int, SwitchedOff] = {}
    for pair in pairs:
        quiet = pair.state is None and pair.last_run is None and pair.events is None
        if pair.enabled or pair.detector_id or not quiet:
            shown.append(pair)
            continue
        group = off.setdefault(pair.administrator.pk, SwitchedOff(pair.administrator, []))
        group.regions.append(pair.region)
    return shown, list(off.values())


def recent_runs(user=None, limit: int = 50):
    return (
        sync_runs_for(user)
        .select_related("state__administrator")
        .order_by("-started_at", "-id")[:limit]
    )


def recent_dead_letters(limit: int = 20):
    return DeadLetter.objects.order_by("-received_at", "-id")[:limit]

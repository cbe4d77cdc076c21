"""Reads for the Sync page (and the dashboard's sync-health card)."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount
from guardduty_hub.sync.models import DeadLetter, EventFlow, SyncRun, SyncState


@dataclass
class PairStatus:
    administrator: AwsAccount
    region: str
    enabled: bool
    state: SyncState | None
    last_run: SyncRun | None
    # Finding events received through EventBridge (None: none yet).
    events: EventFlow | None = None


def pair_statuses() -> list[PairStatus]:
    """Every enabled (administrator, region), plus pairs switched off that have sync history."""
    last_run_id = Subquery(
        SyncRun.objects.filter(state=OuterRef("pk")).order_by("-started_at", "-id").values("id")[:1]
    )
    states = {
        (s.administrator_id, s.region): s
        for s in SyncState.objects.select_related("administrator").annotate(last_run_id=last_run_id)
    }
    runs = SyncRun.objects.in_bulk([s.last_run_id for s in states.values() if s.last_run_id])
    rows: dict[tuple[int, str], PairStatus] = {}
    for ar in AdministratorRegion.objects.select_related("administrator").order_by(
        "administrator__account_id", "region"
    ):
        state = states.get((ar.administrator_id, ar.region))
        last = runs.get(state.last_run_id) if state else None
        rows[(ar.administrator_id, ar.region)] = PairStatus(
            ar.administrator, ar.region, ar.enabled, state, last
        )
    for key, state in states.items():
        if key not in rows:
            last = runs.get(state.last_run_id)
            rows[key] = PairStatus(state.administrator, state.region, False, state, last)
    for flow in EventFlow.objects.all():
        if (row := rows.get((flow.administrator_id, flow.region))) is not None:
            row.events = flow
    return sorted(rows.values(), key=lambda p: (p.administrator.account_id, p.region))


def recent_runs(limit: int = 50):
    return SyncRun.objects.select_related("state__administrator").order_by("-started_at", "-id")[
        :limit
    ]


def recent_dead_letters(limit: int = 20):
    return DeadLetter.objects.order_by("-received_at", "-id")[:limit]

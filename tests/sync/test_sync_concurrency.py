"""Two runs for the same pair: one works, the other exits at once. Leases of dead runs expire."""

from datetime import timedelta

from django.utils import timezone

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.lease import lease_acquire, lease_renew
from guardduty_hub.sync.models import SyncRun, SyncRunStatus, SyncState
from guardduty_hub.sync.pairs import sync_state_for
from guardduty_hub.sync.reconcile import reconcile_region
from guardduty_hub.sync.services import sync_region
from tests.fixtures.sync_world import OTHER_REGION, REGION, recent_window


def test_second_run_for_the_same_pair_exits_while_the_first_works(sync_world):
    ids = sync_world.populate(150, **recent_window())
    second_runs = []

    def start_a_second_run(run):
        if run.pages == 1:
            second_runs.append(sync_region(sync_world.admin.pk, REGION))
            second_runs.append(reconcile_region(sync_world.admin.pk, REGION))
            # Another pair is not blocked.
            second_runs.append(sync_region(sync_world.admin.pk, OTHER_REGION))

    first = sync_region(sync_world.admin.pk, REGION, on_page=start_a_second_run)
    assert second_runs[0] is None and second_runs[1] is None
    assert second_runs[2].status == SyncRunStatus.SUCCEEDED
    assert first.status == SyncRunStatus.SUCCEEDED
    assert Finding.objects.filter(api_region=REGION).count() == len(ids)
    assert SyncRun.objects.filter(state__region=REGION).count() == 1


def test_a_dead_runs_lease_expires_and_its_run_is_marked_interrupted(sync_world, settings):
    sync_world.populate(10, **recent_window())
    state = sync_state_for(sync_world.admin.pk, REGION)
    assert lease_acquire(state.pk, "dead-host:1:aaaa")
    SyncRun.objects.create(state=state, kind="full")
    assert sync_region(sync_world.admin.pk, REGION) is None
    # The holder never renews; its lease runs out.
    SyncState.objects.filter(pk=state.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    run = sync_region(sync_world.admin.pk, REGION)
    assert run.status == SyncRunStatus.SUCCEEDED
    assert SyncRun.objects.filter(status=SyncRunStatus.INTERRUPTED).count() == 1


def test_a_run_that_lost_its_lease_stops_writing(sync_world):
    import pytest

    from guardduty_hub.sync.lease import LeaseLost

    sync_world.populate(200, **recent_window())

    def steal_the_lease(run):
        if run.pages == 1:
            SyncState.objects.filter(pk=run.state_id).update(lease_owner="thief")

    with pytest.raises(LeaseLost):
        sync_region(sync_world.admin.pk, REGION, on_page=steal_the_lease)
    # The second page's transaction rolled back with the lease check.
    assert Finding.objects.count() == 50
    state = SyncState.objects.get(region=REGION)
    assert state.lease_owner == "thief"
    lease_renew(state.pk, "thief")  # still the thief's

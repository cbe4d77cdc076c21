"""Faults injected by the simulator: throttling, 5xx, bursts, permanent errors, crashes."""

import pytest

from guardduty_hub.aws import TransientAwsError
from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncRun, SyncRunStatus, SyncState
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION, recent_window, stored_ids


def assert_complete(expected_ids):
    ids = stored_ids()
    assert len(ids) == len(set(ids)), "a finding was stored twice"
    assert set(ids) == set(expected_ids), "a finding is missing"


def test_sync_with_10pct_throttling_and_2pct_5xx_loses_and_duplicates_nothing(sync_world):
    from guardduty_hub.simulator import controls

    ids = sync_world.populate(1000, **recent_window(90))
    controls.inject_fault("throttle", rate=0.10, seed=10)
    controls.inject_fault("internal", rate=0.02)
    run = sync_region(sync_world.admin.pk, REGION)
    failures = sum(r["failures"] for r in controls.fault_status()["rules"])
    print(f"faults injected: {failures} of {run.api_calls} requests")
    assert run.status == SyncRunStatus.SUCCEEDED
    assert failures > 0
    assert_complete(ids)


@pytest.mark.parametrize(("operation", "burst"), [("GetFindings", 6), ("ListFindings", 6)])
def test_burst_of_6_failures_longer_than_botocore_retries_is_ridden_out(
    sync_world, operation, burst
):
    from guardduty_hub.simulator import controls

    ids = sync_world.populate(160, **recent_window())
    # The next `burst` requests of the operation fail in a row; botocore tries each call twice.
    controls.inject_fault("internal", burst=burst, operations=[operation])
    run = sync_region(sync_world.admin.pk, REGION)
    assert run.status == SyncRunStatus.SUCCEEDED
    assert_complete(ids)


def test_a_burst_longer_than_every_retry_fails_the_run_then_the_next_run_catches_up(sync_world):
    from guardduty_hub.simulator import controls

    ids = sync_world.populate(120, **recent_window())
    controls.inject_fault("throttle", burst=1000, operations=["GetFindings"])
    with pytest.raises(TransientAwsError):
        sync_region(sync_world.admin.pk, REGION)
    state = SyncState.objects.get(region=REGION)
    assert state.consecutive_failures == 1
    assert not state.last_error_permanent
    assert "throttling" in state.last_error
    assert SyncRun.objects.get().status == SyncRunStatus.FAILED
    controls.clear_faults()
    assert sync_region(sync_world.admin.pk, REGION).status == SyncRunStatus.SUCCEEDED
    state.refresh_from_db()
    assert (state.consecutive_failures, state.last_error) == (0, "")
    assert_complete(ids)


def test_crash_after_page_3_then_rerun_loses_and_duplicates_nothing(sync_world):
    ids = sync_world.populate(400, **recent_window(90))

    class Crash(Exception):
        pass

    def crash_after_page_3(run):
        if run.pages == 3:
            raise Crash

    with pytest.raises(Crash):
        sync_region(sync_world.admin.pk, REGION, on_page=crash_after_page_3)
    assert Finding.objects.count() == 150
    state = SyncState.objects.get(region=REGION)
    assert state.watermark == max(Finding.objects.values_list("updated_at", flat=True))

    rerun = sync_region(sync_world.admin.pk, REGION)
    assert_complete(ids)
    # The re-run repeats at most the overlap window plus one page.
    assert rerun.created == 250
    assert rerun.unchanged <= 50


def test_region_not_enabled_is_recorded_as_permanent(sync_world):
    from guardduty_hub.simulator import controls

    controls.disable_region(ADMIN_ACCOUNT, REGION)
    run = sync_region(sync_world.admin.pk, REGION)
    assert run.status == SyncRunStatus.FAILED
    state = SyncState.objects.get(region=REGION)
    assert state.last_error_permanent
    assert "not enabled" in state.last_error
    assert run.error == state.last_error
    assert state.lease_until is None


def test_access_denied_on_assume_role_is_recorded_as_permanent(sync_world):
    from guardduty_hub.simulator import controls

    sync_world.admin.uses_hub_credentials = False
    sync_world.admin.account_id = "555555555555"
    sync_world.admin.role_arn = "arn:aws:iam::555555555555:role/GuardDutyHubRole"
    sync_world.admin.save()
    controls.deny_assume_role(["555555555555"])
    run = sync_region(sync_world.admin.pk, REGION)
    assert run.status == SyncRunStatus.FAILED
    state = SyncState.objects.get(region=REGION)
    assert state.last_error_permanent
    assert "Access denied" in state.last_error
    # Still failing next time, counted, never raised for a retry loop.
    sync_region(sync_world.admin.pk, REGION)
    state.refresh_from_db()
    assert state.consecutive_failures == 2

"""sync_region against the in-process simulator through boto3: full, incremental, pages."""

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings.choices import FindingStatus
from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncRunKind, SyncRunStatus, SyncState
from guardduty_hub.sync.services import sync_region
from tests.fixtures.sync_world import OTHER_REGION, REGION, recent_window, stored_ids


def test_first_run_is_full_and_fetches_every_finding(sync_world):
    ids = sync_world.populate(120, **recent_window())
    run = sync_region(sync_world.admin.pk, REGION)
    assert run.status == SyncRunStatus.SUCCEEDED
    assert run.kind == SyncRunKind.FULL
    assert (run.pages, run.fetched, run.created) == (3, 120, 120)
    assert sorted(stored_ids()) == sorted(ids)
    state = SyncState.objects.get(administrator=sync_world.admin, region=REGION)
    assert state.last_success_at is not None
    assert state.watermark == max(Finding.objects.values_list("updated_at", flat=True))
    assert state.lease_owner == "" and state.lease_until is None
    # Findings carry the pair they came through; archived ones are synced too.
    assert set(Finding.objects.values_list("administrator_id", "api_region")) == {
        (sync_world.admin.pk, REGION)
    }
    assert Finding.objects.filter(archived=True).exists()
    # ListDetectors is not needed (onboarding stored the detector): ListFindings + GetFindings.
    assert run.api_calls == 3 + 3


def test_regions_are_separate_pairs(sync_world):
    sync_world.populate(10, region=REGION, **recent_window())
    sync_world.populate(7, region=OTHER_REGION, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    assert Finding.objects.count() == 10
    sync_region(sync_world.admin.pk, OTHER_REGION)
    assert Counter(Finding.objects.values_list("api_region", flat=True)) == {
        REGION: 10,
        OTHER_REGION: 7,
    }


def test_incremental_run_picks_up_new_findings_and_reoccurrences(sync_world):
    from guardduty_hub.simulator.findings.api import advance_activity

    sync_world.populate(200, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    resolved = Finding.objects.order_by("pk").first()
    Finding.objects.filter(pk=resolved.pk).update(status=FindingStatus.RESOLVED)
    done = advance_activity(sync_world.admin.account_id, REGION, seed=3, new=4, reoccur=0)
    from guardduty_hub.simulator.findings import ingest
    from guardduty_hub.simulator.findings.store import store_of

    store = store_of(sync_world.admin.account_id, REGION)
    ingest.reoccur(
        sync_world.admin.account_id,
        REGION,
        store,
        resolved.guardduty_id,
        timezone.now(),
        publish=False,
    )

    run = sync_region(sync_world.admin.pk, REGION)
    assert run.kind == SyncRunKind.INCREMENTAL
    # The newest earlier finding is listed again (the window starts at the watermark minus the
    # overlap) but not fetched: the hub holds it at the watermark already.
    assert (run.created, run.updated, run.unchanged) == (4, 1, 0)
    assert run.pages == 1
    assert len(done["new"]) == 4 and set(done["new"]) <= set(stored_ids())
    resolved.refresh_from_db()
    assert resolved.status == FindingStatus.NEW
    assert resolved.reopened_at is not None
    # Its history says why it is New again.
    event = AuditEvent.objects.get(action="finding.reopen")
    assert (event.target_type, event.target_id, event.actor) == (
        "findings.finding",
        str(resolved.pk),
        None,
    )
    assert event.details == {"reason": "re-occurred in GuardDuty"}
    assert Finding.objects.count() == 204


def test_pagination_over_many_pages(sync_world):
    sync_world.populate(1234, **recent_window(90))
    run = sync_region(sync_world.admin.pk, REGION)
    assert run.pages == 25
    assert run.fetched == run.created == 1234
    assert Finding.objects.count() == 1234
    assert len(set(stored_ids())) == 1234


def test_two_runs_give_the_same_rows(sync_world):
    sync_world.populate(150, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    columns = ("guardduty_id", "updated_at", "count", "archived", "severity", "raw", "status")
    before = sorted(Finding.objects.values_list(*columns))
    full = sync_region(sync_world.admin.pk, REGION, full=True)
    incremental = sync_region(sync_world.admin.pk, REGION)
    assert (full.created, full.updated, full.unchanged) == (0, 0, 150)
    assert (incremental.created, incremental.updated) == (0, 0)
    assert sorted(Finding.objects.values_list(*columns)) == before


def test_incremental_run_repeats_only_the_overlap_window(sync_world, settings):
    settings.SYNC_OVERLAP_SECONDS = 600
    sync_world.populate(300, **recent_window())
    assert sync_region(sync_world.admin.pk, REGION).fetched == 300
    run = sync_region(sync_world.admin.pk, REGION)
    # Everything was generated an hour ago or earlier, and the last listing (just now) saw all
    # of it: the overlap window is skipped, one ListFindings after the watermark finds
    # nothing, and nothing is fetched again.
    assert (run.fetched, run.created, run.updated, run.api_calls) == (0, 0, 0, 1)
    # Three changes since: exactly those are fetched, in one page.
    end = timezone.now() - timedelta(seconds=5)
    new = sync_world.populate(3, seed=1, start=end - timedelta(minutes=1), end=end)
    run = sync_region(sync_world.admin.pk, REGION)
    assert (run.fetched, run.created, run.pages) == (3, 3, 1)
    assert set(new) <= set(stored_ids())


def test_an_unknown_pair_without_a_detector_is_a_permanent_error(sync_world):
    run = sync_region(sync_world.admin.pk, "ap-southeast-2")
    assert run.status == SyncRunStatus.FAILED
    state = SyncState.objects.get(region="ap-southeast-2")
    assert state.last_error_permanent
    assert "no GuardDuty detector" in state.last_error

"""The incremental run's recheck of [watermark - overlap, watermark] (late-visible findings).

The recheck starts no earlier than the overlap before the listing that reached the watermark
began (`SyncState.watermark_listed_at`): what was updated before that, that listing saw.
"""

from datetime import timedelta

from django.utils import timezone

from guardduty_hub.aws import count_requests
from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncState
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION, recent_window


def incremental(sync_world):
    with count_requests() as counted:
        run = sync_region(sync_world.admin.pk, REGION)
    return run, dict(counted.by_operation)


def test_a_quiet_pair_costs_one_listing_when_its_watermark_is_older_than_the_overlap(
    sync_world, settings
):
    settings.SYNC_OVERLAP_SECONDS = 300
    sync_world.populate(120, **recent_window())  # the newest an hour ago
    first = sync_region(sync_world.admin.pk, REGION)
    state = SyncState.objects.get(administrator=sync_world.admin, region=REGION)
    assert state.watermark_listed_at == first.started_at

    run, calls = incremental(sync_world)
    # The watermark is an hour old and the last listing began minutes ago: nothing can hide in
    # the window, so only "anything after the watermark?" is asked.
    assert calls == {"guardduty.ListFindings": 1}
    assert (run.fetched, run.created, run.updated) == (0, 0, 0)
    state.refresh_from_db()
    assert state.watermark_listed_at == run.started_at


def test_a_finding_that_shows_up_late_inside_the_window_is_still_fetched(sync_world, settings):
    settings.SYNC_OVERLAP_SECONDS = 600
    now = timezone.now()
    # Findings of the last few minutes: the watermark sits within the overlap of the listing.
    sync_world.populate(30, start=now - timedelta(minutes=4), end=now - timedelta(minutes=1))
    sync_region(sync_world.admin.pk, REGION)
    state = SyncState.objects.get(administrator=sync_world.admin, region=REGION)
    watermark = state.watermark
    assert watermark_is_recent(watermark, now)

    # A finding updated before the watermark that GuardDuty only lists now.
    late = sync_world.populate(
        1,
        seed=99,
        start=watermark - timedelta(minutes=3),
        end=watermark - timedelta(minutes=2),
    )
    run, calls = incremental(sync_world)
    assert Finding.objects.filter(guardduty_id__in=late).count() == 1
    assert run.created == 1
    # The window listing, then the (empty) listing after the watermark.
    assert calls["guardduty.ListFindings"] == 2
    assert calls["guardduty.GetFindings"] == 1


def test_a_failed_run_does_not_move_the_listing_time(sync_world):
    from guardduty_hub.simulator import controls

    sync_world.populate(40, **recent_window())
    first = sync_region(sync_world.admin.pk, REGION)
    controls.disable_region(ADMIN_ACCOUNT, REGION)
    failed = sync_region(sync_world.admin.pk, REGION)
    assert failed.status == "failed"
    state = SyncState.objects.get(administrator=sync_world.admin, region=REGION)
    assert state.watermark_listed_at == first.started_at


def watermark_is_recent(watermark, now) -> bool:
    return now - timedelta(minutes=5) <= watermark <= now

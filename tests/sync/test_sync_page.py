"""The Sync page: pairs with their state and last run; "Sync now" for those who may."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncState
from guardduty_hub.sync.services import sync_region
from tests.fixtures.sync_world import OTHER_REGION, REGION, recent_window


def user_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="pw-for-tests-1")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def admin_alice(django_user_model):
    # May see everything and run syncs (core.manage_settings).
    return user_in(django_user_model, "admin_alice", "Admin")


@pytest.fixture
def viewer_carol(django_user_model):
    # Read-only: sees the sync state, cannot start a sync.
    return user_in(django_user_model, "viewer_carol", "Viewer")


def test_page_lists_every_pair_with_last_run_and_error(client, sync_world, viewer_carol):
    from guardduty_hub.simulator import controls

    sync_world.populate(12, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    controls.disable_region(sync_world.admin.account_id, OTHER_REGION)
    sync_region(sync_world.admin.pk, OTHER_REGION)
    client.force_login(viewer_carol)
    response = client.get(reverse("sync:overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-pair="{sync_world.admin.account_id}/{REGION}"' in page
    assert f'data-pair="{sync_world.admin.account_id}/{OTHER_REGION}"' in page
    assert "12 fetched, 12 new" in page
    assert "the region is not enabled" in page
    assert "Needs a fix" in page
    assert "Sync now" not in page


def test_viewer_cannot_start_a_sync(client, sync_world, viewer_carol):
    client.force_login(viewer_carol)
    response = client.post(reverse("sync:run"), {"administrator": sync_world.admin.pk})
    assert response.status_code == 403
    assert not SyncState.objects.exists()


def test_admin_sync_now_runs_the_pair(
    client, sync_world, admin_alice, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    sync_world.populate(9, **recent_window())
    client.force_login(admin_alice)
    page = client.get(reverse("sync:overview")).content.decode()
    assert "Sync now" in page
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(
            reverse("sync:run"), {"administrator": sync_world.admin.pk, "region": REGION}
        )
    assert response.status_code == 302
    assert len(queued) == 1  # one pair, enqueued after the request's transaction
    assert Finding.objects.count() == 9
    assert SyncState.objects.get(region=REGION).last_success_at is not None


def test_page_query_count_does_not_grow_with_pairs(
    client, sync_world, viewer_carol, django_assert_max_num_queries
):
    sync_region(sync_world.admin.pk, REGION)
    sync_region(sync_world.admin.pk, OTHER_REGION)
    client.force_login(viewer_carol)
    # 12 + the pairs' event flows (one query) + the user's account scope (accounts.scope).
    with django_assert_max_num_queries(14):
        assert client.get(reverse("sync:overview")).status_code == 200


def test_after_sync_now_the_page_follows_the_run(client, sync_world, admin_alice):
    client.force_login(admin_alice)
    response = client.post(reverse("sync:run"), {"administrator": sync_world.admin.pk})
    assert response.status_code == 302 and "?queued=" in response.url
    page = client.get(response.url).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert 'id="sync-watching"' in page
    # A plain visit, or one long after the queueing, does not reload itself.
    assert "http-equiv" not in client.get(reverse("sync:overview")).content.decode()
    stale = client.get(reverse("sync:overview"), {"queued": "1000"}).content.decode()
    assert "http-equiv" not in stale


def test_sync_now_with_a_bad_administrator_is_refused_politely(client, sync_world, admin_alice):
    client.force_login(admin_alice)
    response = client.post(reverse("sync:run"), {"administrator": "x1"}, follow=True)
    assert response.status_code == 200
    assert "Nothing to sync" in response.content.decode()


def test_the_page_follows_a_running_run_only_while_its_pair_is_leased(
    client, sync_world, viewer_carol
):
    from datetime import timedelta

    from django.utils import timezone

    from guardduty_hub.sync.models import SyncRun, SyncRunStatus

    sync_world.populate(3, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    state = SyncState.objects.get(region=REGION)
    SyncRun.objects.create(state=state, kind="incremental", status=SyncRunStatus.RUNNING)
    client.force_login(viewer_carol)
    state.lease_until = timezone.now() + timedelta(minutes=5)
    state.save()
    assert "http-equiv" in client.get(reverse("sync:overview")).content.decode()
    # The worker died: the run stays RUNNING until the next one, but its lease ran out.
    state.lease_until = timezone.now() - timedelta(minutes=1)
    state.save()
    assert "http-equiv" not in client.get(reverse("sync:overview")).content.decode()

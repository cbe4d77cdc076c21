"""In a real browser: an Admin syncs one region now from the Sync page; a Viewer only reads it."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import Finding
from guardduty_hub.sync.models import SyncState
from tests.fixtures.sync_world import OTHER_REGION, REGION, recent_window, stored_ids

pytestmark = pytest.mark.django_db(transaction=True)


def pair_row(page, sync_world, region):
    return page.locator(f'tr[data-pair="{sync_world.admin.account_id}/{region}"]')


def test_admin_syncs_one_region_now_and_sees_the_run(signed_in_page, admin_alice, sync_world):
    sync_world.populate(9, **recent_window())
    page = signed_in_page(admin_alice, "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sync").click()
    row = pair_row(page, sync_world, REGION)
    expect(row).to_contain_text("no run yet")
    expect(row).to_contain_text("never")

    row.get_by_role("button", name="Sync now").click()
    expect(page.locator(".messages")).to_contain_text(
        "Sync queued for 1 region. This page follows it until the run finishes."
    )
    expect(page.locator("#sync-watching")).to_be_visible()  # the page follows the run
    row = pair_row(page, sync_world, REGION)
    expect(row).to_contain_text("9 fetched, 9 new, 0 updated")
    expect(row).not_to_contain_text("never")
    expect(pair_row(page, sync_world, OTHER_REGION)).to_contain_text("no run yet")

    # The hub holds exactly what GuardDuty lists (through boto3) for that region.
    gd = sync_world.guardduty(REGION)
    listed = gd.list_findings(DetectorId=sync_world.detectors[REGION], MaxResults=50)
    assert set(stored_ids(REGION)) == set(listed["FindingIds"])
    assert len(listed["FindingIds"]) == 9
    assert not Finding.objects.filter(api_region=OTHER_REGION).exists()
    assert SyncState.objects.get(region=REGION).last_success_at is not None


def test_viewer_sees_the_state_but_no_sync_buttons(signed_in_page, viewer_carol, sync_world):
    from guardduty_hub.sync.services import sync_region

    sync_world.populate(4, **recent_window())
    sync_region(sync_world.admin.pk, REGION)
    page = signed_in_page(viewer_carol, "/sync/")
    expect(pair_row(page, sync_world, REGION)).to_contain_text("4 fetched, 4 new")
    expect(page.get_by_role("table", name="Recent sync runs")).to_contain_text(
        f"{sync_world.admin.account_id} · {REGION}"
    )
    expect(page.get_by_role("button", name="Sync now")).to_have_count(0)
    expect(page.get_by_role("button", name="Sync all now")).to_have_count(0)

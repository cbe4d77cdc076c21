"""In a real browser: an administrator onboarded without detectors adds one collapsed line to
the Sync page, not a row per region (issue 15.10); the page still follows a sync."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.administrators import administrator_onboard
from guardduty_hub.aws.detectors import candidate_regions
from tests.fixtures.membership import role_arn

pytestmark = pytest.mark.django_db(transaction=True)
NEWCOMER = "444444444444"


def test_regions_without_detectors_fold_into_one_line(signed_in_page, admin_alice, sync_world, sim):
    sim.detector(NEWCOMER, "eu-west-1")
    regions = candidate_regions()
    _, report = administrator_onboard(
        admin_alice, account_id=NEWCOMER, role_arn=role_arn(NEWCOMER), regions=regions
    )
    assert report.detector_regions == ["eu-west-1"]
    off = len(regions) - 1
    page = signed_in_page(admin_alice, "/sync/")
    table = page.get_by_role("table", name="Sync state per administrator and region")
    expect(table.locator("tbody tr[data-pair]")).to_have_count(3)  # the pairs with a detector
    line = table.locator(f'tr[data-switched-off="{NEWCOMER}"]')
    expect(line).to_have_count(1)
    summary = line.locator("summary")
    expect(summary).to_have_text(f"GuardDuty is off in {off} regions: nothing to sync there")
    listed = line.locator("details p").first
    expect(listed).to_contain_text("us-west-2")
    expect(listed).to_be_hidden()  # collapsed
    summary.click()
    expect(listed).to_be_visible()

    # Sync all now: the enabled pairs only, and the page follows the runs as before.
    page.get_by_role("button", name="Sync all now").click()
    expect(page.locator(".messages")).to_contain_text(
        "Sync queued for 3 regions. This page follows it until the runs finish."
    )
    expect(page.locator("#sync-watching")).to_be_visible()
    expect(page.locator(f'tr[data-switched-off="{NEWCOMER}"]')).to_have_count(1)

"""In a real browser: designate the delegated administrator from the management account, then
set the organization's auto-enable in every region, each with its per-region progress."""

import pytest
from playwright.sync_api import expect

from tests.configuration.conftest import HUB_ADMIN, REGIONS

pytestmark = pytest.mark.django_db(transaction=True)


def finish_operation(page):
    expect(page.locator("[data-state]").first).to_have_attribute("data-state", "done")
    for region in REGIONS:
        expect(page.locator(f'[data-region-progress="{region}"]')).to_have_text("1/1 done")
    page.get_by_role("link", name="Back to the organization").click()


def test_organization_designate_then_auto_enable_in_every_region(
    signed_in_page, sim, admin_alice, hub_admin, members
):
    management = members[0]
    page = signed_in_page(admin_alice, f"/configuration/{HUB_ADMIN}/organization/")
    expect(
        page.get_by_text("not the organization's delegated GuardDuty administrator")
    ).to_be_visible()
    page.get_by_label("Management account").select_option(management.account_id)
    page.get_by_role("button", name=f"Designate {HUB_ADMIN}").click()
    finish_operation(page)

    page.get_by_label("Turn GuardDuty on for").select_option("ALL")
    page.get_by_label("S3_DATA_EVENTS").select_option("NEW")
    page.get_by_role("button", name="Save in every region").click()
    finish_operation(page)
    for region in REGIONS:
        row = page.locator(f'#organization-regions tr[data-region="{region}"]')
        expect(row).to_contain_text("ALL")
        expect(row).to_contain_text("S3_DATA_EVENTS: NEW")
        gd, detector = sim.guardduty(HUB_ADMIN, region), sim.detector(HUB_ADMIN, region)
        config = gd.describe_organization_configuration(DetectorId=detector)
        assert config["AutoEnableOrganizationMembers"] == "ALL"

"""In a real browser: an invitation fails in one region, the page says why, and the Admin
retries only what failed once the region works again."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.simulator import controls
from tests.fixtures.membership import HUB_ADMIN, REGIONS, statuses

from .seen_in_guardduty import inviters

pytestmark = pytest.mark.django_db(transaction=True)


def test_retry_only_the_failed_region(signed_in_page, sim, admin_alice, hub_admin, members):
    member = members[0]
    controls.disable_region(HUB_ADMIN, "eu-west-1")
    page = signed_in_page(admin_alice, "/accounts/")
    page.get_by_label(f"Select {member.account_id}").check()
    page.get_by_role("button", name="Invite", exact=True).click()
    page.locator("#confirm-operation").click()

    expect(page.locator("[data-state]")).to_have_attribute("data-state", "partial")
    expect(page.locator('[data-region-progress="us-east-1"]')).to_have_text("1/1 done")
    expect(page.locator('[data-region-progress="eu-west-1"]')).to_contain_text("1 failed")
    failed = page.locator("#failed-items tbody tr")
    expect(failed).to_have_count(1)
    expect(failed.first).to_contain_text("eu-west-1")
    expect(failed.first.locator("td").nth(2)).not_to_be_empty()  # the reason, in words
    assert statuses(hub_admin, member) == {(member.account_id, "us-east-1"): "Invited"}

    controls.clear_faults()
    page.get_by_role("button", name="Retry only these 1").click()
    expect(page.locator(".messages")).to_contain_text("Retrying 1 failed item;")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    expect(page.locator('[data-region-progress="eu-west-1"]')).to_have_text("1/1 done")
    expect(page.locator("#failed-items")).to_have_count(0)
    assert set(statuses(hub_admin, member).values()) == {"Invited"}
    assert inviters(sim, member.account_id) == {region: [HUB_ADMIN] for region in REGIONS}

"""Suspend, then remove, a member in every region from the accounts table, in Chromium."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.member_services import invitation_accept, invitations_refresh

from .conftest import HUB_ADMIN, REGIONS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def enabled_member(run_operation, admin_alice, hub_admin, members):
    run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    invitations_refresh(members[0])
    invitation_accept(admin_alice, members[0], HUB_ADMIN)
    return members[0]


def run_from_table(page, account_id, button):
    page.get_by_label(f"Select {account_id}").check()
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#confirm-operation").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    page.get_by_role("link", name="Back to member accounts").click()


def test_suspend_then_remove(signed_in_page, admin_alice, enabled_member):
    page = signed_in_page(admin_alice, "/accounts/")
    row = page.locator(f'tr[data-account="{enabled_member.account_id}"]')
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute("data-status", "Enabled")

    run_from_table(page, enabled_member.account_id, "Suspend")
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute(
            "data-status", "Disabled"
        )

    run_from_table(page, enabled_member.account_id, "Remove")
    for region in REGIONS:
        expect(row.locator(f'[data-region="{region}"]')).to_have_attribute("data-status", "none")

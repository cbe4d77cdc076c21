"""Membership set-ups of the accounts browser tests.

The personas (admin_alice, analyst_bob, viewer_carol, member_owner_dave, outsider_erin),
`member_accounts` and `client_for` come from tests/fixtures/personas.py; the administrator, the
simulator and its members (`sim`, `hub_admin`, `members`, `invited`, `run_operation`, HUB_ADMIN,
REGIONS, `statuses`) from tests/fixtures/membership.py.
"""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh
from tests.fixtures.membership import HUB_ADMIN, REGIONS


@pytest.fixture
def enabled_member(run_operation, admin_alice, hub_admin, members):
    """The first member, Enabled under the hub's administrator in every region."""
    run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    invitations_refresh(members[0])
    invitation_accept(admin_alice, members[0], HUB_ADMIN)
    return members[0]


def run_from_table(page, account_id, button):
    """In the accounts table: select the account, run `button`, confirm, wait, go back."""
    page.get_by_label(f"Select {account_id}").check()
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#confirm-operation").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    page.get_by_role("link", name="Back to member accounts").click()

"""Membership set-ups of the accounts browser tests.

The personas (admin_alice, analyst_bob, viewer_carol, member_owner_dave, outsider_erin),
`member_accounts` and `client_for` come from tests/fixtures/personas.py; the administrator, the
simulator and its members (`sim`, `hub_admin`, `members`, `invited`, `invited_member`,
`enabled_member`, `run_operation`, HUB_ADMIN, REGIONS, `statuses`) from
tests/fixtures/membership.py.
"""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.administrators import administrator_onboard
from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh
from tests.fixtures.membership import HUB_ADMIN, REGIONS, role_arn


def member_view_invitations(page, account_id):
    """From the accounts table: the member's view, its invitations read from GuardDuty now (the
    page shows what the hub last read)."""
    page.locator(f'tr[data-account="{account_id}"]').get_by_role("link", name="Member view").click()
    page.get_by_role("button", name="Refresh invitations").click()


def run_from_table(page, account_id, button):
    """In the accounts table: select the account, run `button`, confirm, wait, go back."""
    page.get_by_label(f"Select {account_id}").check()
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#confirm-operation").click()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    page.get_by_role("link", name="Back to member accounts").click()


OTHER_ADMIN = "888888888888"
# Screenshots the browser tests take, for a person to look at (gitignored).
SCREENSHOTS = "screenshots"  # under tests/accounts/


@pytest.fixture
def held_elsewhere(sim, run_operation, admin_alice, hub_admin, members):
    """Member 1 accepted the hub's administrator in eu-west-1 only; a second administrator
    (OTHER_ADMIN) then invited it in both regions, and the member's invitations were read."""
    member = members[0]
    run_operation(admin_alice, "invite", hub_admin, [member], REGIONS)
    invitations_refresh(member)
    invitation_accept(admin_alice, member, HUB_ADMIN, regions=["eu-west-1"])
    for region in REGIONS:
        sim.detector(OTHER_ADMIN, region)
    other, report = administrator_onboard(
        admin_alice, account_id=OTHER_ADMIN, role_arn=role_arn(OTHER_ADMIN), regions=REGIONS
    )
    assert report.ok, report.error
    run_operation(admin_alice, "invite", other, [member], REGIONS)
    invitations_refresh(member)
    return member

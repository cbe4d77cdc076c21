"""In a real browser: a member owner leaves the administrator in one region from the portal."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh
from tests.fixtures.membership import HUB_ADMIN, statuses

from .seen_in_guardduty import administrator_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dave_is_a_member(invited, member_owner_dave):
    member = invited[1]
    invitations_refresh(member)
    invitation_accept(member_owner_dave, member, HUB_ADMIN)
    return member


def test_leave_the_administrator_in_one_region(
    signed_in_page, sim, hub_admin, member_owner_dave, dave_is_a_member
):
    member = dave_is_a_member
    page = signed_in_page(member_owner_dave, f"/accounts/member/{member.account_id}/")
    # The page shows what the hub last read: read GuardDuty now.
    page.get_by_role("button", name="Refresh invitations").click()
    by_region = page.locator("#administrators-by-region")
    for region in ("eu-west-1", "us-east-1"):
        expect(by_region.locator(f'tr[data-region="{region}"]')).to_contain_text(HUB_ADMIN)

    page.get_by_label("Leave in us-east-1").check()
    page.get_by_role("button", name="Leave the administrator in the selected regions").click()
    expect(page.locator(".msg-success")).to_have_text("Left the administrator in us-east-1.")
    expect(by_region.locator('tr[data-region="us-east-1"]')).to_contain_text("none")
    expect(by_region.locator('tr[data-region="eu-west-1"]')).to_contain_text(HUB_ADMIN)
    expect(page.get_by_label("Leave in us-east-1")).to_have_count(0)

    assert administrator_of(sim, member.account_id, "us-east-1") is None
    assert administrator_of(sim, member.account_id, "eu-west-1") == HUB_ADMIN
    # The hub's administrator side already knows: Resigned where the member left.
    assert statuses(hub_admin, member) == {
        (member.account_id, "eu-west-1"): "Enabled",
        (member.account_id, "us-east-1"): "Resigned",
    }

"""In a real browser: an Admin opens a member's view from the accounts table and accepts its
invitation in one region on the member's behalf (the page says so; the audit trail records it)."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AuditEvent
from tests.fixtures.membership import HUB_ADMIN, statuses

from .conftest import member_view_invitations
from .seen_in_guardduty import administrator_of


@pytest.mark.django_db(transaction=True)
def test_admin_accepts_in_one_region_on_behalf(
    signed_in_page, sim, admin_alice, hub_admin, invited_member
):
    account_id = invited_member.account_id
    page = signed_in_page(admin_alice, "/accounts/")
    member_view_invitations(page, account_id)
    expect(page.locator(".msg-warning")).to_contain_text("acting on behalf of this member account")
    inviter = page.locator(f'[data-inviter="{HUB_ADMIN}"]')
    inviter.get_by_role("button", name="Accept in eu-west-1").click()

    expect(page.locator(".msg-success")).to_have_text("Accepted in eu-west-1.")
    by_region = page.locator("#administrators-by-region")
    expect(by_region.locator('tr[data-region="eu-west-1"]')).to_contain_text(HUB_ADMIN)
    expect(by_region.locator('tr[data-region="us-east-1"]')).to_contain_text("none")
    expect(inviter.locator("[data-invitation-region]")).to_have_count(1)  # us-east-1 still open

    assert administrator_of(sim, account_id, "eu-west-1") == HUB_ADMIN
    assert administrator_of(sim, account_id, "us-east-1") is None
    assert statuses(hub_admin, invited_member) == {
        (account_id, "eu-west-1"): "Enabled",
        (account_id, "us-east-1"): "Invited",
    }
    event = AuditEvent.objects.get(action="invitation.accept")
    assert event.actor == admin_alice and event.details["on_behalf"] is True

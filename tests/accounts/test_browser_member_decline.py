"""In a real browser: a member owner sees an administrator's invitation and declines it."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AuditEvent, Invitation
from tests.fixtures.membership import HUB_ADMIN, REGIONS

from .seen_in_guardduty import inviters

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_owner_declines_an_invitation(
    signed_in_page,
    sim,
    invited,
    member_owner_dave,
):
    member = invited[1]  # Dave's account
    assert inviters(sim, member.account_id) == {region: [HUB_ADMIN] for region in REGIONS}
    page = signed_in_page(member_owner_dave, "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="My member accounts"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"GuardDuty invitations for {member}")
    # The page shows what the hub last read: read GuardDuty now.
    page.get_by_role("button", name="Refresh invitations").click()
    inviter = page.locator(f'[data-inviter="{HUB_ADMIN}"]')
    expect(inviter).to_contain_text(f"AWS account {HUB_ADMIN} invited this account")
    expect(inviter.locator("[data-invitation-region]")).to_have_count(len(REGIONS))

    inviter.get_by_role("button", name="Decline").click()
    expect(page.locator(".msg-success")).to_have_text(f"Declined in {', '.join(REGIONS)}.")
    expect(page.locator("#no-invitations")).to_be_visible()
    expect(page.locator("#no-administrator")).to_be_visible()  # declined: still nobody's member

    assert inviters(sim, member.account_id) == {region: [] for region in REGIONS}
    assert not Invitation.objects.filter(member=member).exists()
    event = AuditEvent.objects.get(action="invitation.decline")
    assert event.actor == member_owner_dave
    # The other members' invitations are untouched.
    assert inviters(sim, invited[0].account_id) == {region: [HUB_ADMIN] for region in REGIONS}

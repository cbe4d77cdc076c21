"""The member portal page: nothing to leave until there is an administrator; findings a click away."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh
from guardduty_hub.accounts.models import AuditEvent
from tests.fixtures.membership import HUB_ADMIN

pytestmark = pytest.mark.django_db


def test_before_accepting_there_is_no_leave_button(client_for, invited, member_owner_dave):
    member = invited[1]
    client = client_for(member_owner_dave)
    client.post(reverse("accounts:member_refresh", args=[member.account_id]))
    page = client.get(reverse("accounts:member", args=[member.account_id]))
    html = page.content.decode()
    assert 'id="no-administrator"' in html and "accept an invitation above" in html
    assert "Leave the administrator" not in html
    assert f'href="/findings/?account={member.account_id}"' in html


def test_after_accepting_the_member_can_leave(client_for, invited, member_owner_dave):
    member = invited[1]
    invitations_refresh(member)
    invitation_accept(member_owner_dave, member, HUB_ADMIN)
    invitations_refresh(member)  # the page shows what the last refresh read
    html = (
        client_for(member_owner_dave)
        .get(reverse("accounts:member", args=[member.account_id]))
        .content.decode()
    )
    assert "Leave the administrator in the selected regions" in html
    assert 'id="no-administrator"' not in html


def test_leaving_with_no_region_chosen_says_so_and_does_nothing(
    client_for, invited, member_owner_dave
):
    member = invited[1]
    invitations_refresh(member)
    invitation_accept(member_owner_dave, member, HUB_ADMIN)
    client = client_for(member_owner_dave)
    answer = client.post(reverse("accounts:member_leave", args=[member.account_id]), follow=True)
    assert "Select the regions to leave the administrator in." in answer.content.decode()
    assert not AuditEvent.objects.filter(action="administrator.leave").exists()

"""The member portal page: nothing to leave until there is an administrator; findings a click away."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh
from guardduty_hub.accounts.models import AuditEvent, Invitation
from tests.fixtures.membership import HUB_ADMIN

from .conftest import OTHER_ADMIN
from .seen_in_guardduty import administrator_of

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


def test_accept_is_disabled_where_another_administrator_holds_the_region(
    client_for, admin_alice, held_elsewhere
):
    member = held_elsewhere
    client = client_for(admin_alice)
    html = client.get(reverse("accounts:member", args=[member.account_id])).content.decode()
    section = html[html.index(f'data-inviter="{OTHER_ADMIN}"') :]
    eu = section[section.index('data-invitation-region="eu-west-1"') :]
    eu = eu[: eu.index("</tr>")]
    assert "disabled" in eu and ">Accept in eu-west-1</button>" in eu
    assert f"Already a member of administrator {HUB_ADMIN} in eu-west-1" in eu
    assert "GuardDuty allows only one administrator per region" in eu
    us = section[section.index('data-invitation-region="us-east-1"') :]
    assert "disabled" not in us[: us.index("</tr>")]
    # "Accept in all" accepts only where it can, and says so.
    accept_all = section[: section.index(f'id="accept-all-{OTHER_ADMIN}"')]
    accept_all = accept_all[accept_all.rindex("<form") :]
    assert 'name="region" value="us-east-1"' in accept_all
    assert 'value="eu-west-1"' not in accept_all
    assert "Accept in the 1 region you can" in section


def test_the_service_refuses_accepting_a_second_administrator(
    sim, client_for, admin_alice, held_elsewhere
):
    member = held_elsewhere
    # Posted anyway (an old page, a crafted request): refused, with the same reason.
    answer = client_for(admin_alice).post(
        reverse("accounts:member_accept", args=[member.account_id]),
        {"administrator": OTHER_ADMIN, "region": "eu-west-1"},
        follow=True,
    )
    assert (
        f"eu-west-1: Already a member of administrator {HUB_ADMIN} in eu-west-1; GuardDuty "
        "allows only one administrator per region." in answer.content.decode()
    )
    assert administrator_of(sim, member.account_id, "eu-west-1") == HUB_ADMIN
    assert "accepted" not in Invitation.objects.filter(
        member=member, administrator_account_id=OTHER_ADMIN
    ).values_list("response", flat=True)

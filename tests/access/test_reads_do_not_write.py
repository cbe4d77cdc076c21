"""Issue 13.10: reading the member portal or GET /api/member-accounts/<id>/ neither calls AWS
nor writes; "Refresh invitations" (a POST, on the page and in the API) does both."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts import models
from guardduty_hub.accounts.models import Invitation
from tests.fixtures.membership import HUB_ADMIN

pytestmark = pytest.mark.django_db

DAVE = "222222222222"


@pytest.fixture
def aws_calls(monkeypatch):
    """Every GuardDuty call the hub's gateway makes for a member, by operation."""
    from guardduty_hub.aws import gateway

    calls = []
    for name in ("list_invitations", "list_detector_id", "get_administrator_account"):
        real = getattr(gateway, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(gateway, name, spy)
    return calls


def test_the_portal_page_reads_what_was_stored(
    client_for, invited, member_owner_dave, aws_calls, django_assert_max_num_queries
):
    client = client_for(member_owner_dave)
    page = client.get(reverse("accounts:member", args=[DAVE]))
    assert page.status_code == 200
    assert aws_calls == []
    assert not Invitation.objects.filter(member__account_id=DAVE).exists()
    assert "Refresh invitations" in page.text

    refreshed = client.post(reverse("accounts:member_refresh", args=[DAVE]))
    assert refreshed.status_code == 302
    assert "list_invitations" in aws_calls
    assert Invitation.objects.filter(member__account_id=DAVE).exists()
    assert models.MemberRegionState.objects.filter(member__account_id=DAVE).exists()

    aws_calls.clear()
    page = client.get(reverse("accounts:member", args=[DAVE]))
    assert f'data-inviter="{HUB_ADMIN}"' in page.text
    assert aws_calls == []


def test_the_api_reads_what_was_stored(api_for, invited, member_owner_dave, aws_calls):
    api = api_for(member_owner_dave)
    state = api.get(f"/api/member-accounts/{DAVE}/")
    assert state.status_code == 200
    assert state.json()["invitations"] == []
    assert aws_calls == []
    assert not Invitation.objects.filter(member__account_id=DAVE).exists()

    refreshed = api.post(f"/api/member-accounts/{DAVE}/refresh/")
    assert refreshed.status_code == 200
    assert {i["administrator"] for i in refreshed.json()["invitations"]} == {HUB_ADMIN}
    assert refreshed.json()["checked_at"] is not None

    aws_calls.clear()
    again = api.get(f"/api/member-accounts/{DAVE}/").json()
    assert {i["administrator"] for i in again["invitations"]} == {HUB_ADMIN}
    assert aws_calls == []


def test_refresh_is_not_a_get(client_for, api_for, invited, member_owner_dave):
    client = client_for(member_owner_dave)
    assert client.get(reverse("accounts:member_refresh", args=[DAVE])).status_code == 405
    assert (
        api_for(member_owner_dave).get(f"/api/member-accounts/{DAVE}/refresh/").status_code == 405
    )

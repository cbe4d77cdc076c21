"""Who may do what on the accounts pages: writes need core.manage_accounts; scope limits reads."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import AccountScope, AwsAccount
from guardduty_hub.accounts.scope import Verb, accounts_for

pytestmark = pytest.mark.django_db

WRITE_PAGES = ["accounts:add", "accounts:import"]


@pytest.mark.parametrize(
    "persona", ["analyst_bob", "viewer_carol", "member_owner_dave", "outsider_erin"]
)
@pytest.mark.parametrize("page", WRITE_PAGES)
def test_only_admins_may_add(request, client_for, persona, page):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse(page)).status_code == 403
    response = client.post(
        reverse("accounts:add"),
        {
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-account_id": "444455556666",
            "rows-0-email": "a@example.com",
        },
    )
    assert response.status_code == 403
    assert not AwsAccount.objects.filter(account_id="444455556666").exists()


def test_admin_may_open_the_write_pages(client_for, admin_alice):
    client = client_for(admin_alice)
    for page in WRITE_PAGES:
        assert client.get(reverse(page)).status_code == 200


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("accounts:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["admin_alice", "analyst_bob", "viewer_carol"])
def test_staff_roles_see_every_member(request, client_for, member_accounts, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("accounts:list"))
    assert response.status_code == 200
    for account in member_accounts:
        assert account.account_id in response.text


def test_member_owner_sees_only_own_accounts(client_for, member_owner_dave, member_accounts):
    response = client_for(member_owner_dave).get(reverse("accounts:list"))
    assert response.status_code == 200
    assert "222222222222" in response.text
    assert "111111111111" not in response.text
    assert "333333333333" not in response.text


def test_member_owner_without_scope_sees_nothing(member_owner_dave, member_accounts):
    AccountScope.objects.filter(user=member_owner_dave).delete()
    assert not accounts_for(member_owner_dave, Verb.VIEW).exists()


def test_scoped_analyst_sees_only_scoped_accounts(analyst_bob, member_accounts):
    AccountScope.objects.create(user=analyst_bob, account=member_accounts[2])
    assert list(accounts_for(analyst_bob, Verb.VIEW)) == [member_accounts[2]]


def test_user_without_role_cannot_read_the_table(client_for, outsider_erin):
    assert client_for(outsider_erin).get(reverse("accounts:list")).status_code == 403

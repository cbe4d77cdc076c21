"""Issue 13.4: a scoped user never gains access by a deletion (of their account or scope row)."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import AccountScope

pytestmark = pytest.mark.django_db


def test_deleting_the_scoped_account_leaves_the_user_scoped_to_nothing(
    client_for, api_for, scoped_frank, member_accounts
):
    member_accounts[0].delete()  # frank's only account: the scope row cascades away
    assert not AccountScope.objects.filter(user=scoped_frank).exists()
    page = client_for(scoped_frank).get(reverse("accounts:list"))
    assert page.status_code == 200
    assert "222222222222" not in page.text
    assert "333333333333" not in page.text
    api = api_for(scoped_frank).get("/api/accounts/")
    assert api.status_code == 200
    assert api.json()["results"] == []


def test_deleting_the_scope_row_does_not_widen_the_scope(
    client_for, scoped_admin_gina, member_accounts
):
    AccountScope.objects.filter(user=scoped_admin_gina).delete()
    page = client_for(scoped_admin_gina).get(reverse("accounts:list"))
    assert page.status_code == 200
    for account in member_accounts:
        assert account.account_id not in page.text

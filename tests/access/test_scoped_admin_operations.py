"""Issue 13.1: an Admin scoped to some accounts acts on those only, from the page and the API,
and the member portal decides who may open a member account as the API does."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import MembershipOperation, OperationItem

pytestmark = pytest.mark.django_db


def _operations_on(account_id: str) -> int:
    return OperationItem.objects.filter(
        account__account_id=account_id, operation__kind="suspend"
    ).count()


def test_page_refuses_an_operation_on_an_account_outside_the_scope(
    client_for, world, scoped_admin_hal
):
    before = _operations_on("222222222222")
    response = client_for(scoped_admin_hal).post(
        reverse("accounts:operation_new"),
        {
            "kind": "suspend",
            "account": ["222222222222"],
            "administrator": world.admin.pk,
            "regions": ["us-east-1"],
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:list")  # "Select at least one account first."
    assert _operations_on("222222222222") == before


def test_page_runs_an_operation_inside_the_scope(client_for, world, scoped_admin_hal):
    count = MembershipOperation.objects.count()
    response = client_for(scoped_admin_hal).post(
        reverse("accounts:operation_new"),
        {
            "kind": "suspend",
            "account": ["111111111111", "222222222222"],
            "administrator": world.admin.pk,
            "regions": ["us-east-1"],
        },
    )
    assert response.status_code == 302
    operation = MembershipOperation.objects.order_by("-id").first()
    assert MembershipOperation.objects.count() == count + 1
    # The account outside the scope dropped out; the one inside is suspended.
    assert [i.account.account_id for i in operation.items.all()] == ["111111111111"]


def test_page_refuses_an_administrator_outside_the_scope(client_for, world, scoped_admin_hal):
    count = MembershipOperation.objects.count()
    response = client_for(scoped_admin_hal).post(
        reverse("accounts:operation_new"),
        {
            "kind": "suspend",
            "account": ["111111111111"],
            "administrator": world.other_admin.pk,
            "regions": ["us-east-1"],
        },
    )
    assert response.status_code == 200  # the form again: not a valid administrator
    assert "888888888888" not in response.text
    assert MembershipOperation.objects.count() == count


def test_api_refuses_an_operation_on_an_account_outside_the_scope(api_for, world, scoped_admin_hal):
    before = _operations_on("222222222222")
    response = api_for(scoped_admin_hal).post(
        "/api/membership-operations/",
        {"kind": "suspend", "administrator": "999999999999", "accounts": ["222222222222"]},
        format="json",
    )
    assert response.status_code == 400
    assert _operations_on("222222222222") == before


def test_api_refuses_an_administrator_outside_the_scope(api_for, world, scoped_admin_hal):
    count = MembershipOperation.objects.count()
    response = api_for(scoped_admin_hal).post(
        "/api/membership-operations/",
        {"kind": "suspend", "administrator": "888888888888", "accounts": ["111111111111"]},
        format="json",
    )
    assert response.status_code == 400
    assert MembershipOperation.objects.count() == count


def test_api_runs_an_operation_inside_the_scope(api_for, world, scoped_admin_hal):
    response = api_for(scoped_admin_hal).post(
        "/api/membership-operations/",
        {"kind": "suspend", "administrator": "999999999999", "accounts": ["111111111111"]},
        format="json",
    )
    assert response.status_code == 202, response.content


def test_retry_of_an_operation_outside_the_scope_is_not_found(
    client_for, api_for, world, scoped_admin_hal
):
    wide = world.wide_operation  # spans 222, outside hal's scope
    page = client_for(scoped_admin_hal).post(reverse("accounts:operation_retry", args=[wide.pk]))
    assert page.status_code == 404
    api = api_for(scoped_admin_hal).post(f"/api/membership-operations/{wide.pk}/retry/")
    assert api.status_code == 404


@pytest.mark.parametrize("persona", ["scoped_admin_gina", "scoped_admin_hal"])
def test_member_portal_of_another_account_is_not_found_as_in_the_api(
    request, client_for, api_for, world, persona
):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(reverse("accounts:member", args=["222222222222"])).status_code == 404
    decline = client.post(
        reverse("accounts:member_decline", args=["222222222222"]),
        {"administrator": "999999999999"},
    )
    assert decline.status_code == 404
    assert api_for(user).get("/api/member-accounts/222222222222/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "account_id", "allowed"),
    [
        ("admin_alice", "222222222222", True),
        ("member_owner_dave", "222222222222", True),
        ("member_owner_dave", "111111111111", False),
        ("scoped_admin_gina", "111111111111", True),
        ("scoped_admin_gina", "222222222222", False),
        # An administrator account is never a member (GuardDuty allows one or the other).
        ("admin_alice", "999999999999", False),
    ],
)
def test_portal_and_api_decide_member_access_alike(
    request, client_for, api_for, world, persona, account_id, allowed
):
    user = request.getfixturevalue(persona)
    page = client_for(user).get(reverse("accounts:member", args=[account_id])).status_code
    api = api_for(user).get(f"/api/member-accounts/{account_id}/").status_code
    assert (page, api) == ((200, 200) if allowed else (404, 404))

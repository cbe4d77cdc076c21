"""The finding list filters by administrator: with two administrators, an account invited by
both has findings through each, and the list (and the API) can show one administrator's."""

from django.urls import reverse

from guardduty_hub.accounts.models import AccountKind, AwsAccount
from tests.factories import make_finding


def _admins():
    return [
        AwsAccount.objects.create(account_id=account_id, name=name, kind=AccountKind.ADMINISTRATOR)
        for account_id, name in (("999999999999", "Security"), ("888888888888", "Audit"))
    ]


def test_the_list_offers_administrators_and_filters_by_one(client_for, analyst_bob, db):
    security, audit = _admins()
    make_finding(account_id="111111111111", administrator=security, title="Through security")
    make_finding(account_id="111111111111", administrator=audit, title="Through audit")
    client = client_for(analyst_bob)

    page = client.get(reverse("findings:list")).content.decode()
    assert 'name="administrator" value="888888888888"' in page
    assert 'name="administrator" value="111111111111"' not in page  # a member, not offered

    page = client.get(reverse("findings:list"), {"administrator": "888888888888"}).content.decode()
    assert "Through audit" in page and "Through security" not in page
    assert "Administrator: 888888888888" in page  # the chip says what filters the list


def test_the_api_filters_by_administrator_within_the_callers_scope(
    api_for, scoped_frank, member_accounts
):
    security, audit = _admins()
    own = make_finding(account_id="111111111111", administrator=audit)
    make_finding(account_id="111111111111", administrator=security)
    make_finding(account_id="222222222222", administrator=audit)  # outside frank's scope
    answer = api_for(scoped_frank).get("/api/findings/", {"administrator": "888888888888"})
    assert [row["id"] for row in answer.json()["results"]] == [own.pk]

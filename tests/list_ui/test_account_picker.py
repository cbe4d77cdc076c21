"""The account filter with many accounts: a search-as-you-type picker instead of a checkbox
per account (issue 15 item 11), answered by a scoped JSON search."""

from django.urls import reverse

from guardduty_hub.accounts.models import AwsAccount
from tests.factories import make_finding


def _many_accounts(count: int = 300) -> None:
    AwsAccount.objects.bulk_create(
        AwsAccount(account_id=f"{500000000000 + n}", name=f"Workload {n:03d}") for n in range(count)
    )


def test_many_accounts_render_a_picker_not_a_checkbox_each(client_for, analyst_bob, db):
    make_finding(account_id="500000000007")
    _many_accounts()
    client = client_for(analyst_bob)
    page = client.get(reverse("findings:list")).content.decode()
    assert page.count('name="account"') == 0
    assert 'class="account-picker"' in page and "300 accounts: type the start" in page
    assert len(page) < 60_000  # a checkbox per account was ~180 bytes each

    # A chosen account stays a ticked box (it works without JavaScript), with its name.
    page = client.get(reverse("findings:list"), {"account": "500000000007"}).content.decode()
    assert page.count('name="account"') == 1
    assert 'name="account" value="500000000007" checked> <span>Workload 007' in page


def test_few_accounts_keep_the_checkboxes(client_for, analyst_bob, settings, db):
    _many_accounts(5)
    page = client_for(analyst_bob).get(reverse("findings:list")).content.decode()
    assert page.count('type="checkbox" name="account"') == 5
    assert "account-picker" not in page
    settings.FINDINGS_ACCOUNT_PICKER_THRESHOLD = 4
    page = client_for(analyst_bob).get(reverse("findings:list")).content.decode()
    assert "account-picker" in page


def test_the_search_is_scoped_limited_and_by_id_prefix_or_name(
    client_for, analyst_bob, scoped_frank, member_accounts
):
    _many_accounts()
    url = reverse("findings:account_search")
    bob = client_for(analyst_bob)
    found = bob.get(url, {"q": "5000000001"}).json()["results"]
    assert len(found) == 20  # 100 match the prefix: the first 20 by name
    assert found[0] == {"id": "500000000100", "name": "Workload 100"}
    assert [a["id"] for a in bob.get(url, {"q": "load 299"}).json()["results"]] == ["500000000299"]
    assert bob.get(url, {"q": "00000001"}).json()["results"] == []  # a prefix, not anywhere

    frank = client_for(scoped_frank)  # sees 111111111111 only
    assert frank.get(url, {"q": "5000"}).json()["results"] == []
    assert frank.get(url, {"q": "Member"}).json()["results"] == [
        {"id": "111111111111", "name": "Member 1"}
    ]

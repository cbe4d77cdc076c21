"""Each row of the accounts table leads to that account's findings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_account_links_to_its_findings(client_for, admin_alice, member_accounts):
    page = client_for(admin_alice).get(reverse("accounts:list")).content.decode()
    for account in member_accounts:
        row = page[page.index(f'data-account="{account.account_id}"') :].split("</tr>")[0]
        assert f'href="/findings/?account={account.account_id}" data-findings-link' in row


def test_member_owner_sees_the_link_for_their_account(client_for, member_owner_dave):
    page = client_for(member_owner_dave).get(reverse("accounts:list")).content.decode()
    assert page.count("data-findings-link") == 1
    assert 'href="/findings/?account=222222222222" data-findings-link' in page

"""Accounts and findings for the triage tests.

The personas (admin_alice, analyst_bob, viewer_carol, member_owner_dave, scoped_frank,
outsider_erin) come from tests/fixtures/personas.py; their accounts are this area's `accounts`.
"""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import AdministratorRegion
from tests.factories import AdministratorFactory, AwsAccountFactory, make_finding

ADMIN_ID = "123456789012"
MEMBER_IDS = ["111111111111", "222222222222", "333333333333"]


@pytest.fixture
def accounts(db):
    """The administrator and three members, by account id."""
    found = {
        ADMIN_ID: AdministratorFactory(account_id=ADMIN_ID, name="Security"),
    }
    for n, account_id in enumerate(MEMBER_IDS, start=1):
        found[account_id] = AwsAccountFactory(account_id=account_id, name=f"Member {n}")
    return found


@pytest.fixture
def member_accounts(accounts):
    """The personas' member accounts are this area's members (personas.py scopes by index)."""
    return [accounts[account_id] for account_id in MEMBER_IDS]


@pytest.fixture
def finding_factory(db):
    return make_finding


@pytest.fixture
def admin_region(gd_sim, accounts, settings):
    """The hub's administrator in us-east-1, with its detector in the simulator."""
    settings.AWS_MAX_ATTEMPTS = 1
    return AdministratorRegion.objects.create(
        administrator=accounts[ADMIN_ID],
        region="us-east-1",
        detector_id=gd_sim.detector(None, "us-east-1"),
    )


@pytest.fixture
def list_page(client_for, admin_alice, accounts):
    """list_page(**params) -> the finding list's answer to an Admin (200 rows a page)."""
    client = client_for(admin_alice)

    def ask(**params):
        answer = client.get(reverse("findings:list"), {"per_page": 200, **params})
        assert answer.status_code == 200
        return answer

    return ask

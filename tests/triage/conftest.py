"""Accounts and findings for the triage tests.

The personas (admin_alice, analyst_bob, viewer_carol, member_owner_dave, scoped_frank,
outsider_erin) come from tests/fixtures/personas.py; their accounts are this area's `accounts`.
"""

import pytest

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount
from guardduty_hub.findings.models import Finding
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
def synced_world(gd_sim, settings, transactional_db):
    """The simulator's administrator with a member and three findings, synced into the hub."""
    from guardduty_hub.simulator.findings import load_findings
    from guardduty_hub.sync.services import sync_region
    from tests.findings.builders import raw_finding
    from tests.fixtures.simulator import ADMIN_ACCOUNT
    from tests.simulator.conftest import add_member

    settings.AWS_MAX_ATTEMPTS = 1
    add_member(gd_sim, member=MEMBER_IDS[0], region="us-east-1")
    admin = AwsAccount.objects.get_or_create(
        account_id=ADMIN_ACCOUNT,
        defaults={"kind": AccountKind.ADMINISTRATOR, "uses_hub_credentials": True},
    )[0]
    AdministratorRegion.objects.create(
        administrator=admin, region="us-east-1", detector_id=gd_sim.detector(None, "us-east-1")
    )
    titles = ["Port probe one", "Port probe two", "Port probe three"]
    load_findings(
        MEMBER_IDS[0],
        "us-east-1",
        [raw_finding(account_id=MEMBER_IDS[0], title=t) for t in titles],
    )
    sync_region(admin.pk, "us-east-1", full=True)
    assert Finding.objects.count() == 3
    return gd_sim

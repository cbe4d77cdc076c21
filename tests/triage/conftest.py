"""Accounts and findings for the triage tests.

The personas (admin_alice, analyst_bob, viewer_carol, member_owner_dave, scoped_frank,
outsider_erin) come from tests/fixtures/personas.py; their accounts are this area's `accounts`.
"""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount
from guardduty_hub.findings.choices import severity_band
from guardduty_hub.findings.models import Finding

ADMIN_ID = "123456789012"
MEMBER_IDS = ["111111111111", "222222222222", "333333333333"]
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
_serial = itertools.count(1)


@pytest.fixture
def accounts(db):
    """The administrator and three members, by account id."""
    found = {
        ADMIN_ID: AwsAccount.objects.create(
            account_id=ADMIN_ID,
            name="Security",
            kind=AccountKind.ADMINISTRATOR,
            uses_hub_credentials=True,
        )
    }
    for n, account_id in enumerate(MEMBER_IDS, start=1):
        found[account_id] = AwsAccount.objects.create(account_id=account_id, name=f"Member {n}")
    return found


@pytest.fixture
def member_accounts(accounts):
    """The personas' member accounts are this area's members (personas.py scopes by index)."""
    return [accounts[account_id] for account_id in MEMBER_IDS]


def make_finding(**values) -> Finding:
    """A finding row as the sync would store it; any column can be overridden."""
    n = next(_serial)
    severity = values.pop("severity", 5.0)
    updated = values.pop("updated_at", NOW - timedelta(minutes=n))
    finding_id = values.pop("guardduty_id", f"{n:032x}")
    account_id = values.pop("account_id", MEMBER_IDS[0])
    region = values.pop("region", "us-east-1")
    row = {
        "account_id": account_id,
        "api_region": values.pop("api_region", region),
        "guardduty_id": finding_id,
        "region": region,
        "arn": f"arn:aws:guardduty:{region}:{account_id}:detector/d/finding/{finding_id}",
        "partition": "aws",
        "detector_id": "d" * 32,
        "type": "Recon:EC2/PortProbeUnprotectedPort",
        "threat_purpose": "Recon",
        "resource_type_affected": "EC2",
        "threat_family": "PortProbeUnprotectedPort",
        "severity": severity,
        "severity_band": severity_band(severity),
        "title": f"Finding {n}",
        "description": "Unprotected port probed.",
        "resource_type": "Instance",
        "resource_id": f"i-{n:017x}",
        "action_type": "PORT_PROBE",
        "created_at": updated - timedelta(days=1),
        "updated_at": updated,
        "first_seen_at": updated - timedelta(days=1),
        "last_seen_at": updated,
        "count": 1,
        "raw": {"Id": finding_id, "Type": "Recon:EC2/PortProbeUnprotectedPort"},
        "first_synced_at": updated,
        "last_seen_in_guardduty_at": updated,
    }
    row.update(values)
    return Finding.objects.create(**row)


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

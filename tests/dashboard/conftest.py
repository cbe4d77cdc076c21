"""Findings for the dashboard tests.

The personas (admin_alice, viewer_carol, scoped_frank, outsider_erin, ...) come from
tests/fixtures/personas.py; their accounts are this area's `accounts`.
"""

import re
from datetime import timedelta

import pytest

from tests.factories import AwsAccountFactory, make_finding

# Synced worlds for the counts' tests (test_dashboard_rollups.py, the live browser test).


@pytest.fixture
def accounts(db):
    return [AwsAccountFactory(account_id=f"{n}" * 12, name=f"Member {n}") for n in (1, 2, 3)]


@pytest.fixture
def member_accounts(accounts):
    """The personas' member accounts are this area's accounts (personas.py scopes by index)."""
    return accounts


def _cards(html: str) -> dict[str, tuple[int, int]]:
    """{band: (current, new in 24 h)} as the page shows them."""
    found = {}
    for band, block in re.findall(r'data-band="(\w+)">(.*?)</div>', html, re.S):
        numbers = re.findall(r'<a [^>]*href="[^"]+"[^>]*>([\d,]+)', block)
        found[band] = tuple(int(n.replace(",", "")) for n in numbers)
    return found


@pytest.fixture
def findings(accounts):
    """A spread over bands, accounts, regions, types and ages, plus rows the default view
    hides (archived, samples) that no dashboard number may count."""
    spec = [
        # (account, region, severity, type, first seen ago)
        ("111111111111", "us-east-1", 9.5, "AttackSequence:IAM/CompromisedCredentials", 2),
        ("111111111111", "us-east-1", 8.0, "UnauthorizedAccess:EC2/TorClient", 30),
        ("111111111111", "eu-west-1", 8.0, "UnauthorizedAccess:EC2/TorClient", 24 * 3),
        ("222222222222", "eu-west-1", 5.0, "Recon:EC2/Portscan", 5),
        ("222222222222", "eu-west-1", 5.0, "Recon:EC2/Portscan", 24 * 10),
        ("222222222222", "ap-south-1", 2.0, "Policy:IAMUser/RootCredentialUsage", 24 * 40),
        ("333333333333", "us-east-1", 2.0, "Recon:EC2/PortProbeUnprotectedPort", 24 * 80),
        ("333333333333", "us-east-1", 7.5, "Backdoor:EC2/C&CActivity.B!DNS", 1),
    ]
    rows = [
        make_finding(
            account_id=a,
            region=r,
            severity=s,
            type=t,
            first_seen_ago=timedelta(hours=hours),
        )
        for a, r, s, t, hours in spec
    ]
    make_finding(severity=9.9, archived=True, first_seen_ago=timedelta(hours=1))
    make_finding(severity=9.9, is_sample=True, first_seen_ago=timedelta(hours=1))
    return rows

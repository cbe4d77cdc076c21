"""Rows for the API tests.

The personas come from tests/fixtures/personas.py, except admin_alice: here she is also staff,
so she reaches Django admin (API tokens of anyone). The administrator and the simulator's
members (`sim`, `hub_admin`, `members`, ...) come from tests/fixtures/membership.py.
"""

import pytest

from guardduty_hub.core import roles
from tests.fixtures.personas import make_user


@pytest.fixture
def admin_alice(db):
    """Admin and staff: everything, membership operations, anyone's tokens in Django admin."""
    return make_user("alice", roles.ADMIN, staff=True)


@pytest.fixture
def administrator_account(administrator):
    """tests/fixtures/membership.py's `administrator` row, under the API tests' name for it."""
    return administrator


# --- findings ---------------------------------------------------------------------------------


@pytest.fixture
def finding_rows(member_accounts):
    """Findings in the three member accounts (rows as the sync stores them)."""
    from tests.factories import make_finding

    return {
        "low_1": make_finding(account_id="111111111111", severity=2.0, region="us-east-1"),
        "high_1": make_finding(
            account_id="111111111111",
            severity=8.0,
            region="eu-west-1",
            type="UnauthorizedAccess:EC2/TorClient",
        ),
        "critical_2": make_finding(account_id="222222222222", severity=9.5),
        "archived_2": make_finding(account_id="222222222222", severity=8.0, archived=True),
        "sample_3": make_finding(account_id="333333333333", severity=5.0, is_sample=True),
        "medium_3": make_finding(
            account_id="333333333333", severity=5.0, title="Rare zebra word in title"
        ),
    }

"""Fixtures of the AWS seam's tests: moto in-process, and the accounts we reach.

Personas (accounts):
- HUB: the hub's own account (moto's default for the "testing" credentials), hub credentials.
- ADMIN_A / ADMIN_B: administrators reached by AssumeRole (own role ARN / default role name).
"""

import pytest
from moto import mock_aws

from guardduty_hub.aws import AccountAccess

HUB_ACCOUNT = "123456789012"
ACCOUNT_A = "111111111111"
ACCOUNT_B = "222222222222"


@pytest.fixture
def aws():
    """moto for every service, in-process (no endpoint variables set: see tests/conftest.py)."""
    with mock_aws():
        yield


@pytest.fixture
def hub() -> AccountAccess:
    return AccountAccess(HUB_ACCOUNT, use_hub_credentials=True)


@pytest.fixture
def admin_a() -> AccountAccess:
    """Reached through its own role ARN and an external id."""
    return AccountAccess(
        ACCOUNT_A, role_arn=f"arn:aws:iam::{ACCOUNT_A}:role/HubAccess", external_id="ext-a-123"
    )


@pytest.fixture
def admin_b() -> AccountAccess:
    """No role ARN of its own: reached through settings.AWS_DEFAULT_ROLE_NAME."""
    return AccountAccess(ACCOUNT_B)

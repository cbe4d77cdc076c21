"""Fixtures of the AWS seam's tests: moto in-process, and the accounts we reach.

Personas (accounts):
- HUB: the hub's own account (moto's default for the "testing" credentials), hub credentials.
- ADMIN_A / ADMIN_B: administrators reached by AssumeRole (own role ARN / default role name).

The gateway's tests against the in-process simulator (`gd_sim`) share `admin` (the hub's own
account), its detector in the test module's REGION, and `fail_nth_call`.
"""

import pytest
from moto import mock_aws

from guardduty_hub.aws import AccountAccess, gateway

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


@pytest.fixture
def admin(gd_sim) -> AccountAccess:
    """The administrator in the simulator: the hub's own account, hub credentials."""
    return AccountAccess(HUB_ACCOUNT, use_hub_credentials=True)


@pytest.fixture
def admin_detector(request, admin) -> str:
    """The administrator's detector in the test module's REGION."""
    return gateway.ensure_detector(admin, request.module.REGION)


@pytest.fixture
def fail_nth_call(monkeypatch, settings):
    """fail_nth_call(operation, n): the simulator answers the n-th call of `operation` with an
    internal error (its fault injection's), and botocore does not retry it."""
    from guardduty_hub.simulator import faults, registry

    settings.AWS_MAX_ATTEMPTS = 1

    def arm(operation: str, n: int) -> None:
        seen = []

        def count(call):
            if call.operation == operation:
                seen.append(call)
                if len(seen) == n:
                    # A burst of one, which the fault hook after this one spends on this call.
                    faults.inject(faults.INTERNAL, burst=1, operations=[operation])

        assert faults.before_call in registry.BEFORE_CALL
        monkeypatch.setattr(registry, "BEFORE_CALL", [count, *registry.BEFORE_CALL])

    return arm

"""The same gateway over real HTTP: the simulator server, reached only via the endpoint variables."""

import pytest

from guardduty_hub.aws import AccountAccess, clients, count_requests, gateway, sessions

pytestmark = pytest.mark.server

REGION = "us-west-2"
MEMBER = "444455556666"


def test_assume_role_and_guardduty_through_the_endpoint_variables(simulator_http):
    hub = AccountAccess("123456789012", use_hub_credentials=True)
    member = AccountAccess(MEMBER, role_arn=f"arn:aws:iam::{MEMBER}:role/GuardDutyHubRole")

    with count_requests() as counted:
        assert sessions.assume_role_client().meta.endpoint_url == simulator_http.endpoint
        assert clients.guardduty(member, REGION).meta.endpoint_url == simulator_http.endpoint
        member_detector = gateway.ensure_detector(member, REGION)
        assert gateway.caller_identity(member).account_id == MEMBER
    assert counted.by_operation["sts.AssumeRole"] == 1

    assert gateway.list_detector_id(member, REGION) == member_detector
    assert gateway.list_detector_id(hub, REGION) is None

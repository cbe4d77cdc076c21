"""Reaching accounts: hub credentials, AssumeRole by ARN or default role name, credential cache."""

from datetime import UTC, timedelta

import pytest
from moto.sts.models import sts_backends

from guardduty_hub.aws import AccountAccess, PermanentAwsError, count_requests, gateway, sessions
from tests.aws.conftest import ACCOUNT_A, ACCOUNT_B, HUB_ACCOUNT

pytestmark = pytest.mark.usefixtures("aws")


def _assumed_roles(account_id):
    return sts_backends[account_id]["aws"].assumed_roles


def test_hub_credentials_use_the_default_chain_without_sts(hub):
    with count_requests() as counted:
        identity = gateway.caller_identity(hub)
    assert identity.account_id == HUB_ACCOUNT
    assert counted.by_operation["sts.AssumeRole"] == 0


def test_assume_role_by_arn_passes_external_id_and_session_name(admin_a, settings):
    settings.AWS_ROLE_SESSION_NAME = "hub-test-session"
    identity = gateway.caller_identity(admin_a)
    assert identity.account_id == ACCOUNT_A
    assert identity.arn.endswith("assumed-role/HubAccess/hub-test-session")
    (assumed,) = _assumed_roles(ACCOUNT_A)
    assert assumed.role_arn == admin_a.role_arn
    assert assumed.external_id == "ext-a-123"
    assert assumed.session_name == "hub-test-session"


def test_assume_role_by_default_role_name(admin_b, settings):
    settings.AWS_DEFAULT_ROLE_NAME = "GuardDutyHubMember"
    assert admin_b.role_arn_or_default() == f"arn:aws:iam::{ACCOUNT_B}:role/GuardDutyHubMember"
    identity = gateway.caller_identity(admin_b)
    assert identity.account_id == ACCOUNT_B
    (assumed,) = _assumed_roles(ACCOUNT_B)
    assert assumed.role_arn == f"arn:aws:iam::{ACCOUNT_B}:role/GuardDutyHubMember"
    # No external id configured: none sent.
    assert not assumed.external_id


def test_no_role_and_no_default_role_name_is_a_permanent_error(admin_b, settings):
    settings.AWS_DEFAULT_ROLE_NAME = ""
    with pytest.raises(PermanentAwsError) as caught:
        gateway.caller_identity(admin_b)
    assert caught.value.code == "NoRoleConfigured"
    assert ACCOUNT_B in caught.value.message


def test_calls_land_in_the_account_of_the_assumed_role(admin_a, admin_b, hub):
    detector = gateway.ensure_detector(admin_a, "eu-west-1")
    assert gateway.list_detector_id(admin_a, "eu-west-1") == detector
    assert gateway.list_detector_id(admin_b, "eu-west-1") is None
    assert gateway.list_detector_id(hub, "eu-west-1") is None
    # Regions are separate too.
    assert gateway.list_detector_id(admin_a, "us-east-1") is None


def test_ensure_detector_creates_once(admin_a):
    with count_requests() as counted:
        first = gateway.ensure_detector(admin_a, "eu-west-1")
        second = gateway.ensure_detector(admin_a, "eu-west-1")
    assert first == second
    assert counted.by_operation["guardduty.CreateDetector"] == 1


def test_credentials_are_cached_per_role_and_external_id(admin_a):
    with count_requests() as counted:
        gateway.caller_identity(admin_a)
        gateway.list_detector_id(admin_a, "eu-west-1")
        gateway.list_detector_id(admin_a, "us-west-2")
        gateway.caller_identity(admin_a)
    assert counted.by_operation["sts.AssumeRole"] == 1

    other_external_id = AccountAccess(ACCOUNT_A, role_arn=admin_a.role_arn, external_id="other-99")
    with count_requests() as counted:
        gateway.caller_identity(other_external_id)
    assert counted.by_operation["sts.AssumeRole"] == 1


def test_different_accounts_get_different_credentials(admin_a, admin_b):
    a = sessions.session_for(admin_a).get_credentials().get_frozen_credentials()
    b = sessions.session_for(admin_b).get_credentials().get_frozen_credentials()
    assert a.access_key != b.access_key
    assert a.token and b.token and a.token != b.token


def test_credentials_renew_five_minutes_before_expiry(admin_a, monkeypatch):
    real_now = sessions._now
    detector = gateway.ensure_detector(admin_a, "eu-west-1")
    # When AWS (moto) said the credentials expire: its record is naive UTC.
    (assumed,) = _assumed_roles(ACCOUNT_A)
    expiry = assumed.expiration.replace(tzinfo=UTC)
    first_key = sessions.session_for(admin_a).get_credentials().get_frozen_credentials()

    # Ten minutes before expiry the cached credentials are still used.
    monkeypatch.setattr(sessions, "_now", lambda: expiry - timedelta(minutes=10))
    with count_requests() as counted:
        assert gateway.list_detector_id(admin_a, "eu-west-1") == detector
    assert counted.by_operation["sts.AssumeRole"] == 0

    # Within the last five minutes the next call assumes the role again, and still lands in A.
    monkeypatch.setattr(sessions, "_now", lambda: expiry - timedelta(minutes=4))
    with count_requests() as counted:
        assert gateway.list_detector_id(admin_a, "eu-west-1") == detector
    assert counted.by_operation["sts.AssumeRole"] == 1
    # (moto's new credentials expire an hour after the real now, not after our moved clock.)
    monkeypatch.setattr(sessions, "_now", real_now)
    renewed = sessions.session_for(admin_a).get_credentials().get_frozen_credentials()
    assert renewed.access_key != first_key.access_key
    assert len(_assumed_roles(ACCOUNT_A)) == 2


def test_forget_drops_cached_credentials(admin_a):
    first = sessions.session_for(admin_a)
    sessions.forget(admin_a)
    with count_requests() as counted:
        again = sessions.session_for(admin_a)
        assert sessions.session_for(admin_a) is again is not first
    assert counted.by_operation["sts.AssumeRole"] == 1


def test_concurrent_first_use_assumes_the_role_once(admin_a):
    from concurrent.futures import ThreadPoolExecutor

    with count_requests() as counted, ThreadPoolExecutor(8) as pool:
        accounts = list(pool.map(lambda _: gateway.caller_identity(admin_a).account_id, range(16)))
    assert set(accounts) == {ACCOUNT_A}
    assert counted.by_operation["sts.AssumeRole"] == 1

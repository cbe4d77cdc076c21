"""Fault injection: throttling, internal errors, denied role assumption, regions not enabled."""

import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from guardduty_hub.simulator import controls
from tests.simulator.conftest import MEMBER

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def _code(call):
    with pytest.raises(ClientError) as caught:
        call()
    meta = caught.value.response["ResponseMetadata"]
    return caught.value.response["Error"]["Code"], meta["HTTPStatusCode"], meta


def test_throttling_is_429_too_many_requests(gd_sim):
    controls.inject_fault("throttle", burst=1)
    code, status, meta = _code(lambda: gd_sim.guardduty(config=NO_RETRIES).list_detectors())
    assert (code, status) == ("TooManyRequestsException", 429)
    assert meta["HTTPHeaders"]["x-amzn-errortype"] == "TooManyRequestsException"


def test_botocore_retries_a_short_burst(gd_sim):
    controls.inject_fault("throttle", burst=2, operations=["ListDetectors"])
    response = gd_sim.guardduty(
        config=Config(retries={"total_max_attempts": 5, "mode": "standard"})
    ).list_detectors()
    assert response["ResponseMetadata"]["RetryAttempts"] == 2


def test_burst_longer_than_botocore_retries_fails_then_recovers(gd_sim):
    controls.inject_fault("internal", burst=6)
    gd = gd_sim.guardduty(config=Config(retries={"total_max_attempts": 3, "mode": "standard"}))
    code, status, _ = _code(gd.list_detectors)
    assert (code, status) == ("InternalServerErrorException", 500)
    assert controls.fault_status()["rules"][0]["failures"] == 3
    _code(gd.list_detectors)  # three more
    assert gd.list_detectors()["DetectorIds"] == []


def test_faults_apply_only_to_named_operations(gd_sim):
    controls.inject_fault("throttle", rate=1.0, operations=["ListMembers"])
    detector = gd_sim.detector()  # ListDetectors / CreateDetector unaffected
    code, _, _ = _code(
        lambda: gd_sim.guardduty(config=NO_RETRIES).list_members(DetectorId=detector)
    )
    assert code == "TooManyRequestsException"


def _outcomes(gd_sim, seed):
    controls.clear_faults()
    controls.inject_fault("throttle", rate=0.5, seed=seed)
    gd = gd_sim.guardduty(config=NO_RETRIES)
    outcomes = []
    for _ in range(20):
        try:
            gd.list_detectors()
            outcomes.append("ok")
        except ClientError:
            outcomes.append("throttled")
    return outcomes


def test_rate_is_reproducible_by_seed(gd_sim):
    first = _outcomes(gd_sim, 7)
    assert 3 <= first.count("throttled") <= 17
    assert _outcomes(gd_sim, 7) == first
    assert _outcomes(gd_sim, 8) != first


def test_assume_role_denied_for_named_accounts(gd_sim):
    controls.deny_assume_role([MEMBER])
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty(MEMBER)
    error = caught.value.response
    assert error["Error"]["Code"] == "AccessDenied"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert f"arn:aws:iam::{MEMBER}:role/" in error["Error"]["Message"]


def test_region_not_enabled(gd_sim):
    controls.disable_region(gd_sim.admin_account, "ap-east-1")
    code, status, _ = _code(lambda: gd_sim.guardduty(region="ap-east-1").list_detectors())
    assert (code, status) == ("UnrecognizedClientException", 403)
    assert gd_sim.guardduty(region="us-east-1").list_detectors()["DetectorIds"] == []


def test_reset_clears_faults(gd_sim):
    controls.inject_fault("throttle", rate=1.0)
    controls.reset()
    assert controls.fault_status()["rules"] == []


@pytest.mark.server
def test_faults_over_http(simulator_http):
    url = simulator_http.control_url("faults")
    status = requests.post(
        url,
        json={
            "kind": "throttle",
            "burst": 1,
            "operations": ["ListDetectors"],
            "seed": 3,
            "denyAssumeRole": [MEMBER],
            "disabledRegions": [{"accountId": "123456789012", "region": "ap-east-1"}],
        },
        timeout=5,
    ).json()
    assert status["seed"] == 3 and status["deniedAssumeRole"] == [MEMBER]
    gd = simulator_http.guardduty(config=NO_RETRIES)
    assert _code(gd.list_detectors)[:2] == ("TooManyRequestsException", 429)
    assert gd.list_detectors()["DetectorIds"] == []
    with pytest.raises(ClientError):
        simulator_http.guardduty(MEMBER)
    assert requests.delete(url, timeout=5).json()["rules"] == []
    assert requests.post(url, json={"kind": "bogus", "rate": 1}, timeout=5).status_code == 400

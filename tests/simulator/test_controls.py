"""Controls beyond AWS: in-process functions and the /moto-api/static/guardduty routes."""

import pytest
import requests

from guardduty_hub.simulator import controls
from tests.simulator.conftest import MEMBER, add_member, status_of


def test_register_accounts_and_outbox_over_http_in_process(gd_sim):
    url = gd_sim.control_url("accounts")
    body = requests.post(
        url, json={"accounts": [{"accountId": MEMBER, "email": "r@example.com"}]}, timeout=5
    ).json()
    assert body == {"accounts": [{"accountId": MEMBER, "email": "r@example.com"}]}
    assert controls.registered_accounts() == {MEMBER: "r@example.com"}
    add_member(gd_sim, MEMBER, email="r@example.com", accept=False)
    (email,) = requests.get(
        gd_sim.control_url("outbox"), params={"accountId": MEMBER}, timeout=5
    ).json()["emails"]
    assert email["to"] == "r@example.com"
    assert email["administratorId"] == gd_sim.admin_account
    assert email["region"] == "us-east-1" and email["message"] == "Please accept"
    assert len(email["invitationId"]) == 32 and email["sentAt"].endswith("Z")
    assert requests.get(
        gd_sim.control_url("outbox"), params={"region": "eu-west-1"}, timeout=5
    ).json() == {"emails": []}


def test_reset_empties_everything(gd_sim):
    controls.register_accounts({MEMBER: "r@example.com"})
    add_member(gd_sim, MEMBER, email="r@example.com")
    assert requests.post(gd_sim.control_url("reset"), json={}, timeout=5).json() == {
        "world": "empty"
    }
    assert controls.registered_accounts() == {}
    assert controls.outbox() == []
    assert gd_sim.guardduty().list_detectors()["DetectorIds"] == []


def test_settings_and_bad_requests(gd_sim):
    answer = requests.post(
        gd_sim.control_url("settings"), json={"verificationDelaySeconds": 0.2}, timeout=5
    )
    assert answer.json() == {"verificationDelaySeconds": 0.2}
    assert (
        requests.post(
            gd_sim.control_url("settings"), json={"verificationDelaySeconds": -1}, timeout=5
        ).status_code
        == 400
    )
    assert requests.get(gd_sim.control_url("reset"), timeout=5).status_code == 405


def test_findings_controls_delegate_to_the_findings_package(gd_sim):
    """load_findings / advance_activity belong to the findings package (tested there)."""
    answer = requests.post(
        gd_sim.control_url("findings"),
        json={"accountId": MEMBER, "region": "us-east-1", "findings": []},
        timeout=5,
    )
    assert answer.status_code == 200 and answer.json() == {"loaded": 0, "findingIds": []}
    add_member(gd_sim, MEMBER)
    gd_sim.guardduty().stop_monitoring_members(DetectorId=gd_sim.detector(), AccountIds=[MEMBER])
    moved = requests.post(
        gd_sim.control_url("activity"), json={"seed": 1, "new": 2, "reoccur": 0}, timeout=10
    ).json()
    assert len(moved[f"{gd_sim.admin_account}/us-east-1"]["new"]) == 2
    # A Disabled member generates nothing new.
    assert moved[f"{MEMBER}/us-east-1"]["new"] == []


@pytest.mark.server
def test_controls_over_the_server(simulator_http):
    url = simulator_http.control_url
    requests.post(
        url("accounts"),
        json={"accounts": [{"accountId": MEMBER, "email": "root@example.com"}]},
        timeout=5,
    )
    add_member(simulator_http, MEMBER, email="someone-else@example.com", accept=False)
    import time

    time.sleep(0.4)
    assert status_of(simulator_http, MEMBER) == "EmailVerificationFailed"
    assert requests.get(url("outbox"), timeout=5).json() == {"emails": []}
    assert (
        requests.get(url("accounts"), timeout=5).json()["accounts"][0]["email"]
        == "root@example.com"
    )

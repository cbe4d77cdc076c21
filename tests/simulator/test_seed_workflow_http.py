"""The seed's workflow, once, in plain boto3 against `python -m guardduty_hub.simulator`."""

import time

import pytest
import requests

pytestmark = pytest.mark.server

MEMBER = "210987654321"


def test_admin_invites_member_who_accepts_over_http(simulator_http):
    sim = simulator_http
    admin = sim.guardduty()
    admin_detector = admin.create_detector(Enable=True)["DetectorId"]
    member = sim.guardduty(MEMBER)
    member_detector = member.create_detector(Enable=True)["DetectorId"]

    created = admin.create_members(
        DetectorId=admin_detector,
        AccountDetails=[{"AccountId": MEMBER, "Email": "member-root@example.com"}],
    )
    assert created["UnprocessedAccounts"] == []
    invited = admin.invite_members(
        DetectorId=admin_detector,
        AccountIds=[MEMBER],
        Message="Please accept",
        DisableEmailNotification=False,
    )
    assert invited["UnprocessedAccounts"] == []

    # Email verification resolves within a second; the member then sees the invitation.
    deadline = time.monotonic() + 3
    invitations = []
    while not invitations and time.monotonic() < deadline:
        invitations = member.list_invitations()["Invitations"]
        time.sleep(0.1)
    assert [i["AccountId"] for i in invitations] == [sim.admin_account]
    member.accept_administrator_invitation(
        DetectorId=member_detector,
        AdministratorId=invitations[0]["AccountId"],
        InvitationId=invitations[0]["InvitationId"],
    )

    members = admin.list_members(DetectorId=admin_detector)["Members"]
    assert [(m["AccountId"], m["RelationshipStatus"]) for m in members] == [(MEMBER, "Enabled")]
    emails = requests.get(sim.control_url("outbox"), timeout=5).json()["emails"]
    assert [(e["to"], e["message"]) for e in emails] == [
        ("member-root@example.com", "Please accept")
    ]
    # An invitation lives in its region only.
    assert sim.guardduty(MEMBER, "eu-west-1").list_invitations()["Invitations"] == []

    # The member's new finding shows in the administrator's findings of that region only.
    moved = requests.post(
        sim.control_url("activity"),
        json={"accountId": MEMBER, "region": "us-east-1", "seed": 1, "new": 1, "reoccur": 0},
        timeout=10,
    ).json()
    (finding_id,) = moved[f"{MEMBER}/us-east-1"]["new"]
    assert finding_id in admin.list_findings(DetectorId=admin_detector)["FindingIds"]
    (finding,) = admin.get_findings(DetectorId=admin_detector, FindingIds=[finding_id])["Findings"]
    assert finding["AccountId"] == MEMBER
    west = sim.guardduty(region="eu-west-1")
    west_detector = sim.detector(region="eu-west-1")
    assert finding_id not in west.list_findings(DetectorId=west_detector)["FindingIds"]

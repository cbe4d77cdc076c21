"""AWS's aws-samples/amazon-guardduty-multiaccount-scripts `enableguardduty.py`, replayed.

The script cannot be fetched at test time (no network) and its code stays out of this
repository, so this test replays its exact call sequence (read at commit 0be84e3), with the
same boto3 calls and the same decisions, against `python -m guardduty_hub.simulator`:

- sts GetCallerIdentity (partition), AssumeRole into the master and into every member,
  with RoleSessionName "EnableGuardDuty";
- per region, master: ListDetectors, CreateDetector(Enable=True) when none; a 403 skips
  the region (opt-in regions not enabled);
- per member x region: ListDetectors / CreateDetector in the member; the ListMembers
  paginator with OnlyAssociated='false' on the master; CreateMembers (one account per call)
  and polling until the member shows up; EmailVerificationFailed -> DisassociateMembers +
  DeleteMembers + CreateMembers; Disabled -> StartMonitoringMembers; then loop until
  Enabled: Created -> InviteMembers(Message='Account <master> invites you to join
  GuardDuty.'); Invited/Resigned -> member ListInvitations, take the LAST invitation,
  deprecated AcceptInvitation(MasterId=..., InvitationId=...); refresh ListMembers.

Only the sleeps differ (5 s in the script, 0.05 s here). The script's loop has no timeout;
ours has one, so a simulator bug fails the test instead of hanging it.
"""

import time

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

pytestmark = pytest.mark.server

MASTER = "123456789012"
ROLE = "GuardDutyHubRole"


def _assume_role(account):
    sts = boto3.client("sts")
    partition = sts.get_caller_identity()["Arn"].split(":")[1]
    creds = sts.assume_role(
        RoleArn=f"arn:{partition}:iam::{account}:role/{ROLE}", RoleSessionName="EnableGuardDuty"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def _master_members(master_session, region, detector_id):
    client = master_session.client("guardduty", region_name=region)
    members = {}
    pages = client.get_paginator("list_members").paginate(
        DetectorId=detector_id, OnlyAssociated="false"
    )
    for page in pages:
        for member in page["Members"] or []:
            members[member["AccountId"]] = member["RelationshipStatus"]
    return members


def _detector(client):
    ids = client.list_detectors()["DetectorIds"]
    return ids[-1] if ids else ""


def _poll_until_member(account, master_session, region, detector_id, members):
    deadline = time.monotonic() + 10
    while account not in members and time.monotonic() < deadline:
        time.sleep(0.05)
        members = _master_members(master_session, region, detector_id)
    return members


def enable_guardduty(accounts, regions):
    """The script's main flow; returns (failed master regions, failed accounts)."""
    message = f"Account {MASTER} invites you to join GuardDuty."
    master_session = _assume_role(MASTER)
    master_detectors, failed_regions = {}, []
    for region in regions:
        try:
            client = master_session.client("guardduty", region_name=region)
            master_detectors[region] = (
                _detector(client) or client.create_detector(Enable=True)["DetectorId"]
            )
        except ClientError as err:
            if err.response["ResponseMetadata"]["HTTPStatusCode"] == 403:
                failed_regions.append(region)
    regions = [r for r in regions if r not in failed_regions]
    failed_accounts = []
    for account, email in accounts.items():
        try:
            session = _assume_role(account)
            for region in regions:
                client = session.client("guardduty", region_name=region)
                detector_id = _detector(client) or client.create_detector(Enable=True)["DetectorId"]
                master_detector = master_detectors[region]
                master = master_session.client("guardduty", region_name=region)
                members = _master_members(master_session, region, master_detector)
                if account not in members:
                    master.create_members(
                        AccountDetails=[{"AccountId": account, "Email": email}],
                        DetectorId=master_detector,
                    )
                    members = _poll_until_member(
                        account, master_session, region, master_detector, members
                    )
                if members[account] == "EmailVerificationFailed":
                    master.disassociate_members(AccountIds=[account], DetectorId=master_detector)
                    master.delete_members(AccountIds=[account], DetectorId=master_detector)
                    master.create_members(
                        AccountDetails=[{"AccountId": account, "Email": email}],
                        DetectorId=master_detector,
                    )
                    members = _poll_until_member(
                        account, master_session, region, master_detector, members
                    )
                if members[account] == "Enabled":
                    continue
                if members[account] == "Disabled":
                    master.start_monitoring_members(
                        AccountIds=[account], DetectorId=master_detector
                    )
                deadline = time.monotonic() + 20
                while members[account] != "Enabled":
                    assert time.monotonic() < deadline, f"stuck in {members[account]}"
                    if members[account] == "Created":
                        master.invite_members(
                            AccountIds=[account], DetectorId=master_detector, Message=message
                        )
                    if members[account] in ("Invited", "Resigned"):
                        invitation_id = None
                        for invitation in client.list_invitations()["Invitations"]:
                            invitation_id = invitation["InvitationId"]
                        if invitation_id is not None:
                            client.accept_invitation(
                                DetectorId=detector_id,
                                InvitationId=invitation_id,
                                MasterId=str(MASTER),
                            )
                    time.sleep(0.05)
                    members = _master_members(master_session, region, master_detector)
        except ClientError as err:
            failed_accounts.append({account: repr(err)})
    return failed_regions, failed_accounts


def test_enableguardduty_call_sequence_runs_against_the_server(simulator_http, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    fresh, resigned, disabled = "210000000001", "210000000002", "210000000003"
    regions = ["us-east-1", "eu-west-1", "ap-east-1"]
    requests.post(
        simulator_http.control_url("faults"),
        timeout=5,
        json={"disabledRegions": [{"accountId": MASTER, "region": "ap-east-1"}]},
    )
    # Prepare the states the script repairs: a Resigned and a Disabled member in us-east-1.
    from tests.simulator.conftest import add_member

    add_member(simulator_http, resigned)
    simulator_http.guardduty(resigned).disassociate_from_administrator_account(
        DetectorId=simulator_http.detector(resigned)
    )
    add_member(simulator_http, disabled)
    simulator_http.guardduty().stop_monitoring_members(
        DetectorId=simulator_http.detector(), AccountIds=[disabled]
    )

    failed_regions, failed_accounts = enable_guardduty(
        {a: f"root-{a}@example.com" for a in (fresh, resigned, disabled)}, regions
    )

    assert failed_regions == ["ap-east-1"]
    assert failed_accounts == []
    for region in ("us-east-1", "eu-west-1"):
        members = simulator_http.guardduty(region=region).list_members(
            DetectorId=simulator_http.detector(region=region)
        )["Members"]
        assert {m["AccountId"]: m["RelationshipStatus"] for m in members} == {
            fresh: "Enabled",
            resigned: "Enabled",
            disabled: "Enabled",
        }
    emails = requests.get(simulator_http.control_url("outbox"), timeout=5).json()["emails"]
    assert f"Account {MASTER} invites you to join GuardDuty." in {e["message"] for e in emails}

"""Helpers for the simulator's own tests (fixtures gd_sim / simulator_http: tests/fixtures)."""

import time

import pytest

from guardduty_hub.simulator import controls

ADMIN = "123456789012"
MEMBER = "111122223333"
OTHER = "444455556666"


@pytest.fixture(autouse=True)
def _instant_verification():
    """Email verification resolves at the next read unless a test asks for the delay."""
    before = controls.WORLD.verification_delay
    controls.set_verification_delay(0)
    yield
    controls.set_verification_delay(before)


def add_member(
    sim,
    member=MEMBER,
    *,
    admin=None,
    region="us-east-1",
    email=None,
    accept=True,
    invite=True,
    notify=True,
    message="Please accept",
):
    """Admin creates (and invites) `member`; the member accepts. Returns both detector ids."""
    admin_detector = sim.detector(admin, region)
    member_detector = sim.detector(member, region)
    gd = sim.guardduty(admin, region)
    result = gd.create_members(
        DetectorId=admin_detector,
        AccountDetails=[{"AccountId": member, "Email": email or f"root-{member}@example.com"}],
    )
    assert result["UnprocessedAccounts"] == []
    if invite:
        result = gd.invite_members(
            DetectorId=admin_detector,
            AccountIds=[member],
            Message=message,
            DisableEmailNotification=not notify,
        )
        assert result["UnprocessedAccounts"] == []
    if invite and accept:
        accept_invitation(sim, member, region)
    return admin_detector, member_detector


def accept_invitation(sim, member, region="us-east-1", admin=ADMIN):
    gd = sim.guardduty(member, region)
    deadline = time.monotonic() + 3  # the HTTP server verifies emails for a moment
    while True:
        found = [i for i in gd.list_invitations()["Invitations"] if i["AccountId"] == admin]
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    (invitation,) = found
    gd.accept_administrator_invitation(
        DetectorId=sim.detector(member, region),
        AdministratorId=admin,
        InvitationId=invitation["InvitationId"],
    )


def status_of(sim, member, admin=None, region="us-east-1"):
    gd = sim.guardduty(admin, region)
    members = gd.get_members(DetectorId=sim.detector(admin, region), AccountIds=[member])
    return members["Members"][0]["RelationshipStatus"] if members["Members"] else None


def put_list_file(sim, location="s3://gdh-lists/trusted.txt", body=b"203.0.113.0/24\n"):
    """The list file GuardDuty reads, in moto's S3 (created by the admin account)."""
    bucket, key = location.removeprefix("s3://").split("/", 1)
    s3 = sim.client("s3")
    if bucket not in {b["Name"] for b in s3.list_buckets()["Buckets"]}:
        s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    return location

"""Helpers for the simulator's own tests (fixtures gd_sim / simulator_http: tests/fixtures)."""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator import controls
from tests.fixtures.simulator import accept_invitation, add_member  # noqa: F401 (for this area)

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


def refused(call, **kwargs) -> str:
    """`call(**kwargs)` answered with a 400 BadRequestException, as GuardDuty refuses; its
    message."""
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "BadRequestException"
    return response["Error"]["Message"]

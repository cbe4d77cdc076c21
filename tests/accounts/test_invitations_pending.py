"""Which invitations a member still has to answer: the one rule the portal page and the API share.

An invitation the hub stored may already be accepted (in the hub, the console or the CLI):
then its inviter is the region's current administrator, and the member has nothing to answer.
"""

import pytest

from guardduty_hub.accounts.invitations import RegionState, invitations_pending
from guardduty_hub.accounts.models import AwsAccount, Invitation

pytestmark = pytest.mark.django_db

ADMIN_A, ADMIN_B = "999999999999", "888888888888"


@pytest.fixture
def member(db):
    return AwsAccount.objects.create(account_id="111111111111", name="Member 1")


def _invite(member, administrator: str, region: str, **fields) -> Invitation:
    return Invitation.objects.create(
        member=member,
        region=region,
        administrator_account_id=administrator,
        invitation_id=f"{administrator}-{region}",
        **fields,
    )


def _pending(member, states) -> list[tuple[str, str]]:
    return [(i.administrator_account_id, i.region) for i in invitations_pending(member, states)]


def test_the_regions_current_administrator_is_not_an_invitation(member):
    _invite(member, ADMIN_A, "us-east-1")
    _invite(member, ADMIN_A, "eu-west-1")
    _invite(member, ADMIN_B, "us-east-1")
    states = [
        RegionState("us-east-1", administrator_id=ADMIN_A, administrator_status="Enabled"),
        RegionState("eu-west-1"),
    ]
    # A is us-east-1's administrator already; B's invitation there is still open (accepting it
    # would be refused: one administrator), and A's in eu-west-1 too.
    assert _pending(member, states) == [(ADMIN_B, "us-east-1"), (ADMIN_A, "eu-west-1")]


def test_answered_invitations_and_other_members_are_left_out(member):
    other = AwsAccount.objects.create(account_id="222222222222", name="Member 2")
    _invite(member, ADMIN_A, "us-east-1", response="accepted")
    _invite(member, ADMIN_B, "us-east-1")
    _invite(other, ADMIN_A, "us-east-1")
    assert _pending(member, [RegionState("us-east-1")]) == [(ADMIN_B, "us-east-1")]


def test_ordered_by_administrator_then_region(member):
    for administrator in (ADMIN_A, ADMIN_B):
        for region in ("us-west-2", "eu-west-1", "us-east-1"):
            _invite(member, administrator, region)
    assert _pending(member, []) == [
        (ADMIN_B, "eu-west-1"),
        (ADMIN_B, "us-east-1"),
        (ADMIN_B, "us-west-2"),
        (ADMIN_A, "eu-west-1"),
        (ADMIN_A, "us-east-1"),
        (ADMIN_A, "us-west-2"),
    ]


def test_a_region_that_failed_to_read_keeps_its_invitations(member):
    _invite(member, ADMIN_A, "us-east-1")
    states = [RegionState("us-east-1", error="Access denied")]
    assert _pending(member, states) == [(ADMIN_A, "us-east-1")]

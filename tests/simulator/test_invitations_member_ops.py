"""Member-side (invitee) operations through boto3, in-process."""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator import messages
from tests.simulator.conftest import ADMIN, MEMBER, OTHER, add_member, status_of


def test_list_invitations_and_count(gd_sim):
    add_member(gd_sim, MEMBER, accept=False)
    gd = gd_sim.guardduty(MEMBER)
    invitations = gd.list_invitations()
    assert invitations["NextToken"] == ""
    (invitation,) = invitations["Invitations"]
    assert invitation["AccountId"] == ADMIN
    assert invitation["RelationshipStatus"] == "Invited"
    assert len(invitation["InvitationId"]) == 32
    assert gd.get_invitations_count()["InvitationsCount"] == 1


def test_accept_administrator_invitation(gd_sim):
    add_member(gd_sim, MEMBER)
    gd = gd_sim.guardduty(MEMBER)
    detector = gd_sim.detector(MEMBER)
    administrator = gd.get_administrator_account(DetectorId=detector)["Administrator"]
    assert administrator["AccountId"] == ADMIN
    assert administrator["RelationshipStatus"] == "Enabled"
    assert gd.get_master_account(DetectorId=detector)["Master"] == administrator
    # The accepted invitation no longer counts.
    assert gd.get_invitations_count()["InvitationsCount"] == 0
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_deprecated_accept_invitation(gd_sim):
    add_member(gd_sim, MEMBER, accept=False)
    gd = gd_sim.guardduty(MEMBER)
    invitation = gd.list_invitations()["Invitations"][0]
    gd.accept_invitation(
        DetectorId=gd_sim.detector(MEMBER), MasterId=ADMIN, InvitationId=invitation["InvitationId"]
    )
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_accept_with_wrong_invitation_id_fails(gd_sim):
    add_member(gd_sim, MEMBER, accept=False)
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty(MEMBER).accept_administrator_invitation(
            DetectorId=gd_sim.detector(MEMBER), AdministratorId=ADMIN, InvitationId="0" * 32
        )
    assert caught.value.response["Error"]["Message"] == messages.INVALID_INVITATION


def test_get_administrator_account_is_empty_without_one(gd_sim):
    response = gd_sim.guardduty().get_administrator_account(DetectorId=gd_sim.detector())
    assert "Administrator" not in response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert "Master" not in gd_sim.guardduty().get_master_account(DetectorId=gd_sim.detector())


def test_decline_invitation(gd_sim):
    add_member(gd_sim, MEMBER, accept=False)
    gd = gd_sim.guardduty(MEMBER)
    result = gd.decline_invitations(AccountIds=[ADMIN, OTHER])
    assert result["UnprocessedAccounts"] == [{"AccountId": OTHER, "Result": messages.NO_INVITATION}]
    assert gd.list_invitations()["Invitations"] == []
    assert status_of(gd_sim, MEMBER) == "Removed"


def test_delete_invitation_but_not_the_accepted_one(gd_sim):
    add_member(gd_sim, MEMBER)
    gd = gd_sim.guardduty(MEMBER)
    result = gd.delete_invitations(AccountIds=[ADMIN])
    assert result["UnprocessedAccounts"] == [
        {"AccountId": ADMIN, "Result": messages.INVITATION_ACCEPTED}
    ]
    assert status_of(gd_sim, MEMBER) == "Enabled"


@pytest.mark.parametrize(
    "operation", ["disassociate_from_administrator_account", "disassociate_from_master_account"]
)
def test_member_resigns(gd_sim, operation):
    add_member(gd_sim, MEMBER)
    gd = gd_sim.guardduty(MEMBER)
    getattr(gd, operation)(DetectorId=gd_sim.detector(MEMBER))
    assert status_of(gd_sim, MEMBER) == "Resigned"
    assert "Administrator" not in gd.get_administrator_account(DetectorId=gd_sim.detector(MEMBER))
    # The invitation stays, so the member can accept it again (as AWS's scripts do).
    (invitation,) = gd.list_invitations()["Invitations"]
    assert invitation["RelationshipStatus"] == "Resigned"
    gd.accept_invitation(
        DetectorId=gd_sim.detector(MEMBER), MasterId=ADMIN, InvitationId=invitation["InvitationId"]
    )
    assert status_of(gd_sim, MEMBER) == "Enabled"

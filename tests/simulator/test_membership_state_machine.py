"""The relationship state machine's edges (reference section 3.2 and 3.3)."""

import time

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator import controls, messages
from tests.simulator.conftest import ADMIN, MEMBER, OTHER, accept_invitation, add_member, status_of


def test_verification_in_progress_resolves_within_a_second(gd_sim):
    controls.set_verification_delay(0.3)
    add_member(gd_sim, MEMBER, accept=False)
    assert status_of(gd_sim, MEMBER) == "EmailVerificationInProgress"
    assert gd_sim.guardduty(MEMBER).list_invitations()["Invitations"] == []
    time.sleep(0.35)
    assert status_of(gd_sim, MEMBER) == "Invited"
    assert len(gd_sim.guardduty(MEMBER).list_invitations()["Invitations"]) == 1


def test_registered_root_email_mismatch_fails_verification(gd_sim):
    controls.register_accounts({MEMBER: "real-root@example.com"})
    add_member(gd_sim, MEMBER, email="typo@example.com", accept=False)
    assert status_of(gd_sim, MEMBER) == "EmailVerificationFailed"
    assert gd_sim.guardduty(MEMBER).list_invitations()["Invitations"] == []
    assert controls.outbox(account_id=MEMBER) == []


def test_registered_root_email_match_passes_case_insensitively(gd_sim):
    controls.register_accounts({MEMBER: "Root@Example.com"})
    add_member(gd_sim, MEMBER, email="root@example.com", accept=False)
    assert status_of(gd_sim, MEMBER) == "Invited"
    (email,) = controls.outbox(account_id=MEMBER)
    assert email["to"] == "root@example.com" and email["message"] == "Please accept"


def test_verification_failed_is_fixed_by_delete_and_recreate(gd_sim):
    controls.register_accounts({MEMBER: "root@example.com"})
    admin_detector, _ = add_member(gd_sim, MEMBER, email="typo@example.com", accept=False)
    gd = gd_sim.guardduty()
    gd.delete_members(DetectorId=admin_detector, AccountIds=[MEMBER])
    add_member(gd_sim, MEMBER, email="root@example.com")
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_without_email_notification_no_email_and_straight_to_invited(gd_sim):
    controls.set_verification_delay(5)
    add_member(gd_sim, MEMBER, notify=False, accept=False)
    assert status_of(gd_sim, MEMBER) == "Invited"
    assert controls.outbox() == []


def test_invite_twice_is_unprocessed(gd_sim):
    admin_detector, _ = add_member(gd_sim, MEMBER, accept=False)
    again = gd_sim.guardduty().invite_members(DetectorId=admin_detector, AccountIds=[MEMBER, OTHER])
    assert again["UnprocessedAccounts"] == [
        {"AccountId": MEMBER, "Result": messages.ALREADY_INVITED},
        {"AccountId": OTHER, "Result": messages.NOT_A_MEMBER},
    ]


def test_invite_detectorless_account_succeeds_but_accept_needs_its_detector(gd_sim):
    gd = gd_sim.guardduty()
    detector = gd_sim.detector()
    gd.create_members(
        DetectorId=detector, AccountDetails=[{"AccountId": MEMBER, "Email": "m@example.com"}]
    )
    assert gd.invite_members(DetectorId=detector, AccountIds=[MEMBER])["UnprocessedAccounts"] == []
    member = gd_sim.guardduty(MEMBER)
    invitation = member.list_invitations()["Invitations"][0]
    with pytest.raises(ClientError) as caught:
        member.accept_administrator_invitation(
            DetectorId="f" * 32, AdministratorId=ADMIN, InvitationId=invitation["InvitationId"]
        )
    assert "not owned by the current account" in caught.value.response["Error"]["Message"]
    accept_invitation(gd_sim, MEMBER)  # creates the member's detector first
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_one_administrator_per_member(gd_sim):
    add_member(gd_sim, MEMBER)
    # A second administrator invites the same member: the invitation arrives ...
    add_member(gd_sim, MEMBER, admin=OTHER, accept=False)
    member = gd_sim.guardduty(MEMBER)
    assert member.get_invitations_count()["InvitationsCount"] == 1
    invitation = next(
        i for i in member.list_invitations()["Invitations"] if i["AccountId"] == OTHER
    )
    with pytest.raises(ClientError) as caught:  # ... but cannot be accepted
        member.accept_administrator_invitation(
            DetectorId=gd_sim.detector(MEMBER),
            AdministratorId=OTHER,
            InvitationId=invitation["InvitationId"],
        )
    assert caught.value.response["Error"]["Message"] == messages.HAS_ADMINISTRATOR
    # After leaving the first administrator, it can.
    member.disassociate_from_administrator_account(DetectorId=gd_sim.detector(MEMBER))
    accept_invitation(gd_sim, MEMBER, admin=OTHER)
    assert status_of(gd_sim, MEMBER, admin=OTHER) == "Enabled"
    assert status_of(gd_sim, MEMBER) == "Resigned"


def test_administrator_cannot_become_member_and_member_cannot_administer(gd_sim):
    add_member(gd_sim, MEMBER)
    # ADMIN has a member, so it cannot accept OTHER's invitation.
    add_member(gd_sim, ADMIN, admin=OTHER, accept=False)
    gd = gd_sim.guardduty()
    invitation = gd.list_invitations()["Invitations"][0]
    with pytest.raises(ClientError) as caught:
        gd.accept_administrator_invitation(
            DetectorId=gd_sim.detector(),
            AdministratorId=OTHER,
            InvitationId=invitation["InvitationId"],
        )
    assert caught.value.response["Error"]["Message"] == messages.IS_ADMINISTRATOR
    # MEMBER is a member, so it cannot add members of its own.
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty(MEMBER).create_members(
            DetectorId=gd_sim.detector(MEMBER),
            AccountDetails=[{"AccountId": OTHER, "Email": "o@example.com"}],
        )
    assert caught.value.response["Error"]["Message"] == messages.CALLER_IS_MEMBER


@pytest.mark.parametrize("leave", ["admin_disassociates", "member_resigns"])
def test_reinvite_after_removed_or_resigned(gd_sim, leave):
    admin_detector, member_detector = add_member(gd_sim, MEMBER)
    if leave == "admin_disassociates":
        gd_sim.guardduty().disassociate_members(DetectorId=admin_detector, AccountIds=[MEMBER])
    else:
        gd_sim.guardduty(MEMBER).disassociate_from_administrator_account(DetectorId=member_detector)
    result = gd_sim.guardduty().invite_members(DetectorId=admin_detector, AccountIds=[MEMBER])
    assert result["UnprocessedAccounts"] == []
    accept_invitation(gd_sim, MEMBER)
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_invitation_exists_only_in_its_region(gd_sim):
    add_member(gd_sim, MEMBER, accept=False, region="eu-west-1")
    assert len(gd_sim.guardduty(MEMBER, "eu-west-1").list_invitations()["Invitations"]) == 1
    assert gd_sim.guardduty(MEMBER, "us-east-1").list_invitations()["Invitations"] == []
    assert gd_sim.guardduty(MEMBER, "us-east-1").get_invitations_count()["InvitationsCount"] == 0


def test_delete_detector_refused_while_members_then_member_detector_deletion_removes(gd_sim):
    admin_detector, member_detector = add_member(gd_sim, MEMBER)
    with pytest.raises(ClientError) as caught:
        gd_sim.guardduty().delete_detector(DetectorId=admin_detector)
    assert caught.value.response["Error"]["Message"] == messages.DELETE_DETECTOR_WITH_MEMBERS
    gd_sim.guardduty(MEMBER).delete_detector(DetectorId=member_detector)
    assert status_of(gd_sim, MEMBER) == "Removed"


def test_one_detector_per_region(gd_sim):
    gd_sim.detector()
    with pytest.raises(ClientError):
        gd_sim.guardduty().create_detector(Enable=True)

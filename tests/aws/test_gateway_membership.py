"""Membership through the gateway against the simulator: admin side, member side, batching.

Personas: the administrator is the hub's own account (hub credentials); members are reached by
AssumeRole, as the hub does in production.
"""

import pytest

from guardduty_hub.aws import (
    AccessDeniedError,
    AccountAccess,
    RegionNotEnabledError,
    ThrottledError,
    TransientAwsError,
    count_requests,
    gateway,
)
from guardduty_hub.simulator import controls

REGION = "eu-west-1"
ADMIN = "123456789012"
MEMBER = "210987654321"
OTHER_ADMIN = "333333333333"


def access_for(account_id: str) -> AccountAccess:
    return AccountAccess(account_id, role_arn=f"arn:aws:iam::{account_id}:role/GuardDutyHubRole")


@pytest.fixture(autouse=True)
def sim(gd_sim):
    """Before `admin` (conftest): invitations verify at once."""
    controls.set_verification_delay(0)
    return gd_sim


def many_accounts(count: int, start: int = 400000000000) -> list[tuple[str, str]]:
    return [(str(start + i), f"root+{start + i}@example.com") for i in range(count)]


def test_create_members_in_chunks_of_50(admin, admin_detector):
    accounts = many_accounts(120)
    with count_requests() as counted:
        result = gateway.create_members(admin, REGION, admin_detector, accounts)
    assert counted.by_operation["guardduty.CreateMembers"] == 3
    assert result.ok
    assert result.processed == tuple(a for a, _ in accounts)

    with count_requests() as counted:
        members = gateway.list_members(admin, REGION, admin_detector)
    assert len(members) == 120
    # Pages of 50; the last page's NextToken "" ends the paginator without a 4th request.
    assert counted.by_operation["guardduty.ListMembers"] == 3
    assert {m.relationship_status for m in members} == {"Created"}
    first = next(m for m in members if m.account_id == accounts[0][0])
    assert first.email == accounts[0][1]
    assert first.administrator_id == ADMIN
    assert first.updated_at is not None and first.updated_at.tzinfo is not None


def test_unprocessed_accounts_are_aggregated_over_chunks(admin, admin_detector):
    accounts = many_accounts(60)
    gateway.create_members(admin, REGION, admin_detector, accounts[:5] + accounts[55:])
    result = gateway.create_members(admin, REGION, admin_detector, accounts)
    assert not result.ok
    assert set(result.failed_ids) == {a for a, _ in accounts[:5] + accounts[55:]}
    assert len(result.processed) == 50
    assert "already a member" in result.result_for(accounts[0][0])


def test_list_members_asks_for_every_status_and_can_narrow(admin, admin_detector):
    gateway.create_members(admin, REGION, admin_detector, many_accounts(3))
    assert len(gateway.list_members(admin, REGION, admin_detector)) == 3
    # GuardDuty's own default (associated only) would have hidden all three.
    assert gateway.list_members(admin, REGION, admin_detector, only_associated=True) == []


def test_invite_accept_and_leave(admin, admin_detector):
    controls.register_accounts({MEMBER: "root@member.example"})
    member = access_for(MEMBER)
    gateway.create_members(admin, REGION, admin_detector, [(MEMBER, "root@member.example")])
    invited = gateway.invite_members(
        admin,
        REGION,
        admin_detector,
        [MEMBER],
        message="Please accept",
        disable_email_notification=False,
    )
    assert invited.ok and invited.processed == (MEMBER,)

    (invitation,) = gateway.list_invitations(member, REGION)
    assert invitation.account_id == ADMIN
    assert invitation.invited_at is not None
    assert gateway.get_invitations_count(member, REGION) == 1
    # Invitations are per region.
    assert gateway.list_invitations(member, "us-east-1") == []

    member_detector = gateway.ensure_detector(member, REGION)
    assert gateway.get_administrator_account(member, REGION, member_detector) is None
    gateway.accept_administrator_invitation(
        member, REGION, member_detector, ADMIN, invitation.invitation_id
    )
    administrator = gateway.get_administrator_account(member, REGION, member_detector)
    assert administrator is not None and administrator.account_id == ADMIN
    (record,) = gateway.get_members(admin, REGION, admin_detector, [MEMBER]).members
    assert record.relationship_status == "Enabled"
    assert record.detector_id == member_detector
    assert gateway.get_invitations_count(member, REGION) == 0

    gateway.disassociate_from_administrator_account(member, REGION, member_detector)
    (record,) = gateway.list_members(admin, REGION, admin_detector)
    assert record.relationship_status == "Resigned"


def test_suspend_resume_disassociate_delete(admin, admin_detector):
    member = access_for(MEMBER)
    gateway.create_members(admin, REGION, admin_detector, [(MEMBER, "root@member.example")])
    gateway.invite_members(admin, REGION, admin_detector, [MEMBER], disable_email_notification=True)
    (invitation,) = gateway.list_invitations(member, REGION)
    member_detector = gateway.ensure_detector(member, REGION)
    gateway.accept_administrator_invitation(
        member, REGION, member_detector, ADMIN, invitation.invitation_id
    )

    def status():
        return {
            m.account_id: m.relationship_status
            for m in gateway.list_members(admin, REGION, admin_detector)
        }

    assert gateway.stop_monitoring_members(admin, REGION, admin_detector, [MEMBER]).ok
    assert status() == {MEMBER: "Disabled"}
    assert gateway.start_monitoring_members(admin, REGION, admin_detector, [MEMBER]).ok
    assert status() == {MEMBER: "Enabled"}
    assert gateway.disassociate_members(admin, REGION, admin_detector, [MEMBER]).ok
    assert status() == {MEMBER: "Removed"}
    assert gateway.delete_members(admin, REGION, admin_detector, [MEMBER]).ok
    assert status() == {}


def test_get_members_reports_unknown_accounts(admin, admin_detector):
    gateway.create_members(admin, REGION, admin_detector, [(MEMBER, "root@member.example")])
    result = gateway.get_members(admin, REGION, admin_detector, [MEMBER, "999999999999"])
    assert [m.account_id for m in result.members] == [MEMBER]
    assert [u.account_id for u in result.unprocessed] == ["999999999999"]


def test_decline_and_delete_invitations(admin, admin_detector):
    member = access_for(MEMBER)
    gateway.create_members(admin, REGION, admin_detector, [(MEMBER, "root@member.example")])
    gateway.invite_members(admin, REGION, admin_detector, [MEMBER], disable_email_notification=True)
    assert gateway.decline_invitations(member, REGION, [ADMIN]).ok
    assert gateway.list_invitations(member, REGION) == []
    # Nothing is left to delete once declined: the inviter comes back unprocessed.
    result = gateway.delete_invitations(member, REGION, [ADMIN])
    assert (result.processed, result.failed_ids) == ((), (ADMIN,))


def test_delete_a_pending_invitation(admin, admin_detector):
    member = access_for(MEMBER)
    gateway.create_members(admin, REGION, admin_detector, [(MEMBER, "root@member.example")])
    gateway.invite_members(admin, REGION, admin_detector, [MEMBER], disable_email_notification=True)
    result = gateway.delete_invitations(member, REGION, [ADMIN])
    assert (result.processed, result.failed_ids) == ((ADMIN,), ())
    assert gateway.list_invitations(member, REGION) == []


def test_a_failed_second_chunk_reports_what_went_through(admin, admin_detector, fail_nth_call):
    """CreateMembers chunk 1 succeeds, chunk 2 fails: the error carries the partial result."""
    fail_nth_call("CreateMembers", 2)
    accounts = many_accounts(70)
    with pytest.raises(TransientAwsError) as caught:
        gateway.create_members(admin, REGION, admin_detector, accounts)
    assert caught.value.partial.processed == tuple(a for a, _ in accounts[:50])
    assert caught.value.code == "InternalServerErrorException"


def test_throttling_bursts_are_retried_by_botocore(admin, admin_detector, settings):
    settings.AWS_MAX_ATTEMPTS = 4
    controls.inject_fault("throttle", burst=2, operations=["ListMembers"])
    with count_requests() as counted:
        assert gateway.list_members(admin, REGION, admin_detector) == []
    assert counted.by_operation["guardduty.ListMembers"] == 3


def test_throttling_longer_than_botocore_retries_is_transient(admin, admin_detector, settings):
    settings.AWS_MAX_ATTEMPTS = 2
    controls.inject_fault("throttle", burst=5, operations=["ListMembers"])
    with pytest.raises(ThrottledError) as caught:
        gateway.list_members(admin, REGION, admin_detector)
    assert not caught.value.permanent
    assert caught.value.code == "TooManyRequestsException"


def test_access_denied_on_assume_role(sim):
    controls.deny_assume_role([MEMBER])
    member = access_for(MEMBER)
    with pytest.raises(AccessDeniedError) as caught:
        gateway.list_invitations(member, REGION)
    error = caught.value
    assert error.permanent and error.operation == "AssumeRole"
    assert error.message.startswith(
        f"Access denied when assuming role {member.role_arn} in account {MEMBER}:"
    )


def test_region_not_enabled(sim):
    member = access_for(MEMBER)
    controls.disable_region(MEMBER, "eu-south-2")
    with pytest.raises(RegionNotEnabledError) as caught:
        gateway.list_detector_id(member, "eu-south-2")
    assert "GuardDuty is not available in eu-south-2 for account 210987654321" in str(caught.value)

    regions = gateway.enabled_regions(member, ["eu-west-1", "eu-south-2", "us-east-1"])
    assert regions == ["eu-west-1", "us-east-1"]
    probes = {p.region: p for p in gateway.probe_regions(member, ["eu-south-2"])}
    assert probes["eu-south-2"].error_code == "UnrecognizedClientException"


def test_enabled_regions_raises_when_nothing_answers_for_another_reason(sim):
    controls.deny_assume_role([MEMBER])
    with pytest.raises(AccessDeniedError):
        gateway.enabled_regions(access_for(MEMBER), ["eu-west-1"])

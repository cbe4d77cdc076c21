"""The member side and the rest of the lifecycle, through boto3 against the simulator."""

import pytest

from guardduty_hub.accounts.invitations import (
    MemberActionError,
    administrator_leave,
    invitation_accept,
    invitation_decline,
    invitations_refresh,
)
from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.accounts.models import AuditEvent, AwsAccount, Invitation, OperationState
from guardduty_hub.simulator import controls
from tests.fixtures.membership import HUB_ADMIN, REGIONS, role_arn, statuses

pytestmark = pytest.mark.django_db


def test_member_sees_invitations_per_region_and_accepts_everywhere(
    hub_admin, invited, member_owner_dave
):
    member = invited[1]
    states = invitations_refresh(member)
    assert [s.region for s in states] == REGIONS and not any(s.error for s in states)
    rows = Invitation.objects.filter(member=member)
    assert {(i.region, i.administrator_account_id) for i in rows} == {
        (r, HUB_ADMIN) for r in REGIONS
    }
    assert all(i.invited_at for i in rows)

    # No detector in the member yet: accepting creates it (GuardDuty requires one).
    outcome = invitation_accept(member_owner_dave, member, HUB_ADMIN)
    assert outcome == dict.fromkeys(REGIONS, "")
    assert set(statuses(hub_admin, member).values()) == {"Enabled"}
    event = AuditEvent.objects.get(action="invitation.accept")
    assert event.actor == member_owner_dave and event.details["on_behalf"] is False
    states = invitations_refresh(member)
    assert {s.administrator_id for s in states} == {HUB_ADMIN}


def test_accept_in_one_region_only(hub_admin, invited, admin_alice):
    member = invited[0]
    invitations_refresh(member)
    invitation_accept(admin_alice, member, HUB_ADMIN, regions=["eu-west-1"])
    assert statuses(hub_admin, member) == {
        (member.account_id, "eu-west-1"): "Enabled",
        (member.account_id, "us-east-1"): "Invited",
    }
    # An Admin accepted on the member's behalf: the audit trail says so.
    assert AuditEvent.objects.get(action="invitation.accept").details["on_behalf"] is True


def test_only_one_administrator(
    sim, hub_admin, invited, admin_alice, django_capture_on_commit_callbacks
):
    from guardduty_hub.accounts.administrators import administrator_onboard
    from guardduty_hub.accounts.operations import operation_start

    member = invited[0]
    invitations_refresh(member)
    invitation_accept(admin_alice, member, HUB_ADMIN)
    # A second administrator invites the same member.
    sim.detector("888888888888", "eu-west-1")
    other, _ = administrator_onboard(
        admin_alice,
        account_id="888888888888",
        role_arn=role_arn("888888888888"),
        regions=["eu-west-1"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        operation_start(admin_alice, "invite", other, [member], ["eu-west-1"])
    invitations_refresh(member)
    outcome = invitation_accept(admin_alice, member, "888888888888")
    assert "only one administrator" in outcome["eu-west-1"]
    assert statuses(hub_admin, member)[(member.account_id, "eu-west-1")] == "Enabled"


def test_decline(hub_admin, invited, member_owner_dave):
    member = invited[1]
    invitations_refresh(member)
    outcome = invitation_decline(member_owner_dave, member, HUB_ADMIN, regions=["us-east-1"])
    assert outcome == {"us-east-1": ""}
    assert list(Invitation.objects.filter(member=member).values_list("region", flat=True)) == [
        "eu-west-1"
    ]
    # Nothing left to decline there: said, not silently nothing (the page and the API show it).
    with pytest.raises(MemberActionError, match="no invitation from"):
        invitation_decline(member_owner_dave, member, HUB_ADMIN, regions=["us-east-1"])


def test_leave_then_reinvite_after_resigned_and_removed(
    run_operation, hub_admin, invited, admin_alice
):
    member = invited[0]
    invitations_refresh(member)
    invitation_accept(admin_alice, member, HUB_ADMIN)
    assert administrator_leave(admin_alice, member, REGIONS) == dict.fromkeys(REGIONS, "")
    assert set(statuses(hub_admin, member).values()) == {"Resigned"}

    op = run_operation(admin_alice, "invite", hub_admin, [member], REGIONS)
    assert op.state == OperationState.DONE
    assert set(statuses(hub_admin, member).values()) == {"Invited"}
    invitations_refresh(member)
    invitation_accept(admin_alice, member, HUB_ADMIN)

    op = run_operation(admin_alice, "disassociate", hub_admin, [member], REGIONS)
    assert set(statuses(hub_admin, member).values()) == {"Removed"}
    op = run_operation(admin_alice, "invite", hub_admin, [member], REGIONS)
    assert set(statuses(hub_admin, member).values()) == {"Invited"}


def test_suspend_resume_remove(run_operation, hub_admin, invited, admin_alice):
    member = invited[2]
    invitations_refresh(member)
    invitation_accept(admin_alice, member, HUB_ADMIN)
    run_operation(admin_alice, "suspend", hub_admin, [member], REGIONS)
    assert set(statuses(hub_admin, member).values()) == {"Disabled"}
    run_operation(admin_alice, "resume", hub_admin, [member], REGIONS)
    assert set(statuses(hub_admin, member).values()) == {"Enabled"}
    op = run_operation(admin_alice, "remove", hub_admin, [member], REGIONS)
    assert op.state == OperationState.DONE
    assert statuses(hub_admin, member) == {}
    # Suspending an account that is not a member anywhere is a note, not a failure.
    op = run_operation(admin_alice, "suspend", hub_admin, [member], REGIONS)
    assert op.state == OperationState.DONE
    assert all("Not a member" in i.result for i in op.items.all())


def test_refresh_records_changes_and_learns_members_added_elsewhere(sim, hub_admin, invited):
    # Someone adds a member in the console, outside the hub.
    admin_gd = sim.guardduty(None, "eu-west-1")
    detector = sim.detector(None, "eu-west-1")
    admin_gd.create_members(
        DetectorId=detector,
        AccountDetails=[{"AccountId": "666666666666", "Email": "x@example.com"}],
    )
    # ...and a member leaves by itself.
    member_gd = sim.guardduty(invited[0].account_id, "eu-west-1")
    (inv,) = member_gd.list_invitations()["Invitations"]
    member_detector = member_gd.create_detector(Enable=True)["DetectorId"]
    member_gd.accept_administrator_invitation(
        DetectorId=member_detector, AdministratorId=HUB_ADMIN, InvitationId=inv["InvitationId"]
    )
    AuditEvent.objects.all().delete()
    assert memberships_refresh(hub_admin) == {}
    assert AwsAccount.objects.filter(account_id="666666666666").exists()
    assert statuses(hub_admin)[("666666666666", "eu-west-1")] == "Created"
    assert statuses(hub_admin)[(invited[0].account_id, "eu-west-1")] == "Enabled"
    changes = {
        (e.details["region"], e.details["before"], e.details["after"])
        for e in AuditEvent.objects.filter(action="membership.status")
    }
    assert changes == {("eu-west-1", "", "Created"), ("eu-west-1", "Invited", "Enabled")}
    assert AuditEvent.objects.filter(action="membership.status", actor=None).count() == 2


def test_assume_role_denied_for_a_member_is_shown_not_raised(hub_admin, invited):
    member = invited[0]
    controls.deny_assume_role([member.account_id])
    states = invitations_refresh(member)
    assert all(s.error for s in states)
    member.refresh_from_db()
    assert member.last_error and member.account_id in member.last_error


def test_refresh_of_a_disabled_region_is_recorded_on_it(hub_admin, invited):
    controls.disable_region(HUB_ADMIN, "us-east-1")
    errors = memberships_refresh(hub_admin)
    assert set(errors) == {"us-east-1"}
    assert hub_admin.admin_regions.get(region="us-east-1").last_error

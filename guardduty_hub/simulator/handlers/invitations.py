"""Member-side (invitee) operations (reference section 2.3).

The invitee works on the invitations in its own backend; accepting or leaving changes the
administrator's MemberRecord, which stays the one source of the relationship status.
"""

from typing import Any

from guardduty_hub.simulator import errors, membership, messages
from guardduty_hub.simulator.common import check_batch, own_detector, paginate
from guardduty_hub.simulator.handlers.members import unprocessed
from guardduty_hub.simulator.membership import Invitation
from guardduty_hub.simulator.registry import Call, handles
from guardduty_hub.simulator.world import LOCK


def _status_seen_by_member(call: Call, invitation: Invitation) -> str:
    status = membership.member_status(invitation.administrator_id, call.account_id, call.region)
    if not invitation.accepted:
        return status if status == membership.RESIGNED else membership.INVITED
    return status or membership.REMOVED


def _invitation_to_wire(call: Call, invitation: Invitation) -> dict[str, Any]:
    return {
        "accountId": invitation.administrator_id,
        "invitationId": invitation.invitation_id,
        "relationshipStatus": _status_seen_by_member(call, invitation),
        "invitedAt": invitation.invited_at,
    }


def _invitations(call: Call) -> list[Invitation]:
    membership.settle()
    side = membership.member_side(call.account_id, call.region)
    return sorted(side.invitations.values(), key=lambda i: (i.invited_at, i.administrator_id))


@handles("ListInvitations")
def list_invitations(call: Call) -> dict[str, Any]:
    page, token = paginate(call, _invitations(call))
    return {"invitations": [_invitation_to_wire(call, i) for i in page], "nextToken": token}


@handles("GetInvitationsCount")
def get_invitations_count(call: Call) -> dict[str, Any]:
    # AWS: invitations received, excluding the currently accepted one.
    return {"invitationsCount": sum(1 for i in _invitations(call) if not i.accepted)}


def _accept(call: Call, administrator_id: Any, invitation_id: Any) -> dict[str, Any]:
    own_detector(call)  # the member's own detector: accepting needs GuardDuty on
    membership.settle()
    if not isinstance(administrator_id, str) or not administrator_id:
        raise errors.invalid_parameter("administratorId")
    member, region = call.account_id, call.region
    with LOCK:
        side = membership.member_side(member, region)
        invitation = side.invitations.get(administrator_id)
        if invitation is None or invitation.invitation_id != invitation_id:
            raise errors.bad_request(messages.INVALID_INVITATION)
        current = membership.administrator_of(member, region)
        if current == administrator_id:
            return {}
        if current is not None:
            raise errors.bad_request(messages.HAS_ADMINISTRATOR)
        if membership.is_administrator(member, region):
            raise errors.bad_request(messages.IS_ADMINISTRATOR)
        record = membership.members_of(administrator_id, region).get(member)
        # A Resigned member may accept the same invitation again (AWS's enableguardduty.py
        # relies on it).
        if record is None or record.status not in (membership.INVITED, membership.RESIGNED):
            raise errors.bad_request(messages.INVALID_INVITATION)
        record.set_status(membership.ENABLED)
        invitation.accepted = True
        side.administrator_id = administrator_id
        membership.follow_member_detector(region, record)  # accepted with its detector off
    return {}


@handles("AcceptAdministratorInvitation")
def accept_administrator_invitation(call: Call) -> dict[str, Any]:
    return _accept(call, call.get("administratorId"), call.get("invitationId"))


@handles("AcceptInvitation")
def accept_invitation(call: Call) -> dict[str, Any]:
    """Deprecated name of AcceptAdministratorInvitation (MasterId); still used by AWS's scripts."""
    return _accept(call, call.get("masterId"), call.get("invitationId"))


def _drop_invitations(call: Call) -> dict[str, Any]:
    """DeclineInvitations / DeleteInvitations: the pending invitation disappears.

    What the administrator then sees is undocumented; we show Removed, so it can re-invite.
    """
    inviters = check_batch("accountIds", call.get("accountIds"))
    membership.settle()
    member, region = call.account_id, call.region
    side = membership.member_side(member, region)
    failures = []
    with LOCK:
        for admin in inviters:
            invitation = side.invitations.get(admin)
            if invitation is None:
                failures.append(unprocessed(admin, messages.NO_INVITATION))
            elif invitation.accepted and membership.administrator_of(member, region) == admin:
                failures.append(unprocessed(admin, messages.INVITATION_ACCEPTED))
            else:
                del side.invitations[admin]
                record = membership.members_of(admin, region).get(member)
                if record is not None and record.status == membership.INVITED:
                    record.set_status(membership.REMOVED)
    return {"unprocessedAccounts": failures}


@handles("DeclineInvitations")
def decline_invitations(call: Call) -> dict[str, Any]:
    return _drop_invitations(call)


@handles("DeleteInvitations")
def delete_invitations(call: Call) -> dict[str, Any]:
    return _drop_invitations(call)


def _administrator(call: Call) -> dict[str, Any] | None:
    own_detector(call)
    admin = membership.administrator_of(call.account_id, call.region)
    if admin is None:
        return None
    record = membership.members_of(admin, call.region)[call.account_id]
    wire = {"accountId": admin, "relationshipStatus": record.status}
    if record.invitation_id:
        wire["invitationId"] = record.invitation_id
    if record.invited_at:
        wire["invitedAt"] = record.invited_at
    return wire


@handles("GetAdministratorAccount")
def get_administrator_account(call: Call) -> dict[str, Any]:
    # Replaces moto's (wrongly cased key). AWS answers an empty 200 when there is none.
    admin = _administrator(call)
    return {"administrator": admin} if admin else {}


@handles("GetMasterAccount")
def get_master_account(call: Call) -> dict[str, Any]:
    admin = _administrator(call)
    return {"master": admin} if admin else {}


def _leave(call: Call) -> dict[str, Any]:
    own_detector(call)
    member, region = call.account_id, call.region
    with LOCK:
        admin = membership.administrator_of(member, region)
        if admin is None:
            return {}  # nothing to leave: AWS's scripts call this defensively
        record = membership.members_of(admin, region)[member]
        if record.via == membership.VIA_ORGANIZATION:
            raise errors.bad_request(messages.ORG_MEMBER_CANNOT_LEAVE)
        record.set_status(membership.RESIGNED)
        # The invitation stays, no longer accepted: the member can accept it again.
        side = membership.member_side(member, region)
        side.administrator_id = None
        if admin in side.invitations:
            side.invitations[admin].accepted = False
    return {}


@handles("DisassociateFromAdministratorAccount")
def disassociate_from_administrator_account(call: Call) -> dict[str, Any]:
    return _leave(call)


@handles("DisassociateFromMasterAccount")
def disassociate_from_master_account(call: Call) -> dict[str, Any]:
    return _leave(call)

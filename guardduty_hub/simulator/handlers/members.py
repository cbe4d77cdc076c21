"""Administrator-side member management (reference section 2.2, state machine 3.2).

Every handler takes the administrator's own detector, caps its account list at 50 (a 400) and
reports per-account failures in UnprocessedAccounts with HTTP 200, as AWS does.
"""

import re
from collections.abc import Callable
from typing import Any

from guardduty_hub.simulator import errors, membership, messages
from guardduty_hub.simulator import organization as org
from guardduty_hub.simulator.common import (
    backend,
    check_batch,
    detector_of,
    iso_now,
    new_id,
    own_detector,
    paginate,
)
from guardduty_hub.simulator.membership import MemberRecord
from guardduty_hub.simulator.registry import Call, handles
from guardduty_hub.simulator.world import LOCK

ACCOUNT_ID = re.compile(r"^[0-9]{12}$")
# The documented email rules (CreateMembers' AccountDetail.Email doc string).
EMAIL = re.compile(
    r"^(?!\.)[^\s\"'()<>\[\]:,\\|%&@]+@(?![.-])[A-Za-z0-9.-]*\.[A-Za-z0-9.-]*(?<![.-])$"
)


def unprocessed(account_id: str, result: str) -> dict[str, str]:
    return {"accountId": account_id, "result": result}


def member_to_wire(admin: str, region: str, record: MemberRecord) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "accountId": record.account_id,
        "masterId": admin,
        "administratorId": admin,
        "email": record.email,
        "relationshipStatus": record.status,
        "updatedAt": record.updated_at,
    }
    detector = detector_of(record.account_id, region)
    if detector is not None:
        wire["detectorId"] = detector.id
    if record.invited_at:
        wire["invitedAt"] = record.invited_at
    return wire


def _admin_call(call: Call, name: str = "accountIds") -> list[Any]:
    own_detector(call)
    items = check_batch(name, call.get(name))
    membership.settle()
    return items


def _refuse_if_member(call: Call) -> None:
    if membership.administrator_of(call.account_id, call.region) is not None:
        raise errors.bad_request(messages.CALLER_IS_MEMBER)


def _each_member(call: Call, action: Callable[[MemberRecord], str | None]) -> dict[str, Any]:
    """Apply `action` to each named member; it returns None or an UnprocessedAccounts result."""
    account_ids = _admin_call(call)
    records = membership.members_of(call.account_id, call.region)
    failures = []
    with LOCK:
        for account_id in account_ids:
            record = records.get(account_id)
            result = messages.NOT_A_MEMBER if record is None else action(record)
            if result:
                failures.append(unprocessed(account_id, result))
    return {"unprocessedAccounts": failures}


def _org_all_blocks(call: Call, record: MemberRecord) -> bool:
    return (
        record.via == membership.VIA_ORGANIZATION
        and org.org_config(call.account_id, call.region).auto_enable_organization_members == "ALL"
    )


@handles("CreateMembers")
def create_members(call: Call) -> dict[str, Any]:
    details = _admin_call(call, "accountDetails")
    _refuse_if_member(call)
    admin, region = call.account_id, call.region
    management = org.management_account_of(admin, region)
    records = membership.members_of(admin, region)
    failures = []
    with LOCK:
        for detail in details:
            detail = detail if isinstance(detail, dict) else {}
            account_id = str(detail.get("accountId", ""))
            email = str(detail.get("email", ""))
            if not ACCOUNT_ID.match(account_id):
                failures.append(unprocessed(account_id, messages.INVALID_ACCOUNT_ID))
            elif account_id == admin:
                failures.append(unprocessed(account_id, messages.SELF_MEMBER))
            elif not (6 <= len(email) <= 64 and email.isascii() and EMAIL.match(email)):
                failures.append(unprocessed(account_id, messages.INVALID_EMAIL))
            elif management and org.in_organization(management, account_id):
                result = _associate_org_member(admin, region, account_id, email)
                if result:
                    failures.append(unprocessed(account_id, result))
            elif account_id in records:
                failures.append(unprocessed(account_id, messages.ALREADY_MEMBER))
            else:
                records[account_id] = MemberRecord(account_id=account_id, email=email)
    return {"unprocessedAccounts": failures}


def _associate_org_member(admin: str, region: str, account_id: str, email: str) -> str | None:
    """A delegated administrator's CreateMembers: Enabled at once, GuardDuty turned on."""
    records = membership.members_of(admin, region)
    existing = records.get(account_id)
    if existing is not None and not (
        existing.via == membership.VIA_ORGANIZATION and existing.status == membership.REMOVED
    ):
        return messages.ALREADY_MEMBER
    current = membership.administrator_of(account_id, region)
    if current not in (None, admin) or membership.is_administrator(account_id, region):
        return messages.OTHER_ADMINISTRATOR
    if detector_of(account_id, region) is None:
        backend(account_id, region).create_detector(True, "SIX_HOURS", {}, {}, [])
    record = MemberRecord(
        account_id=account_id,
        email=email,
        status=membership.ENABLED,
        via=membership.VIA_ORGANIZATION,
    )
    records[account_id] = record
    side = membership.member_side(account_id, region)
    side.invitations.pop(admin, None)
    side.administrator_id = admin
    return None


@handles("InviteMembers")
def invite_members(call: Call) -> dict[str, Any]:
    account_ids = _admin_call(call)
    _refuse_if_member(call)
    admin, region = call.account_id, call.region
    message = call.get("message") or ""
    if not isinstance(message, str):
        raise errors.invalid_parameter("message")
    notify = not call.get("disableEmailNotification", False)
    records = membership.members_of(admin, region)
    failures = []
    with LOCK:
        for account_id in account_ids:
            record = records.get(account_id)
            if record is None:
                failures.append(unprocessed(account_id, messages.NOT_A_MEMBER))
            elif record.via == membership.VIA_ORGANIZATION:
                failures.append(unprocessed(account_id, messages.ORG_MEMBER_NO_INVITE))
            elif record.status in membership.ACTIVE:
                failures.append(unprocessed(account_id, messages.ALREADY_INVITED))
            else:
                _invite(admin, region, record, message, notify)
    return {"unprocessedAccounts": failures}


def _invite(admin: str, region: str, record: MemberRecord, message: str, notify: bool) -> None:
    membership.end_relationship(admin, record.account_id, region)
    record.invitation_id = new_id()
    record.invited_at = iso_now()
    record.message = message
    record.notify = notify
    if notify:
        membership.start_verification(admin, region, record)
    else:
        # Observed by mozilla/guardduty-multi-account-manager: without the email notification
        # the member goes straight to Invited (no verification email is involved).
        membership.deliver_invitation(admin, region, record)


@handles("ListMembers")
def list_members(call: Call) -> dict[str, Any]:
    own_detector(call)
    membership.settle()
    only_associated = str(call.get("onlyAssociated", "true") or "true").lower() != "false"
    records = sorted(
        membership.members_of(call.account_id, call.region).values(), key=lambda r: r.account_id
    )
    if only_associated:
        records = [r for r in records if r.status in membership.ASSOCIATED]
    page, token = paginate(call, records)
    return {
        "members": [member_to_wire(call.account_id, call.region, r) for r in page],
        "nextToken": token,
    }


@handles("GetMembers")
def get_members(call: Call) -> dict[str, Any]:
    account_ids = _admin_call(call)
    records = membership.members_of(call.account_id, call.region)
    found, failures = [], []
    for account_id in account_ids:
        record = records.get(account_id)
        if record is None:
            failures.append(unprocessed(account_id, messages.NOT_A_MEMBER))
        else:
            found.append(member_to_wire(call.account_id, call.region, record))
    return {"members": found, "unprocessedAccounts": failures}


@handles("DisassociateMembers")
def disassociate_members(call: Call) -> dict[str, Any]:
    def disassociate(record: MemberRecord) -> str | None:
        if _org_all_blocks(call, record):
            return messages.ORG_AUTO_ENABLE_ALL
        if record.status in membership.ACTIVE:
            record.set_status(membership.REMOVED)
            membership.end_relationship(call.account_id, record.account_id, call.region)
        return None

    return _each_member(call, disassociate)


@handles("DeleteMembers")
def delete_members(call: Call) -> dict[str, Any]:
    records = membership.members_of(call.account_id, call.region)

    def delete(record: MemberRecord) -> str | None:
        if _org_all_blocks(call, record):
            return messages.ORG_AUTO_ENABLE_ALL
        membership.end_relationship(call.account_id, record.account_id, call.region)
        del records[record.account_id]
        return None

    return _each_member(call, delete)


@handles("StartMonitoringMembers")
def start_monitoring_members(call: Call) -> dict[str, Any]:
    def start(record: MemberRecord) -> str | None:
        if record.status not in membership.ASSOCIATED:
            return messages.NOT_ASSOCIATED
        if record.status == membership.DISABLED:
            record.set_status(membership.ENABLED)
            record.self_disabled = False
            # A member whose own detector is off stays Disabled until it turns it on.
            membership.follow_member_detector(call.region, record)
        return None

    return _each_member(call, start)


@handles("StopMonitoringMembers")
def stop_monitoring_members(call: Call) -> dict[str, Any]:
    def stop(record: MemberRecord) -> str | None:
        if record.status not in membership.ASSOCIATED:
            return messages.NOT_ASSOCIATED
        if _org_all_blocks(call, record):
            return messages.ORG_AUTO_ENABLE_ALL
        if record.status == membership.ENABLED:
            record.set_status(membership.DISABLED)
        # Stopped by the administrator: the member turning its detector on does not resume it.
        record.self_disabled = False
        return None

    return _each_member(call, stop)

"""The membership steps of an operation, one region's worth: create, invite, suspend, resume,
disassociate and remove members, 50 accounts per GuardDuty call.

Each step first asks GetMembers where the accounts stand, so a step run twice (a retry after
throttling) does not redo what already happened, and says in plain words what it did not do.
Registered with the operation runner (steps.py) when the accounts app is ready.
"""

from collections.abc import Callable

from guardduty_hub.accounts.choices import ASSOCIATED, RelationshipStatus
from guardduty_hub.accounts.steps import StepOutcome, register_step
from guardduty_hub.aws import AccountAccess, gateway


def _current(access, region, detector_id, items) -> tuple[dict, dict]:
    accounts = {i.account.account_id: i.account for i in items}
    answer = gateway.get_members(access, region, detector_id, list(accounts))
    return accounts, {m.account_id: m.relationship_status for m in answer.members}


def member_create(
    access: AccountAccess, region: str, detector_id: str, items, params
) -> StepOutcome:
    """CreateMembers only: how Organizations members are added (they are never invited)."""
    accounts, status = _current(access, region, detector_id, items)
    outcome = StepOutcome()
    for account_id in status:
        outcome.notes[account_id] = f"Already a member ({status[account_id]})."
    _create(
        access, region, detector_id, [a for a in accounts if a not in status], accounts, outcome
    )
    return outcome


def _create(access, region, detector_id, ids, accounts, outcome) -> None:
    pairs = []
    for account_id in ids:
        if not accounts[account_id].root_email:
            outcome.failed[account_id] = "The hub has no root email for this account."
        else:
            pairs.append((account_id, accounts[account_id].root_email))
    if pairs:
        outcome.take(gateway.create_members(access, region, detector_id, pairs))


def member_invite(
    access: AccountAccess, region: str, detector_id: str, items, params
) -> StepOutcome:
    accounts, status = _current(access, region, detector_id, items)
    outcome = StepOutcome()
    # A failed email check is fixed by deleting the member and adding it with the right email.
    retry_email = [
        a for a, s in status.items() if s == RelationshipStatus.EMAIL_VERIFICATION_FAILED
    ]
    if retry_email:
        outcome.take(gateway.delete_members(access, region, detector_id, retry_email))
    absent = [a for a in accounts if a not in status or a in retry_email]
    _create(
        access,
        region,
        detector_id,
        [a for a in absent if a not in outcome.failed],
        accounts,
        outcome,
    )
    to_invite = []
    for account_id, account in accounts.items():
        current = status.get(account_id, "")
        if account_id in outcome.failed:
            continue
        if account.is_organizations_member:
            outcome.notes[account_id] = (
                "Joined via Organizations: added with CreateMembers, never invited."
            )
        elif current in ASSOCIATED:
            outcome.notes[account_id] = f"Already a member ({current}); not invited again."
        elif current in (
            RelationshipStatus.INVITED,
            RelationshipStatus.EMAIL_VERIFICATION_IN_PROGRESS,
        ):
            outcome.notes[account_id] = "Already invited."
        else:
            to_invite.append(account_id)
    if to_invite:
        outcome.take(
            gateway.invite_members(
                access,
                region,
                detector_id,
                to_invite,
                message=params.get("message", ""),
                disable_email_notification=params.get("disable_email_notification", False),
            )
        )
    return outcome


def _members_only(call: Callable, skip: set[str] | None = None, skip_note: str = ""):
    """A step calling `call` for accounts that are members here; others are noted, not failed."""

    def step(access: AccountAccess, region: str, detector_id: str, items, params) -> StepOutcome:
        accounts, status = _current(access, region, detector_id, items)
        outcome = StepOutcome()
        targets = []
        for account_id in accounts:
            if account_id not in status:
                outcome.notes[account_id] = "Not a member in this region; nothing to do."
            elif skip and status[account_id] in skip:
                outcome.notes[account_id] = skip_note.format(status=status[account_id])
            else:
                targets.append(account_id)
        if targets:
            outcome.take(call(access, region, detector_id, targets))
        return outcome

    return step


def member_remove(
    access: AccountAccess, region: str, detector_id: str, items, params
) -> StepOutcome:
    """Disassociate what is still associated or invited, then delete the member records."""
    accounts, status = _current(access, region, detector_id, items)
    outcome = StepOutcome()
    present = [a for a in accounts if a in status]
    for account_id in accounts:
        if account_id not in status:
            outcome.notes[account_id] = "Not a member in this region; nothing to do."
    attached = [a for a in present if status[a] not in ("Created", "Removed", "Resigned")]
    if attached:
        # Failures here show up again, clearer, in DeleteMembers' answer.
        gateway.disassociate_members(access, region, detector_id, attached)
    if present:
        outcome.take(gateway.delete_members(access, region, detector_id, present))
    return outcome


for _kind, _run in {
    "create": member_create,
    "invite": member_invite,
    "suspend": _members_only(gateway.stop_monitoring_members, {"Disabled"}, "Already suspended."),
    "resume": _members_only(gateway.start_monitoring_members, {"Enabled"}, "Already monitored."),
    "disassociate": _members_only(
        gateway.disassociate_members,
        {"Removed", "Resigned", "Created"},
        "Not associated ({status}).",
    ),
    "remove": member_remove,
}.items():
    register_step(_kind, _run, refreshes_members=True)

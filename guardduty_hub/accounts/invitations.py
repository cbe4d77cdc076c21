"""The member side: invitations a member account received, accepting, declining, leaving.

Every call goes through the member's own role (AccountAccess built from its AwsAccount). A
member owner acts for their own accounts; an Admin may act on a member's behalf where the hub
holds a role there, and the audit trail says so (details.on_behalf).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from guardduty_hub.accounts.access import access_for, is_access_problem, record_account_error
from guardduty_hub.accounts.administrators import administrator_detector
from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.memberships import memberships_apply
from guardduty_hub.accounts.models import AccountKind, AwsAccount, Invitation, MemberRegionState
from guardduty_hub.accounts.scope import is_member_owner
from guardduty_hub.accounts.selectors import hub_regions
from guardduty_hub.aws import AwsError, gateway


class MemberActionError(Exception):
    """A member-side action that cannot be done; `message` is for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RegionState:
    region: str
    administrator_id: str = ""  # current administrator, "" when none
    administrator_status: str = ""
    error: str = ""


def member_regions() -> list[str]:
    """Where to look for invitations: every region the hub's administrators work in."""
    return hub_regions() or ["us-east-1"]


def invitations_refresh(member: AwsAccount) -> list[RegionState]:
    """ListInvitations and GetAdministratorAccount in every region; store what is pending and
    each region's administrator (MemberRegionState), for member_states() to read.

    Per-region errors are returned and stored (a role problem also on the account), never
    raised. Only explicit actions call this (the portal's and the API's refresh, and after an
    answer): reading the member's page never calls AWS.
    """
    states = _invitations_read(member)
    now = timezone.now()
    with transaction.atomic():
        for state in states:
            MemberRegionState.objects.update_or_create(
                member=member,
                region=state.region,
                defaults={
                    "administrator_account_id": state.administrator_id,
                    "administrator_status": state.administrator_status,
                    "error": state.error,
                    "checked_at": now,
                },
            )
    return states


def member_states(member: AwsAccount) -> tuple[list[RegionState], datetime | None]:
    """(each region's state as the last refresh stored it, when that was: None = never).
    Regions never refreshed show no administrator."""
    stored = {row.region: row for row in MemberRegionState.objects.filter(member=member)}
    states = []
    for region in member_regions():
        row = stored.get(region)
        states.append(
            RegionState(
                region,
                administrator_id=row.administrator_account_id,
                administrator_status=row.administrator_status,
                error=row.error,
            )
            if row
            else RegionState(region)
        )
    checked = [row.checked_at for row in stored.values()]
    return states, (min(checked) if checked else None)


def _invitations_read(member: AwsAccount) -> list[RegionState]:
    access = access_for(member)
    states: list[RegionState] = []
    now = timezone.now()
    for region in member_regions():
        state = RegionState(region)
        try:
            invitations = gateway.list_invitations(access, region)
            detector_id = gateway.list_detector_id(access, region)
            if detector_id:
                admin = gateway.get_administrator_account(access, region, detector_id)
                if admin:
                    state.administrator_id = admin.account_id
                    state.administrator_status = admin.relationship_status
        except AwsError as exc:
            state.error = exc.message
            states.append(state)
            if is_access_problem(exc):
                # The member's role (or our credentials) refused: every region would fail alike.
                record_account_error(member, exc)
                return states + [RegionState(r, error=exc.message) for r in _rest(member, region)]
            continue
        with transaction.atomic():
            seen = []
            for inv in invitations:
                seen.append(inv.account_id)
                row, _ = Invitation.objects.get_or_create(
                    member=member,
                    region=region,
                    administrator_account_id=inv.account_id,
                    defaults={"invitation_id": inv.invitation_id},
                )
                if row.invitation_id != inv.invitation_id:
                    # A new invitation from the same administrator (re-invited): answer anew.
                    row.invitation_id, row.response, row.responded_at = inv.invitation_id, "", None
                row.relationship_status = inv.relationship_status
                row.invited_at = inv.invited_at
                row.last_seen_at = now
                row.save()
            Invitation.objects.filter(member=member, region=region).exclude(
                administrator_account_id__in=seen
            ).delete()
        states.append(state)
    if all(not s.error for s in states):
        record_account_error(member, None)
    return states


def invitations_pending(member: AwsAccount, states: list[RegionState]) -> list[Invitation]:
    """The invitations `member` still has to answer, by administrator then region.

    `states` is what the last refresh read (member_states). An invitation whose inviter is already the
    region's administrator was accepted (here, in the console or the CLI): that is the current
    administrator, not an invitation.
    """
    current = {s.region: s.administrator_id for s in states}
    return [
        invitation
        for invitation in Invitation.objects.filter(member=member, response="").order_by(
            "administrator_account_id", "region"
        )
        if current.get(invitation.region) != invitation.administrator_account_id
    ]


def one_administrator_message(current_id: str, region: str) -> str:
    """Why an invitation cannot be accepted where another administrator holds the account."""
    return (
        f"Already a member of administrator {current_id} in {region}; GuardDuty allows only "
        f"one administrator per region. Leave it first to accept this invitation."
    )


def invitations_blocked(invitations: list[Invitation], states: list[RegionState]) -> dict:
    """{invitation pk: why it cannot be accepted} for invitations in a region where the last
    refresh found another administrator (invitation_accept refuses them too, asking GuardDuty)."""
    current = {s.region: s.administrator_id for s in states if s.administrator_id}
    return {
        invitation.pk: one_administrator_message(current[invitation.region], invitation.region)
        for invitation in invitations
        if current.get(invitation.region, invitation.administrator_account_id)
        != invitation.administrator_account_id
    }


def _rest(member, failed_region):
    regions = member_regions()
    return regions[regions.index(failed_region) + 1 :]


def _invitations_to_answer(member, administrator_id: str, regions: list[str] | None, verb: str):
    """The member's invitations from `administrator_id` (in `regions`), or MemberActionError."""
    invitations = Invitation.objects.filter(
        member=member, administrator_account_id=administrator_id
    )
    if regions is not None:
        invitations = invitations.filter(region__in=regions)
    if not invitations.exists():
        raise MemberActionError(f"There is no invitation from {administrator_id} to {verb}.")
    return invitations


def invitation_accept(
    actor, member: AwsAccount, administrator_id: str, regions: list[str] | None = None
) -> dict[str, str]:
    """Accept `administrator_id`'s invitations in `regions` (default: everywhere invited).

    Creates the member's detector where missing (GuardDuty requires one) and refuses a region
    where the member already has another administrator ("only one administrator").
    Returns {region: "" for accepted, else why not}.
    """
    invitations = _invitations_to_answer(member, administrator_id, regions, "accept")
    access = access_for(member)
    outcome: dict[str, str] = {}
    for invitation in invitations.order_by("region"):
        region = invitation.region
        try:
            detector_id = gateway.ensure_detector(access, region)
            current = gateway.get_administrator_account(access, region, detector_id)
            if current and current.account_id != administrator_id:
                outcome[region] = one_administrator_message(current.account_id, region)
                continue
            gateway.accept_administrator_invitation(
                access, region, detector_id, administrator_id, invitation.invitation_id
            )
        except AwsError as exc:
            outcome[region] = exc.message
            continue
        outcome[region] = ""
        invitation.responded_at, invitation.response = timezone.now(), "accepted"
        invitation.save(update_fields=["responded_at", "response"])
    _audit(actor, "invitation.accept", member, administrator_id, outcome)
    _refresh_administrator_side(member, administrator_id, [r for r, e in outcome.items() if not e])
    return outcome


def invitation_decline(
    actor, member: AwsAccount, administrator_id: str, regions: list[str] | None = None
) -> dict[str, str]:
    """DeclineInvitations from `administrator_id` in `regions` (default: everywhere invited)."""
    invitations = _invitations_to_answer(member, administrator_id, regions, "decline")
    access = access_for(member)
    outcome: dict[str, str] = {}
    for invitation in invitations.order_by("region"):
        try:
            result = gateway.decline_invitations(access, invitation.region, [administrator_id])
        except AwsError as exc:
            outcome[invitation.region] = exc.message
            continue
        outcome[invitation.region] = result.result_for(administrator_id) or ""
        if not outcome[invitation.region]:
            invitation.delete()
    _audit(actor, "invitation.decline", member, administrator_id, outcome)
    return outcome


def administrator_leave(actor, member: AwsAccount, regions: list[str]) -> dict[str, str]:
    """DisassociateFromAdministratorAccount in each region (the administrator sees Resigned)."""
    access = access_for(member)
    outcome: dict[str, str] = {}
    left_from: set[str] = set()
    for region in regions:
        try:
            detector_id = gateway.list_detector_id(access, region)
            current = detector_id and gateway.get_administrator_account(access, region, detector_id)
            if not current:
                outcome[region] = "This account has no administrator in this region."
                continue
            gateway.disassociate_from_administrator_account(access, region, detector_id)
        except AwsError as exc:
            outcome[region] = exc.message
            continue
        outcome[region] = ""
        left_from.add(current.account_id)
    _audit(actor, "administrator.leave", member, ",".join(sorted(left_from)), outcome)
    for administrator_id in left_from:
        _refresh_administrator_side(
            member, administrator_id, [r for r, e in outcome.items() if not e]
        )
    return outcome


def _audit(actor, action, member, administrator_id, outcome) -> None:
    on_behalf = not (actor and is_member_owner(actor))
    audit_record(
        actor,
        action,
        member,
        administrator=administrator_id,
        regions={r: (e or "ok") for r, e in outcome.items()},
        on_behalf=on_behalf,
    )


def _refresh_administrator_side(member, administrator_id: str, regions: list[str]) -> None:
    """If the hub manages that administrator, update its view of this member now."""
    administrator = AwsAccount.objects.filter(
        account_id=administrator_id, kind=AccountKind.ADMINISTRATOR
    ).first()
    if administrator is None or not regions:
        return
    access = access_for(administrator)
    for region in regions:
        try:
            detector_id = administrator_detector(administrator, region)
            answer = gateway.get_members(access, region, detector_id, [member.account_id])
        except AwsError:
            continue  # the periodic refresh will catch up; the member's action succeeded
        memberships_apply(administrator, region, answer.members, None)

"""Bring our Membership rows in line with what the administrator's GuardDuty says.

ListMembers with OnlyAssociated="false" (GuardDuty's default hides pending accounts); members
GuardDuty reports that the hub does not know yet are added as accounts. Every status change is
recorded in the audit trail (actor: the system, or the person who asked for the refresh).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from guardduty_hub.accounts.access import access_for, is_access_problem, record_account_error
from guardduty_hub.accounts.administrators import (
    administrator_detector,
    record_region_error,
)
from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.choices import RelationshipStatus
from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount, Membership
from guardduty_hub.accounts.signals import membership_enabled
from guardduty_hub.aws import AwsError, gateway


def memberships_refresh(administrator: AwsAccount, actor=None, regions=None) -> dict[str, str]:
    """Refresh every enabled region (or `regions`); returns {region: error} for failed ones.

    A region's failure (AccessDenied there, say) is recorded on the region and the others go
    on; the administrator's own error only when it cannot be reached at all.
    """
    if regions is None:
        regions = AdministratorRegion.objects.filter(
            administrator=administrator, enabled=True
        ).values_list("region", flat=True)
    regions = list(regions)
    errors = {}
    reached = False
    for position, region in enumerate(regions):
        try:
            memberships_refresh_region(administrator, region, actor)
            reached = True
        except AwsError as exc:
            record_region_error(administrator, region, exc)
            errors[region] = exc.message
            if is_access_problem(exc):
                # Role refused or credentials rejected: every other region would fail alike.
                errors.update(dict.fromkeys(regions[position + 1 :], exc.message))
                return errors
            # The members' status there may be out of date: their rows say why.
            memberships_note_errors(administrator, region, exc.message)
    if reached:
        record_account_error(administrator, None)
    return errors


def memberships_refresh_region(administrator: AwsAccount, region: str, actor=None) -> int:
    """ListMembers in one region; upsert; forget rows GuardDuty no longer has. Raises AwsError."""
    detector_id = administrator_detector(administrator, region)
    members = gateway.list_members(access_for(administrator), region, detector_id)
    changed = memberships_apply(administrator, region, members, actor, complete=True)
    record_region_error(administrator, region, None)
    return changed


def memberships_apply(
    administrator: AwsAccount,
    region: str,
    members: Iterable[gateway.Member],
    actor=None,
    *,
    complete: bool = False,
    gone: Iterable[str] = (),
) -> int:
    """Store GuardDuty's view of these members; audit each status change. Returns changes.

    complete=True: `members` is everything GuardDuty has in the region, so rows of other
    accounts are deleted. `gone`: account ids GuardDuty said are not members.
    """
    members = list(members)
    now = timezone.now()
    accounts = _accounts_for(members)
    existing = {
        m.member.account_id: m
        for m in Membership.objects.filter(
            administrator=administrator, region=region
        ).select_related("member")
    }
    changed = 0
    enabled = False
    with transaction.atomic():
        for member in members:
            row = existing.pop(member.account_id, None)
            before = row.relationship_status if row else ""
            if row is None:
                row = Membership(
                    administrator=administrator, member=accounts[member.account_id], region=region
                )
            row.relationship_status = member.relationship_status
            row.email = member.email
            row.invited_at = member.invited_at
            row.updated_at = member.updated_at
            row.member_detector_id = member.detector_id or ""
            row.last_refreshed_at = now
            row.error_note("")  # GuardDuty answered for this member here
            row.save()
            if before != member.relationship_status:
                changed += 1
                _audit_change(actor, row, before)
                enabled |= member.relationship_status == RelationshipStatus.ENABLED
        stale = existing.values() if complete else [existing[a] for a in gone if a in existing]
        for row in stale:
            changed += 1
            _audit_change(actor, row, row.relationship_status, after="")
            row.delete()
        if enabled:  # one sync of the pair, however many members became Enabled
            membership_enabled.send(
                sender=Membership, administrator_id=administrator.pk, region=region
            )
    return changed


def memberships_note_errors(
    administrator: AwsAccount, region: str, message: str, account_ids: Iterable[str] | None = None
) -> int:
    """Why the last call about these members (None: all) in `region` failed, on their rows.

    Only rows GuardDuty already reported are written: a row is GuardDuty's word on a member,
    so a failed invitation does not make one (its reason is on the operation's item). The next
    answer from GuardDuty about the member there (memberships_apply) clears it.
    """
    rows = Membership.objects.filter(administrator=administrator, region=region)
    if account_ids is not None:
        rows = rows.filter(member__account_id__in=list(account_ids))
    return rows.update(**Membership.last_error_fields(message))


def _accounts_for(members: list) -> dict[str, AwsAccount]:
    ids = {m.account_id for m in members}
    known = {a.account_id: a for a in AwsAccount.objects.filter(account_id__in=ids)}
    for member in members:
        if member.account_id not in known:
            # A member added outside the hub (console, scripts): the hub learns it.
            known[member.account_id] = AwsAccount.objects.create(
                account_id=member.account_id, root_email=member.email
            )
    return known


def _audit_change(actor, row: Membership, before: str, after: str | None = None) -> None:
    after = row.relationship_status if after is None else after
    audit_record(
        actor,
        "membership.status",
        ("accounts.awsaccount", row.member.pk),
        label=f"{row.member} in {row.region}",
        region=row.region,
        administrator=row.administrator.account_id,
        before=before,
        after=after,
    )

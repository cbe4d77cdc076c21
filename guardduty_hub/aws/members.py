"""Administrator side of GuardDuty membership: every call takes the ADMIN's detector id.

Batch calls go out in chunks of 50 and return a `BatchResult`; GuardDuty reports per-account
failures (already a member, not invitable, ...) in `UnprocessedAccounts` with HTTP 200.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from guardduty_hub.aws import clients
from guardduty_hub.aws.batching import account_batch, chunks, run_account_batches, unique
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import (
    BatchResult,
    Member,
    MembersResult,
    member_from,
    unprocessed_from,
)


def create_members(
    access: AccountAccess,
    region: str,
    detector_id: str,
    accounts: Iterable[tuple[str, str]],
) -> BatchResult:
    """CreateMembers for (account_id, email) pairs."""
    details = list({acct: (acct, email) for acct, email in accounts}.values())
    gd = clients.guardduty(access, region)

    def call(batch: list[tuple[str, str]]) -> dict:
        with translate("CreateMembers", access, region):
            return gd.create_members(
                DetectorId=detector_id,
                AccountDetails=[{"AccountId": a, "Email": e} for a, e in batch],
            )

    return run_account_batches([a for a, _ in details], call, items=details, key=lambda d: d[0])


def invite_members(
    access: AccountAccess,
    region: str,
    detector_id: str,
    account_ids: Iterable[str],
    message: str = "",
    disable_email_notification: bool = False,
) -> BatchResult:
    gd = clients.guardduty(access, region)

    def call(batch: list[str]) -> dict:
        params: dict = {
            "DetectorId": detector_id,
            "AccountIds": batch,
            "DisableEmailNotification": disable_email_notification,
        }
        if message:
            params["Message"] = message
        with translate("InviteMembers", access, region):
            return gd.invite_members(**params)

    return run_account_batches(unique(account_ids), call)


def list_members(
    access: AccountAccess, region: str, detector_id: str, only_associated: bool = False
) -> list[Member]:
    """All members. GuardDuty's own default hides all but Enabled/Disabled: we ask for all."""
    members: list[Member] = []
    with translate("ListMembers", access, region):
        paginator = clients.guardduty(access, region).get_paginator("list_members")
        pages = paginator.paginate(
            DetectorId=detector_id,
            # A string in GuardDuty's model; a bool fails botocore's validation.
            OnlyAssociated="true" if only_associated else "false",
            PaginationConfig={"PageSize": 50},
        )
        for page in pages:
            members.extend(member_from(raw) for raw in page.get("Members") or ())
    return members


def get_members(
    access: AccountAccess, region: str, detector_id: str, account_ids: Iterable[str]
) -> MembersResult:
    gd = clients.guardduty(access, region)
    members: list[Member] = []
    unprocessed = []
    for batch in chunks(unique(account_ids)):
        with translate("GetMembers", access, region):
            answer = gd.get_members(DetectorId=detector_id, AccountIds=batch)
        members.extend(member_from(raw) for raw in answer.get("Members") or ())
        unprocessed.extend(unprocessed_from(answer))
    return MembersResult(members=tuple(members), unprocessed=tuple(unprocessed))


# The member calls that take nothing but the accounts, through account_batch:
# (access, region, detector_id, account_ids) -> BatchResult.
# End the relationship (status Removed); the record stays so it can be re-invited.
disassociate_members = partial(account_batch, "DisassociateMembers")
# Remove member records entirely.
delete_members = partial(account_batch, "DeleteMembers")
# Resume monitoring suspended members (Disabled -> Enabled).
start_monitoring_members = partial(account_batch, "StartMonitoringMembers")
# Suspend monitoring (Enabled -> Disabled).
stop_monitoring_members = partial(account_batch, "StopMonitoringMembers")

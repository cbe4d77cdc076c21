"""Member side of GuardDuty membership: calls made with the MEMBER account's access.

Invitations are per region: an invitation sent in us-east-1 is only listed there.
"""

from __future__ import annotations

from collections.abc import Iterable

from guardduty_hub.aws import clients
from guardduty_hub.aws.batching import account_batch
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import Administrator, BatchResult, Invitation, parse_time


def list_invitations(access: AccountAccess, region: str) -> list[Invitation]:
    invitations: list[Invitation] = []
    with translate("ListInvitations", access, region):
        paginator = clients.guardduty(access, region).get_paginator("list_invitations")
        for page in paginator.paginate(PaginationConfig={"PageSize": 50}):
            for raw in page.get("Invitations") or ():
                invitations.append(
                    Invitation(
                        account_id=raw.get("AccountId", ""),
                        invitation_id=raw.get("InvitationId", ""),
                        relationship_status=raw.get("RelationshipStatus", ""),
                        invited_at=parse_time(raw.get("InvitedAt")),
                    )
                )
    return invitations


def get_invitations_count(access: AccountAccess, region: str) -> int:
    """Invitations received, not counting the one currently accepted."""
    with translate("GetInvitationsCount", access, region):
        answer = clients.guardduty(access, region).get_invitations_count()
    return int(answer.get("InvitationsCount") or 0)


def accept_administrator_invitation(
    access: AccountAccess,
    region: str,
    detector_id: str,
    administrator_id: str,
    invitation_id: str,
) -> None:
    """Accept with the member's OWN detector (see detectors.ensure_detector)."""
    with translate("AcceptAdministratorInvitation", access, region):
        clients.guardduty(access, region).accept_administrator_invitation(
            DetectorId=detector_id,
            AdministratorId=administrator_id,
            InvitationId=invitation_id,
        )


def decline_invitations(
    access: AccountAccess, region: str, administrator_ids: Iterable[str]
) -> BatchResult:
    return account_batch("DeclineInvitations", access, region, None, administrator_ids)


def delete_invitations(
    access: AccountAccess, region: str, administrator_ids: Iterable[str]
) -> BatchResult:
    return account_batch("DeleteInvitations", access, region, None, administrator_ids)


def get_administrator_account(
    access: AccountAccess, region: str, detector_id: str
) -> Administrator | None:
    """The member's administrator, or None. Admins and standalone accounts get an empty 200."""
    with translate("GetAdministratorAccount", access, region):
        answer = clients.guardduty(access, region).get_administrator_account(DetectorId=detector_id)
    raw = answer.get("Administrator") or answer.get("Master")
    if not raw or not raw.get("AccountId"):
        return None
    return Administrator(
        account_id=raw.get("AccountId", ""),
        invitation_id=raw.get("InvitationId", ""),
        relationship_status=raw.get("RelationshipStatus", ""),
        invited_at=parse_time(raw.get("InvitedAt")),
    )


def disassociate_from_administrator_account(
    access: AccountAccess, region: str, detector_id: str
) -> None:
    """The member leaves its administrator (the administrator then sees Resigned)."""
    with translate("DisassociateFromAdministratorAccount", access, region):
        clients.guardduty(access, region).disassociate_from_administrator_account(
            DetectorId=detector_id
        )

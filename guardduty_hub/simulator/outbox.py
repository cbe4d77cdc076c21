"""The outbox: invitation emails GuardDuty would send to invitees' root users.

Nothing is mailed; the demo and the tests read what the member received.
"""

from typing import Any

from guardduty_hub.simulator.common import iso_now
from guardduty_hub.simulator.world import LOCK, WORLD, Email


def send_invitation_email(admin: str, region: str, record: Any) -> Email:
    email = Email(
        to=record.email,
        account_id=record.account_id,
        region=region,
        administrator_id=admin,
        invitation_id=record.invitation_id or "",
        message=record.message or "",
        sent_at=iso_now(),
        subject=f"Amazon GuardDuty invitation from AWS account {admin} ({region})",
    )
    with LOCK:
        WORLD.outbox.append(email)
    return email


def emails(
    *, account_id: str | None = None, region: str | None = None, to: str | None = None
) -> list[Email]:
    """Emails sent so far, oldest first, optionally narrowed."""
    with LOCK:
        found = list(WORLD.outbox)
    return [
        e
        for e in found
        if (account_id is None or e.account_id == account_id)
        and (region is None or e.region == region)
        and (to is None or e.to.lower() == to.lower())
    ]


def clear() -> None:
    with LOCK:
        WORLD.outbox.clear()

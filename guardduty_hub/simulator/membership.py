"""Who is whose member: the membership state and the in-process API other modules read.

Per (account, region), like AWS. The administrator's backend holds one `MemberRecord` per
member account (the admin-side view, which is the source of truth for the relationship
status); the invitee's backend holds the invitations it received and, once it accepted one
(or was added by its organization's delegated administrator), the id of its administrator.
An invitation therefore exists only in the invitee's backend of the region it was sent in.

Public API (used by the findings handlers, the controls and the demo world):

    associated_members(admin_account, region) -> list[str]     # Enabled + Disabled
    monitored_members(admin_account, region) -> list[str]      # Enabled only
    administrator_of(account, region) -> str | None            # while Enabled or Disabled
    is_monitoring_enabled(member, admin, region) -> bool       # Enabled
    member_status(admin_account, member, region) -> str | None
    is_administrator(account, region) -> bool
    visible_accounts(account, region) -> list[str]              # whose findings it sees
"""

import time
from dataclasses import dataclass, field

from guardduty_hub.simulator import outbox, registry
from guardduty_hub.simulator.common import backend, detector_of, iso_now
from guardduty_hub.simulator.world import LOCK, WORLD

ENABLED = "Enabled"
DISABLED = "Disabled"
CREATED = "Created"
INVITED = "Invited"
VERIFYING = "EmailVerificationInProgress"
VERIFICATION_FAILED = "EmailVerificationFailed"
REMOVED = "Removed"
RESIGNED = "Resigned"

ASSOCIATED = frozenset({ENABLED, DISABLED})
# An administrator with a member in one of these states is busy being an administrator.
ACTIVE = frozenset({VERIFYING, INVITED, ENABLED, DISABLED})

VIA_INVITATION = "invitation"
VIA_ORGANIZATION = "organization"


@dataclass
class MemberRecord:
    """A member account, as its administrator sees it (lives in the administrator's backend)."""

    account_id: str
    email: str
    status: str = CREATED
    via: str = VIA_INVITATION
    updated_at: str = field(default_factory=iso_now)
    invited_at: str | None = None
    invitation_id: str | None = None
    message: str = ""
    notify: bool = True
    # time.time() at which EmailVerificationInProgress resolves.
    verify_at: float | None = None
    # Disabled because the member turned its own detector off (not by StopMonitoringMembers):
    # turning it back on makes it Enabled again.
    self_disabled: bool = False

    def set_status(self, status: str) -> None:
        self.status = status
        self.updated_at = iso_now()


@dataclass
class Invitation:
    """An invitation as the invitee sees it (lives in the invitee's backend)."""

    administrator_id: str
    invitation_id: str
    invited_at: str
    accepted: bool = False


@dataclass
class MemberSide:
    """The invitee's side: invitations received and the current administrator, if any."""

    invitations: dict[str, Invitation] = field(default_factory=dict)
    administrator_id: str | None = None


registry.backend_state("gdh_members", dict)
registry.backend_state("gdh_member_side", MemberSide)


def members_of(admin_account: str, region: str) -> dict[str, MemberRecord]:
    # setdefault: a backend created before install() lacks the attribute.
    return backend(admin_account, region).__dict__.setdefault("gdh_members", {})


def member_side(account: str, region: str) -> MemberSide:
    return backend(account, region).__dict__.setdefault("gdh_member_side", MemberSide())


# --- Queries -------------------------------------------------------------------------------


def member_status(admin_account: str, member: str, region: str) -> str | None:
    settle()
    record = members_of(admin_account, region).get(member)
    return record.status if record else None


def associated_members(admin_account: str, region: str) -> list[str]:
    """Members whose findings the administrator sees: Enabled and Disabled ones."""
    settle()
    records = members_of(admin_account, region).values()
    return sorted(r.account_id for r in records if r.status in ASSOCIATED)


def monitored_members(admin_account: str, region: str) -> list[str]:
    settle()
    records = members_of(admin_account, region).values()
    return sorted(r.account_id for r in records if r.status == ENABLED)


def administrator_of(account: str, region: str) -> str | None:
    """The account's administrator in the region while the relationship is Enabled/Disabled."""
    settle()
    admin = member_side(account, region).administrator_id
    if admin is None:
        return None
    record = members_of(admin, region).get(account)
    return admin if record is not None and record.status in ASSOCIATED else None


def is_monitoring_enabled(member: str, admin: str, region: str) -> bool:
    """False for a Disabled member: it generates no new findings (nor does anything not Enabled)."""
    return member_status(admin, member, region) == ENABLED


def is_administrator(account: str, region: str) -> bool:
    settle()
    return any(r.status in ACTIVE for r in members_of(account, region).values())


def visible_accounts(account: str, region: str) -> list[str]:
    """Accounts whose findings `account` sees in `region`: itself and its associated members."""
    return [account, *associated_members(account, region)]


# --- Email verification --------------------------------------------------------------------


def start_verification(admin: str, region: str, record: MemberRecord) -> None:
    """InviteMembers: verify the email against the root email, then deliver the invitation."""
    with LOCK:
        record.set_status(VERIFYING)
        record.verify_at = time.time() + WORLD.verification_delay
        WORLD.pending_verifications.add((admin, record.account_id, region))
    settle()


def settle() -> None:
    """Resolve every verification whose time has come (lazily, on the next read)."""
    if not WORLD.pending_verifications:
        return
    now = time.time()
    with LOCK:
        for key in sorted(WORLD.pending_verifications):
            admin, member, region = key
            record = members_of(admin, region).get(member)
            if record is None or record.status != VERIFYING:
                WORLD.pending_verifications.discard(key)
                continue
            if record.verify_at is not None and record.verify_at > now:
                continue
            WORLD.pending_verifications.discard(key)
            root_email = WORLD.root_emails.get(member)
            if root_email is not None and root_email.lower() != record.email.lower():
                record.set_status(VERIFICATION_FAILED)
            else:
                deliver_invitation(admin, region, record)


def deliver_invitation(admin: str, region: str, record: MemberRecord) -> None:
    """The invitation reaches the invitee's backend in this region (and its root user's inbox)."""
    record.set_status(INVITED)
    assert record.invitation_id and record.invited_at
    member_side(record.account_id, region).invitations[admin] = Invitation(
        administrator_id=admin,
        invitation_id=record.invitation_id,
        invited_at=record.invited_at,
    )
    if record.notify:
        outbox.send_invitation_email(admin, region, record)


def follow_member_detector(region: str, record: MemberRecord) -> None:
    """An associated member whose own detector is off is Disabled to its administrator
    (mozilla/guardduty-multi-account-manager, reference 3.1); back on, Enabled again, unless the
    administrator stopped monitoring it meanwhile."""
    detector = detector_of(record.account_id, region)
    enabled = detector is not None and detector.enabled
    if not enabled and record.status == ENABLED:
        record.set_status(DISABLED)
        record.self_disabled = True
    elif enabled and record.status == DISABLED and record.self_disabled:
        record.set_status(ENABLED)
        record.self_disabled = False


def member_detector_switched(member: str, region: str) -> None:
    """UpdateDetector Enable=True/False by `member`: its administrator's view follows."""
    with LOCK:
        admin = administrator_of(member, region)
        if admin is not None:
            follow_member_detector(region, members_of(admin, region)[member])


def end_relationship(admin: str, member: str, region: str) -> None:
    """Withdraw the invitation and the association on the member's side."""
    side = member_side(member, region)
    side.invitations.pop(admin, None)
    if side.administrator_id == admin:
        side.administrator_id = None
    WORLD.pending_verifications.discard((admin, member, region))

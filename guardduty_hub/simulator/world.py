"""State of the simulated world that belongs to no single (account, region) backend.

Root emails of accounts (what AWS knows about each account), the outbox of invitation emails,
pending email verifications and the verification delay. It is cleared whenever moto resets its
backends (`mock_aws` start, `/moto-api/reset`), so every test starts from an empty world.
"""

import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from moto.core.base_backend import BackendDict


@dataclass
class Email:
    """An invitation email GuardDuty sends to the invitee's root user."""

    to: str
    account_id: str  # the invitee
    region: str
    administrator_id: str
    invitation_id: str
    message: str
    sent_at: str
    subject: str

    def to_dict(self) -> dict[str, Any]:
        """camelCase, like everything else the simulator answers over HTTP."""
        return {
            "".join(w.capitalize() if i else w for i, w in enumerate(k.split("_"))): v
            for k, v in asdict(self).items()
        }


@dataclass
class World:
    # account id -> root (primary) email; accounts absent here pass email verification.
    root_emails: dict[str, str] = field(default_factory=dict)
    outbox: list[Email] = field(default_factory=list)
    # (administrator, member, region) whose EmailVerificationInProgress is still open.
    pending_verifications: set[tuple[str, str, str]] = field(default_factory=set)
    # AWS resolves verification "within a second"; settled lazily on the next read.
    verification_delay: float = 0.3
    # The demo world's description once one is built (see demo_world.py).
    demo: Any = None


WORLD = World()
# Membership actions touch two backends at once; one lock keeps them consistent under the
# threaded HTTP server.
LOCK = threading.RLock()

# Functions run after a reset (fault injection clears itself this way).
ON_RESET: list[Any] = []


def reset_world() -> None:
    with LOCK:
        # In place, so modules holding WORLD see the fresh state; the delay is a setting.
        delay = WORLD.verification_delay
        WORLD.__init__(verification_delay=delay)  # type: ignore[misc]
        for hook in ON_RESET:
            hook()


def world() -> World:
    return WORLD


def install_reset_hook() -> None:
    """Clear the world whenever moto resets its backends."""
    original = BackendDict.__dict__["reset"].__func__
    if getattr(original, "_simulator_world", False):
        return

    def reset(cls: type) -> None:
        original(cls)
        reset_world()

    reset._simulator_world = True  # type: ignore[attr-defined]
    BackendDict.reset = classmethod(reset)  # type: ignore[method-assign, assignment]


def register_accounts(emails: dict[str, str]) -> None:
    """Record accounts' root emails: InviteMembers checks the invite's email against them."""
    with LOCK:
        WORLD.root_emails.update({str(k): str(v) for k, v in emails.items()})

"""The claim on one (administrator, region): compare-and-set on its SyncState row.

A run takes the lease only if nobody holds it or the holder's lease ran out (the holder died:
SIGKILL, lost host), renews it after every page and gives it back at the end. The lease lasts
longer than a task's hard time limit, so a live run never loses it to a second one; a dead run's
lease frees itself.
"""

import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from guardduty_hub.sync.models import SyncState


class LeaseLost(Exception):
    """Another run took the pair over (ours expired): stop without writing more."""


def new_owner() -> str:
    """Who holds a lease: host and process for people, a random part so each run is unique."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.SYNC_LEASE_SECONDS)


def lease_acquire(state_id: int, owner: str) -> bool:
    """Take the pair's lease; False (at once) when a live run holds it."""
    now = timezone.now()
    taken = (
        SyncState.objects.filter(pk=state_id)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_owner=owner, lease_until=now + lease_duration(), last_attempt_at=now)
    )
    return taken == 1


def lease_renew(state_id: int, owner: str, **changes) -> None:
    """Extend our lease (and write `changes` in the same statement); LeaseLost if it is not ours."""
    renewed = SyncState.objects.filter(pk=state_id, lease_owner=owner).update(
        lease_until=timezone.now() + lease_duration(), **changes
    )
    if renewed != 1:
        raise LeaseLost(f"The lease on sync state {state_id} is no longer held by {owner}.")


def lease_release(state_id: int, owner: str, **changes) -> bool:
    """Give the lease back (with final `changes`); False when it was not ours any more."""
    released = SyncState.objects.filter(pk=state_id, lease_owner=owner).update(
        lease_owner="", lease_until=None, **changes
    )
    return released == 1

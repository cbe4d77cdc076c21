from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.utils import timezone


class Capability(models.Model):
    """Holds the hub's own permissions; no table, the rows live in auth_permission.

    Roles are groups of these capabilities (see roles.py). Model permissions of later apps are
    added to roles there too.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_findings", "Can view findings, accounts and sync status"),
            ("triage_findings", "Can archive, give feedback, set status, assign and comment"),
            ("manage_accounts", "Can onboard administrators, add, invite and remove members"),
            ("manage_settings", "Can change hub settings and run syncs"),
            ("generate_samples", "Can generate GuardDuty sample findings"),
            ("view_audit", "Can read the audit log"),
            ("respond_invitations", "Can accept or decline invitations for own member accounts"),
        ]

    def __str__(self) -> str:
        return "capability"


class LastError(models.Model):
    """Why the last call to AWS for this row failed, in plain words, and when.

    Both are cleared together once a call succeeds again: write them through
    `last_error_fields` (for update() and lease releases) or `error_note` (on an instance).
    """

    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def last_error_fields(message: str, at: datetime | None = None) -> dict[str, Any]:
        """The two fields for `message`; an empty message clears both."""
        return {"last_error": message, "last_error_at": (at or timezone.now()) if message else None}

    def error_note(self, message: str, at: datetime | None = None) -> None:
        for name, value in self.last_error_fields(message, at).items():
            setattr(self, name, value)


class RunState(models.TextChoices):
    """Queued, running, then done, partial (some items failed) or failed (all of them); a retry
    of the failed items queues a run again. Membership operations and bulk runs share it."""

    # Django derives the labels "Queued", "Running", "Done" and "Failed" from the names.
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    PARTIAL = "partial", "Done with failures"
    FAILED = "failed"


class BackgroundRun(models.Model):
    """Background work as a row the UI shows: when it finished and, if it failed as a whole, why.

    Finished means `finished_at` is set: the run's own code sets it with the final state and
    clears it on a retry. Subclasses add `started_at`, their state and their counts.
    """

    finished_at = models.DateTimeField(null=True, blank=True)
    # A failure of the whole run (not of one account or page), in plain words.
    error = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def duration(self) -> timedelta | None:
        if self.finished_at is None or self.started_at is None:
            return None
        return self.finished_at - self.started_at

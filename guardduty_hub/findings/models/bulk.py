"""A bulk action on every finding a filter matches, run in the background: one row per run,
with its progress, for the progress page (findings/bulk_matching.py starts and runs it).

The filter is kept as the list's query string and evaluated again, with the user's scope, at
each step: the run never acts on ids a browser sent.
"""

from django.conf import settings
from django.db import models

from guardduty_hub.accounts.models import OperationState
from guardduty_hub.core.models import BackgroundRun


class BulkOperation(BackgroundRun):
    """Its status is a membership operation's (queued, running, done, partial, failed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bulk_operations",
        db_index=False,  # findings_bulkop_user_idx leads with it
    )
    action = models.CharField(max_length=32)  # a name of findings.bulk_actions.ACTIONS
    # The action's argument as the request sent it (a status, a feedback, a username); empty
    # when the action takes none or, for assign, to unassign.
    argument = models.CharField(max_length=150, blank=True)
    query = models.TextField(blank=True)  # the finding list's filters, as its query string
    # Findings matching when the run was asked for; the run acts on none created after it
    # (`last_pk`), and moves through them in primary key order (`cursor`).
    total = models.PositiveIntegerField(default=0)
    last_pk = models.BigIntegerField(default=0)
    cursor = models.BigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    # Finding id -> why it was not done, the first few (the page lists them).
    failures = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=16, choices=OperationState.choices, default=OperationState.QUEUED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # A user's runs, newest first (the progress page's owner check, the admin).
            models.Index(fields=["user", "-created_at"], name="findings_bulkop_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} on {self.total} findings ({self.status})"

    @property
    def processed(self) -> int:
        return self.done + self.failed

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.processed * 100 // self.total)

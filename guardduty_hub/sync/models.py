from django.db import models
from django.utils import timezone

from guardduty_hub.core.models import BackgroundRun, LastError


class PairRow(models.Model):
    """One row per (administrator, region) pair, the unit the sync and the consumer work on."""

    region = models.CharField(max_length=32)

    class Meta:
        abstract = True
        constraints = [
            # One row per pair: the lease compares-and-sets on SyncState's, the consumer updates
            # EventFlow's in each batch's transaction.
            models.UniqueConstraint(
                fields=["administrator", "region"], name="%(app_label)s_%(class)s_one_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.administrator_id}/{self.region}"


class SyncState(PairRow, LastError):
    """Where the sync of one (administrator, region) stands; the unit of sync work.

    The lease is a compare-and-set claim (sync/lease.py): a run owns the pair while
    `lease_until` is in the future, renews it after every page, and a second run exits at once.
    """

    administrator = models.ForeignKey(
        "accounts.AwsAccount", on_delete=models.CASCADE, related_name="sync_states"
    )
    # Highest GuardDuty UpdatedAt committed (never later than the start of the run that wrote
    # it); the next run lists from here minus the overlap.
    watermark = models.DateTimeField(null=True, blank=True)
    # When the run that last advanced (or confirmed) the watermark started listing. Findings
    # updated more than the overlap before it were visible to that listing, so the next run's
    # recheck of [watermark - overlap, watermark] can start there, or be skipped.
    watermark_listed_at = models.DateTimeField(null=True, blank=True)
    lease_owner = models.CharField(max_length=128, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_full_sync_at = models.DateTimeField(null=True, blank=True)
    last_reconcile_at = models.DateTimeField(null=True, blank=True)
    # A permanent error (access denied, region not enabled) needs a person; a transient one
    # will be retried by the next run.
    last_error_permanent = models.BooleanField(default=False)
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta(PairRow.Meta):
        ordering = ["administrator__account_id", "region"]

    @property
    def lag(self):
        """How old the newest successful sync is (None when it never succeeded)."""
        if self.last_success_at is None:
            return None
        return timezone.now() - self.last_success_at

    @property
    def is_leased(self) -> bool:
        return self.lease_until is not None and self.lease_until > timezone.now()


class SyncRunKind(models.TextChoices):
    """Incremental lists from the watermark, full lists everything, reconcile re-reads archive
    state (a change of it does not move UpdatedAt)."""

    INCREMENTAL = "incremental", "Incremental"
    FULL = "full", "Full"
    RECONCILE = "reconcile", "Archive reconcile"


class SyncRunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    # The process died (SIGKILL, host lost) while it held the lease; found by the next run.
    INTERRUPTED = "interrupted", "Interrupted"

    @property
    def colour(self) -> str:
        return {
            "running": "#2f6fb0",
            "succeeded": "#2e7d32",
            "failed": "#d4351c",
            "interrupted": "#d98c00",
        }[self.value]


class SyncRun(BackgroundRun):
    """One background run on a pair, with its counts: what the Sync page lists."""

    state = models.ForeignKey(SyncState, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=16, choices=SyncRunKind.choices)
    status = models.CharField(
        max_length=16, choices=SyncRunStatus.choices, default=SyncRunStatus.RUNNING
    )
    started_at = models.DateTimeField(default=timezone.now)
    pages = models.PositiveIntegerField(default=0)
    fetched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    marked_gone = models.PositiveIntegerField(default=0)
    archive_changed = models.PositiveIntegerField(default=0)
    api_calls = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            # Sync page: recent runs, and the last run of each pair.
            models.Index(fields=["state", "-started_at"], name="sync_run_state_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} run {self.pk} of {self.state}"

    @property
    def status_colour(self) -> str:
        return SyncRunStatus(self.status).colour


class EventFlow(PairRow):
    """Finding events received for one (administrator, region): are EventBridge events flowing?

    Written by the event consumer (sync/events/), never by the polling sync: events do not move
    the watermark, polling stays the source of truth.
    """

    administrator = models.ForeignKey(
        "accounts.AwsAccount", on_delete=models.CASCADE, related_name="event_flows"
    )
    # The newest event's own time (EventBridge's `time`: when GuardDuty published it).
    last_event_at = models.DateTimeField(null=True, blank=True)
    # When the consumer committed the newest event's finding.
    last_received_at = models.DateTimeField(null=True, blank=True)
    events_received = models.PositiveBigIntegerField(default=0)

    class Meta(PairRow.Meta):
        ordering = ["administrator_id", "region"]

    def __str__(self) -> str:
        return f"events {super().__str__()}"


class DeadLetterKind(models.TextChoices):
    MALFORMED = "malformed", "Malformed event"
    UNKNOWN_TYPE = "unknown_type", "Not a GuardDuty finding event"
    UNKNOWN_ACCOUNT = "unknown_account", "Account unknown to the hub"
    FAILED = "failed", "Could not be stored"


class DeadLetter(models.Model):
    """A queue message the consumer could not use, kept with the reason (and sent to the DLQ)."""

    # SQS's id: a message redelivered after a crash is recorded once.
    message_id = models.CharField(max_length=128, unique=True)
    kind = models.CharField(max_length=32, choices=DeadLetterKind.choices)
    reason = models.TextField()
    body = models.TextField(blank=True)
    account_id = models.CharField(max_length=32, blank=True)
    region = models.CharField(max_length=32, blank=True)
    receive_count = models.PositiveIntegerField(default=1)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            # Sync page: the most recent dead letters.
            models.Index(fields=["-received_at"], name="sync_deadletter_recent"),
        ]

    def __str__(self) -> str:
        return f"dead letter {self.message_id} ({self.kind})"

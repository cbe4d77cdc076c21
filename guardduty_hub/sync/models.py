from django.db import models
from django.utils import timezone


class SyncState(models.Model):
    """Where the sync of one (administrator, region) stands; the unit of sync work.

    The lease is a compare-and-set claim (sync/lease.py): a run owns the pair while
    `lease_until` is in the future, renews it after every page, and a second run exits at once.
    """

    administrator = models.ForeignKey(
        "accounts.AwsAccount", on_delete=models.CASCADE, related_name="sync_states"
    )
    region = models.CharField(max_length=32)
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
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    # A permanent error (access denied, region not enabled) needs a person; a transient one
    # will be retried by the next run.
    last_error_permanent = models.BooleanField(default=False)
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["administrator__account_id", "region"]
        constraints = [
            # One state per pair: the lease compares-and-sets on this row.
            models.UniqueConstraint(
                fields=["administrator", "region"], name="sync_syncstate_one_per_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.administrator_id}/{self.region}"

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


class SyncRun(models.Model):
    """One background run on a pair, with its counts: what the Sync page lists."""

    state = models.ForeignKey(SyncState, on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(max_length=16, choices=SyncRunKind.choices)
    status = models.CharField(
        max_length=16, choices=SyncRunStatus.choices, default=SyncRunStatus.RUNNING
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    fetched = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    marked_gone = models.PositiveIntegerField(default=0)
    archive_changed = models.PositiveIntegerField(default=0)
    api_calls = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

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

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at

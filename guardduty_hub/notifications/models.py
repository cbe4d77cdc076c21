"""Channels, rules, what each channel was told about each finding, and the deliveries made."""

import uuid

from django.db import models
from django.db.models import Q

from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.choices import (
    AttemptStatus,
    ChannelKind,
    DeliveryKind,
    DeliveryStatus,
    Reason,
)


class Channel(models.Model):
    """Where messages go. `url` and `signing_secret` hold sealed values (sealed.py): a Fernet
    token or an `env:NOTIFY_...` reference, never the plain secret."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=ChannelKind.choices)
    enabled = models.BooleanField(default=True)
    url = models.TextField(blank=True, default="")
    signing_secret = models.TextField(blank=True, default="")
    # Email: addresses, one per line.
    recipients = models.TextField(blank=True, default="")
    # One message per channel per window: nothing more is sent before this time (the grouping
    # window of the last message; services.channel_flush).
    window_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def recipient_list(self) -> list[str]:
        return [r.strip() for r in self.recipients.splitlines() if r.strip()]


class Rule(models.Model):
    """Which findings go to a channel. Empty lists mean "any"; on_new / on_updated / notify_overdue
    say on which occasions."""

    name = models.CharField(max_length=100)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="rules")
    enabled = models.BooleanField(default=True)
    # SeverityBand values (1 Low .. 4 Critical).
    bands = models.JSONField(default=list, blank=True)
    type_prefix = models.CharField(max_length=200, blank=True, default="")
    account_ids = models.JSONField(default=list, blank=True)
    regions = models.JSONField(default=list, blank=True)
    on_new = models.BooleanField(default=True, help_text="Findings the hub has not seen before.")
    on_updated = models.BooleanField(
        default=False, help_text="Known findings GuardDuty updated (e.g. their count rose)."
    )
    # Both SLA deadlines (findings/sla.py), each once per channel: past its acknowledge time
    # is the one an on-call SOC acts on (nobody has picked the finding up), past its resolve
    # time the escalation (picked up, not closed in time). One tick for both, as SOC runbooks
    # treat a missed SLA; the rule's severity/type/account/region scope keeps it to the
    # findings that matter. Deadlines that pass while the hub watches (overdue.py).
    notify_overdue = models.BooleanField(
        "Also when overdue (past its SLA)",
        default=False,
        help_text=(
            "Findings of this rule's scope that miss their SLA: not acknowledged, or not "
            "resolved, in time. Sent once per deadline."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel__name", "name"]

    def __str__(self) -> str:
        return self.name


class NotificationState(models.Model):
    """What a channel was last told about a finding: it hears again only when the severity
    rises above `severity` or the finding re-occurs after being resolved."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    severity = models.FloatField()
    reopened_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField()
    # The SLA deadline the channel was last told the finding missed (overdue.py): each
    # deadline is announced once, whatever re-runs or restarts.
    overdue_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # The evaluation's INSERT ... ON CONFLICT: one state per (finding, channel), so two
            # writers of the same finding (sync and consumer) queue it once.
            models.UniqueConstraint(
                fields=["finding", "channel"], name="notifications_state_finding_channel"
            )
        ]

    def __str__(self) -> str:
        return f"finding {self.finding_id} -> channel {self.channel_id}"


class Delivery(models.Model):
    """One message to one channel; its attempts are DeliveryAttempt rows."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(
        max_length=20, choices=DeliveryKind.choices, default=DeliveryKind.FINDINGS
    )
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    findings_count = models.PositiveIntegerField(default=0)
    # The exact message (JSON text): every attempt sends the same bytes.
    body = models.TextField()
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A worker sending it holds it until then (a claim by compare-and-set); a worker lost
    # mid-send lets the sweep hand it to another after this.
    claimed_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The channel page's latest deliveries.
            models.Index(fields=["channel", "-created_at"], name="notif_delivery_channel_recent"),
            # The sweep (tasks.notifications_sweep): deliveries not finished.
            models.Index(
                fields=["status"],
                name="notif_delivery_unfinished",
                condition=Q(status__in=["pending", "sending", "retrying"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} message {self.uid} ({self.status})"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_rows")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=AttemptStatus.choices)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    sent_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id} ({self.status})"


class PendingNotification(models.Model):
    """A finding queued for a channel's next message (the outbox: written in the upsert's
    transaction, so a rolled-back page queues nothing and a committed one cannot be lost)."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    severity = models.FloatField()
    # Reason OVERDUE: the deadline missed and its phase (sla.ACKNOWLEDGE / RESOLVE), kept as
    # queued: the message says which SLA even if the finding moved on before the flush.
    due_at = models.DateTimeField(null=True, blank=True)
    sla_phase = models.CharField(max_length=12, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )

    class Meta:
        indexes = [
            # The flush: a channel's items not yet in a message.
            models.Index(
                fields=["channel", "id"],
                name="notif_pending_unsent",
                condition=Q(delivery__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"finding {self.finding_id} for channel {self.channel_id} ({self.reason})"


class OverdueScan(models.Model):
    """The overdue scan's watermark (one row): deadlines before `scanned_until` were looked
    at, so each run reads only the deadlines passed since (overdue.py)."""

    scanned_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"overdue deadlines scanned until {self.scanned_until:%Y-%m-%d %H:%M:%S}"

"""Choices of the notifications app, with their labels in one place."""

from django.db import models


class ChannelKind(models.TextChoices):
    """Where a message goes; transports.py has one sender per kind."""

    WEBHOOK = "webhook", "Webhook (signed JSON)"
    SLACK = "slack", "Slack incoming webhook"
    EMAIL = "email", "Email"


class Reason(models.TextChoices):
    """Why a finding is in a message: what GuardDuty did (new, updated, re-occurred, severity
    rose), or, for OVERDUE, that the hub's SLA clock ran out (overdue.py)."""

    NEW = "new", "New finding"
    UPDATED = "updated", "Updated finding"
    REOPENED = "reopened", "Re-occurred after it was resolved"
    SEVERITY_RAISED = "severity_raised", "Severity rose"
    OVERDUE = "overdue", "Overdue: past its SLA"


class DeliveryStatus(models.TextChoices):
    """A message's life: pending until a flush claims it, sending while one attempt runs,
    retrying between attempts (backoff), then sent or failed for good."""

    # The labels are the names, as Django derives them ("Pending", ...).
    PENDING = "pending"
    SENDING = "sending"
    RETRYING = "retrying"
    SENT = "sent"
    FAILED = "failed"


class DeliveryKind(models.TextChoices):
    """A message of queued findings, or the channel page's "Send a test"."""

    FINDINGS = "findings", "Findings"
    TEST = "test", "Test"


class AttemptStatus(models.TextChoices):
    """One try at the endpoint; a delivery keeps every attempt."""

    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"

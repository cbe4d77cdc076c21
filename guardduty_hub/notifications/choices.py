"""Choices of the notifications app, with their labels in one place."""

from django.db import models


class ChannelKind(models.TextChoices):
    WEBHOOK = "webhook", "Webhook (signed JSON)"
    SLACK = "slack", "Slack incoming webhook"
    EMAIL = "email", "Email"


class Reason(models.TextChoices):
    """Why a finding is in a message. A later "overdue" (SLA clocks) joins these."""

    NEW = "new", "New finding"
    UPDATED = "updated", "Updated finding"
    REOPENED = "reopened", "Re-occurred after it was resolved"
    SEVERITY_RAISED = "severity_raised", "Severity rose"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    RETRYING = "retrying", "Retrying"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class DeliveryKind(models.TextChoices):
    FINDINGS = "findings", "Findings"
    TEST = "test", "Test"


class AttemptStatus(models.TextChoices):
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"

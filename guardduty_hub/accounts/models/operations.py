"""Background work across accounts and regions as rows: an operation and one item per
(account, region).

Membership changes started it; configuration changes (trusted IP and threat lists, suppression
rules, detectors) use the same rows, page and retry: their steps register themselves with
accounts.steps.register_step. The progress bars read the items grouped by region; a
retry re-queues only failed items.
"""

from django.conf import settings
from django.db import models

from guardduty_hub.accounts.models.aws_account import AwsAccount
from guardduty_hub.core.models import BackgroundRun, RunState


class OperationKind(models.TextChoices):
    """What an operation does; the value names its step (steps.STEPS)."""

    CREATE = "create", "Add to GuardDuty"
    INVITE = "invite", "Invite"
    SUSPEND = "suspend", "Stop monitoring"
    RESUME = "resume", "Resume monitoring"
    DISASSOCIATE = "disassociate", "Disassociate"
    REMOVE = "remove", "Remove"
    # Configuration (guardduty_hub.configuration registers the steps).
    LIST_APPLY = "list_apply", "Apply a trusted IP or threat list"
    LIST_DELETE = "list_delete", "Delete a trusted IP or threat list"
    RULE_APPLY = "rule_apply", "Apply a suppression rule"
    RULE_DELETE = "rule_delete", "Delete a suppression rule"
    BASELINE_APPLY = "baseline_apply", "Apply the protection baseline"
    DETECTOR_DISABLE = "detector_disable", "Disable GuardDuty"
    ORG_CONFIGURE = "org_configure", "Set the organization's auto-enable"
    ORG_DESIGNATE = "org_designate", "Designate the delegated administrator"


# The run states every background run shares, under the name the accounts code uses.
OperationState = RunState


# Stop monitoring or end the relationship: the confirm button says so.
DANGEROUS_KINDS = frozenset(
    {OperationKind.SUSPEND, OperationKind.DISASSOCIATE, OperationKind.REMOVE}
)


class ItemState(models.TextChoices):
    """One account in one region: pending until its region's step ran; a retry puts the failed
    ones back to pending."""

    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class MembershipOperation(BackgroundRun):
    kind = models.CharField(max_length=16, choices=OperationKind.choices)
    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="membership_operations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    state = models.CharField(
        max_length=16, choices=OperationState.choices, default=OperationState.QUEUED
    )
    # Invite options (message, disable_email_notification); what a configuration step works on
    # (its id) and, for the page, `subject` (what is changed, in words) and `back_url`.
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # "Recent operations" panel on the accounts page.
            models.Index(fields=["administrator", "-created_at"], name="memberop_admin_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.state})"


class OperationItem(models.Model):
    operation = models.ForeignKey(
        MembershipOperation, on_delete=models.CASCADE, related_name="items"
    )
    account = models.ForeignKey(AwsAccount, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=32)
    state = models.CharField(max_length=16, choices=ItemState.choices, default=ItemState.PENDING)
    # Plain words: GuardDuty's UnprocessedAccounts result or the error reaching the region.
    result = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["region", "account_id"]
        indexes = [
            # Per-region progress counts and "pending items of region X" for the runner.
            models.Index(fields=["operation", "region", "state"], name="opitem_progress_idx"),
        ]
        constraints = [
            # One item per account and region; a retry resets failed items in place.
            models.UniqueConstraint(
                fields=["operation", "account", "region"], name="accounts_opitem_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.region} {self.state}"

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from guardduty_hub.findings.choices import Feedback, FindingStatus, SeverityBand
from guardduty_hub.findings.list_indexes import LIST_INDEXES
from guardduty_hub.findings.mapping import MAX_LENGTHS


class Finding(models.Model):
    """One GuardDuty finding as last synced, plus the hub's own workflow state.

    The GuardDuty columns are written only by the sync's upsert (findings/upsert.py), from
    `mapping.finding_from_guardduty`; `status`, `assignee` and `reopened_at` belong to the hub.
    Rows are never deleted when GuardDuty forgets a finding (90-day expiry, a member leaving):
    `gone_from_guardduty_at` says when, and the hub keeps the history.
    """

    # --- identity: (account, API region, GuardDuty id) is the natural key ---------------------
    account_id = models.CharField(max_length=MAX_LENGTHS["account_id"])
    # The region whose detector listed the finding. The finding's own `region` can differ
    # (CloudTrail global-service events), so it is kept apart.
    api_region = models.CharField(max_length=MAX_LENGTHS["region"])
    guardduty_id = models.CharField(max_length=MAX_LENGTHS["guardduty_id"])
    arn = models.CharField(max_length=MAX_LENGTHS["arn"], blank=True)
    region = models.CharField(max_length=MAX_LENGTHS["region"], blank=True)
    partition = models.CharField(max_length=MAX_LENGTHS["partition"], blank=True)
    # The administrator whose detector the finding came through. Kept when the account is
    # removed from the hub (history outlives the administrator's onboarding). No index of its
    # own: findings_sync_pair_archived leads with it (also serves the SET NULL on removal).
    administrator = models.ForeignKey(
        "accounts.AwsAccount",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="administered_findings",
        db_index=False,
    )
    detector_id = models.CharField(max_length=MAX_LENGTHS["detector_id"], blank=True)

    # --- what GuardDuty says ------------------------------------------------------------------
    type = models.CharField(max_length=MAX_LENGTHS["type"])
    threat_purpose = models.CharField(max_length=MAX_LENGTHS["threat_purpose"], blank=True)
    resource_type_affected = models.CharField(
        max_length=MAX_LENGTHS["resource_type_affected"], blank=True
    )
    threat_family = models.CharField(max_length=MAX_LENGTHS["threat_family"], blank=True)
    severity = models.FloatField()
    severity_band = models.PositiveSmallIntegerField(choices=SeverityBand.choices)
    title = models.TextField(blank=True)
    description = models.TextField(blank=True)
    resource_type = models.CharField(max_length=MAX_LENGTHS["resource_type"], blank=True)
    resource_id = models.CharField(max_length=MAX_LENGTHS["resource_id"], blank=True)
    action_type = models.CharField(max_length=MAX_LENGTHS["action_type"], blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    # GuardDuty's UpdatedAt: orders copies of a finding; an older copy never overwrites a newer.
    updated_at = models.DateTimeField()
    first_seen_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    count = models.PositiveIntegerField(default=1)
    archived = models.BooleanField(default=False)
    feedback = models.CharField(max_length=16, choices=Feedback.choices, blank=True)
    is_sample = models.BooleanField(default=False)
    # boto3 turns GuardDuty's few `timestamp` shapes into datetimes: stored as ISO strings.
    raw = models.JSONField(encoder=DjangoJSONEncoder)

    # --- the hub's own state ------------------------------------------------------------------
    status = models.CharField(
        max_length=16, choices=FindingStatus.choices, default=FindingStatus.NEW
    )
    # Its index (Django's FK default) serves the assignee filter and SET NULL on user removal.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_findings",
        # findings_assigned below: only assigned rows. Every finding the sync creates has
        # none, and a full index would take an entry for each.
        db_index=False,
    )
    # Set by the sync when a resolved finding re-occurred and went back to New.
    reopened_at = models.DateTimeField(null=True, blank=True)
    first_synced_at = models.DateTimeField()
    last_seen_in_guardduty_at = models.DateTimeField()
    gone_from_guardduty_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # The sync's upsert conflict target (INSERT ... ON CONFLICT (these columns)).
            models.UniqueConstraint(
                fields=["account_id", "api_region", "guardduty_id"],
                name="findings_finding_natural_key",
            ),
        ]
        indexes = [
            # Archive reconcile and gone-marking: a pair's rows, split by archived
            # (sync/reconcile.py, sync/services.py).
            models.Index(
                fields=["administrator", "api_region", "archived"],
                name="findings_sync_pair_archived",
            ),
            # The finding list's filters and sorts (triage), each commented there.
            *LIST_INDEXES,
            # "Assigned to" filters and a user's deletion (SET_NULL): assigned rows only.
            models.Index(
                fields=["assignee"],
                condition=models.Q(assignee__isnull=False),
                name="findings_assigned",
            ),
            # The dashboard's "new in 24 h" per band (dashboard/counts.py): a day of current
            # findings is one range of it, band and account read from the index alone.
            models.Index(
                fields=["first_seen_at"],
                include=["severity_band", "account_id"],
                condition=models.Q(archived=False, is_sample=False),
                name="findings_new_by_first_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} ({self.guardduty_id})"

    @property
    def severity_colour(self) -> str:
        return SeverityBand(self.severity_band).colour

    @property
    def in_guardduty(self) -> bool:
        return self.gone_from_guardduty_at is None

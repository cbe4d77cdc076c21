"""GuardDuty configuration the hub defines once and applies to every region of an administrator.

Each definition has a row per region saying what GuardDuty there holds now (read back after
every change and by the beat refresh); a region whose state differs from the definition is
drift, shown with "apply again".
"""

from django.conf import settings
from django.db import models

from guardduty_hub.accounts.models import AwsAccount


class AdministratorSettings(models.Model):
    """Per administrator: where the hub stores list files it uploads."""

    administrator = models.OneToOneField(
        AwsAccount, on_delete=models.CASCADE, related_name="configuration_settings"
    )
    # An S3 bucket in the administrator's account that GuardDuty may read.
    list_bucket = models.CharField(max_length=63, blank=True)
    list_prefix = models.CharField(max_length=256, default="guardduty-hub/lists/", blank=True)
    list_bucket_region = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"Settings of {self.administrator}"


class ListKind(models.TextChoices):
    TRUSTED = "trusted", "Trusted IP list"
    THREAT = "threat", "Threat list"


class ListFormat(models.TextChoices):
    TXT = "TXT", "Plain text (TXT)"
    STIX = "STIX", "STIX"
    OTX_CSV = "OTX_CSV", "Open Threat Exchange CSV"
    ALIEN_VAULT = "ALIEN_VAULT", "AlienVault"
    FIRE_EYE = "FIRE_EYE", "FireEye"
    PROOF_POINT = "PROOF_POINT", "Proofpoint"


# GuardDuty's quotas per account and Region (not raisable).
LIST_LIMITS = {ListKind.TRUSTED: 1, ListKind.THREAT: 6}


class IntelList(models.Model):
    """A trusted IP list or threat list as the hub defines it, for every region."""

    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="intel_lists"
    )
    kind = models.CharField(max_length=16, choices=ListKind.choices)
    name = models.CharField(max_length=300)
    format = models.CharField(max_length=16, choices=ListFormat.choices, default=ListFormat.TXT)
    location = models.CharField(max_length=300)
    active = models.BooleanField(default=True)
    # Set when a delete has started: the row goes once every region's list is gone.
    deleting = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["administrator_id", "kind", "name"]
        constraints = [
            # GuardDuty names are free text; the hub keeps them unique to tell lists apart.
            models.UniqueConstraint(
                fields=["administrator", "kind", "name"], name="configuration_intellist_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} “{self.name}”"


class IntelListRegion(models.Model):
    """What GuardDuty holds for one list in one region (empty guardduty_id: not there)."""

    intel_list = models.ForeignKey(IntelList, on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(max_length=32)
    guardduty_id = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=32, blank=True)  # GuardDuty's ACTIVE, ERROR, ...
    name = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # The AWS message when the region could not be read or changed, in plain words.
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["region"]
        constraints = [
            # One state per list and region; the steps and the refresh upsert on it.
            models.UniqueConstraint(
                fields=["intel_list", "region"], name="configuration_listregion_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intel_list} in {self.region}: {self.status or 'absent'}"

    @property
    def present(self) -> bool:
        return bool(self.guardduty_id)

    @property
    def words(self) -> str:
        return self.status.capitalize() or "Unknown"

    def drift(self) -> str:
        """Why this region differs from the hub's definition, in words ("" when it agrees)."""
        wanted = self.intel_list
        if not self.present:
            return "missing in this region"
        problems = []
        if self.name != wanted.name:
            problems.append(f"named “{self.name}”")
        if self.location != wanted.location:
            problems.append("reads another file")
        if (self.status != "INACTIVE") != wanted.active:
            problems.append("active" if self.status != "INACTIVE" else "inactive")
        return ", ".join(problems)


class RuleAction(models.TextChoices):
    ARCHIVE = "ARCHIVE", "Archive (suppress)"
    NOOP = "NOOP", "Keep (saved filter only)"


class SuppressionRule(models.Model):
    """A GuardDuty filter defined once in the hub, as the finding list's filters (`query`)."""

    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="suppression_rules"
    )
    # GuardDuty's filter name: 3-64 of [A-Za-z0-9._-], unique per detector.
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=512, blank=True)
    action = models.CharField(max_length=8, choices=RuleAction.choices, default=RuleAction.ARCHIVE)
    rank = models.PositiveSmallIntegerField(default=1)
    # The finding list's query string the rule was written as ("" for a filter imported from
    # GuardDuty whose criteria the list cannot express); criteria is what GuardDuty gets.
    query = models.TextField(blank=True)
    criteria = models.JSONField(default=dict)
    deleting = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["administrator_id", "rank", "name"]
        constraints = [
            # GuardDuty's own key for a filter (the name, per detector).
            models.UniqueConstraint(
                fields=["administrator", "name"], name="configuration_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Suppression rule “{self.name}”"


class SuppressionRuleRegion(models.Model):
    """What GuardDuty holds for one rule in one region (present False: no such filter)."""

    rule = models.ForeignKey(SuppressionRule, on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(max_length=32)
    present = models.BooleanField(default=False)
    action = models.CharField(max_length=8, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.CharField(max_length=512, blank=True)
    criteria = models.JSONField(default=dict, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["region"]
        constraints = [
            # One state per rule and region; the steps and the refresh upsert on it.
            models.UniqueConstraint(
                fields=["rule", "region"], name="configuration_ruleregion_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} in {self.region}"

    @property
    def words(self) -> str:
        return "Archives" if self.action == RuleAction.ARCHIVE else "Keeps"

    def drift(self) -> str:
        wanted = self.rule
        if not self.present:
            return "missing in this region"
        problems = []
        if self.action != wanted.action:
            problems.append(f"action {self.action}")
        if self.criteria != wanted.criteria:
            problems.append("other criteria")
        if self.rank != wanted.rank:
            problems.append(f"rank {self.rank}")
        if self.description != wanted.description:
            problems.append("other description")
        return ", ".join(problems)

"""Suppression rules (GuardDuty filters), defined once and held per region."""

from django.db import models

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.configuration.models.definition import Definition
from guardduty_hub.configuration.models.region_state import RegionState


class RuleAction(models.TextChoices):
    ARCHIVE = "ARCHIVE", "Archive (suppress)"
    NOOP = "NOOP", "Keep (saved filter only)"


class SuppressionRule(Definition):
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


class SuppressionRuleRegion(RegionState):
    """What GuardDuty holds for one rule in one region (present False: no such filter)."""

    rule = models.ForeignKey(SuppressionRule, on_delete=models.CASCADE, related_name="regions")
    present = models.BooleanField(default=False)
    action = models.CharField(max_length=8, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.CharField(max_length=512, blank=True)
    criteria = models.JSONField(default=dict, blank=True)

    class Meta(RegionState.Meta):
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

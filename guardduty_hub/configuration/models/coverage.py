"""Detectors and protection plans: the administrator's baseline and what each account has."""

from django.db import models

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.configuration.models.region_state import RegionRead


class ProtectionBaseline(models.Model):
    """Which plans the administrator wants on everywhere, and how often findings are published."""

    administrator = models.OneToOneField(
        AwsAccount, on_delete=models.CASCADE, related_name="protection_baseline"
    )
    finding_publishing_frequency = models.CharField(max_length=16, default="SIX_HOURS")
    # {plan key (plans.PLANS): on}
    plans = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Baseline of {self.administrator}"


class DetectorCoverage(RegionRead):
    """What GuardDuty says about one account's detector in one region of an administrator."""

    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="coverage_rows"
    )
    account = models.ForeignKey(AwsAccount, on_delete=models.CASCADE, related_name="+")
    # ENABLED / DISABLED (the administrator's own detector, or a member's as GuardDuty reports
    # the relationship); "" when there is no detector.
    detector_status = models.CharField(max_length=16, blank=True)
    # The member's relationship status ("" for the administrator itself).
    member_status = models.CharField(max_length=64, blank=True)
    finding_publishing_frequency = models.CharField(max_length=16, blank=True)
    plans = models.JSONField(default=dict)  # {plan key: on}

    class Meta:
        ordering = ["account__account_id", "region"]
        constraints = [
            # One row per cell of the coverage matrix; the refresh upserts on it.
            models.UniqueConstraint(
                fields=["administrator", "account", "region"], name="configuration_coverage_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.region}: {self.detector_status or 'no detector'}"

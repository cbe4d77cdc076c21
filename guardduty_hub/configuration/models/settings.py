"""Per-administrator settings of the configuration pages."""

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

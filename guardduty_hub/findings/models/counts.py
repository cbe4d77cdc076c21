"""The dashboard's counts, kept up to date with every write of a finding (findings/rollups.py).

Each row counts the *current* findings (not archived, not samples: the finding list's default
view) with one combination of values. Three tables, each as small as what it groups, never as
large as the findings, and each read whole or by one range: days x bands per account (the
chart, read for its days), regions x bands per account (the cards, the top accounts and
regions) and types per account (the top types). Every row names its account, so an account
scope narrows them as it narrows the findings.

Written only by the database triggers installed by rollups.py; read by dashboard/counts.py.
A count can reach 0 and stay as a row (rows are never deleted: a finding may come back).

Exported by findings/models/__init__.py (Django registers them in the findings app).
"""

from django.db import models

from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.mapping import MAX_LENGTHS


class FindingDayCount(models.Model):
    """Current findings of one account first seen on one day (UTC), in one severity band."""

    account_id = models.CharField(max_length=MAX_LENGTHS["account_id"])
    # UTC date of first_seen_at; rollups.UNKNOWN_DAY for a finding without one (never charted).
    day = models.DateField()
    severity_band = models.PositiveSmallIntegerField(choices=SeverityBand.choices)
    findings = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # The triggers' ON CONFLICT target and the scope's account_id IN (...) lookups.
            models.UniqueConstraint(
                fields=["account_id", "day", "severity_band"], name="findings_day_count_key"
            ),
        ]
        indexes = [
            # The chart's range of days (the newest 30 or 90 of every account's rows).
            models.Index(fields=["day"], name="findings_day_count_day"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.day} band {self.severity_band}: {self.findings}"


class FindingRegionCount(models.Model):
    """Current findings of one account in one region (the finding's own), in one band."""

    account_id = models.CharField(max_length=MAX_LENGTHS["account_id"])
    region = models.CharField(max_length=MAX_LENGTHS["region"], blank=True)
    severity_band = models.PositiveSmallIntegerField(choices=SeverityBand.choices)
    findings = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # The triggers' ON CONFLICT target; also the scope's account_id IN (...) lookups.
            models.UniqueConstraint(
                fields=["account_id", "region", "severity_band"], name="findings_region_count_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.region} band {self.severity_band}: {self.findings}"


class FindingTypeCount(models.Model):
    """Current findings of one account of one type."""

    account_id = models.CharField(max_length=MAX_LENGTHS["account_id"])
    type = models.CharField(max_length=MAX_LENGTHS["type"])
    findings = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # The triggers' ON CONFLICT target; also the scope's account_id IN (...) lookups.
            models.UniqueConstraint(fields=["account_id", "type"], name="findings_type_count_key"),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.type}: {self.findings}"

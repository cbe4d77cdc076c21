"""Choices for findings, each with its label and colour in one place (pages, API and CSV share it)."""

from django.db import models


class SeverityBand(models.IntegerChoices):
    """GuardDuty's severity labels. Integers so that ordering by band is ordering by gravity."""

    LOW = 1, "Low"
    MEDIUM = 2, "Medium"
    HIGH = 3, "High"
    CRITICAL = 4, "Critical"

    @property
    def colour(self) -> str:
        return SEVERITY_COLOURS[self]

    @property
    def lower_bound(self) -> float:
        """Smallest severity in the band (bands are half-open: [lower, next lower))."""
        return SEVERITY_LOWER_BOUNDS[self]


SEVERITY_COLOURS = {
    SeverityBand.LOW: "#2f6fb0",
    SeverityBand.MEDIUM: "#d98c00",
    SeverityBand.HIGH: "#d4351c",
    SeverityBand.CRITICAL: "#7a1020",
}
SEVERITY_LOWER_BOUNDS = {
    SeverityBand.LOW: 0.0,
    SeverityBand.MEDIUM: 4.0,
    SeverityBand.HIGH: 7.0,
    SeverityBand.CRITICAL: 9.0,
}


def severity_band(severity: float) -> SeverityBand:
    """Band of a GuardDuty severity, by range (GuardDuty sends 8, 8.0 and 8.7 alike)."""
    if severity >= 9.0:
        return SeverityBand.CRITICAL
    if severity >= 7.0:
        return SeverityBand.HIGH
    if severity >= 4.0:
        return SeverityBand.MEDIUM
    return SeverityBand.LOW


class FindingStatus(models.TextChoices):
    """The hub's own workflow state of a finding: one enum, never flags.

    GuardDuty's `archived` is separate because GuardDuty owns it.
    """

    NEW = "new", "New"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INVESTIGATING = "investigating", "Investigating"
    RESOLVED = "resolved", "Resolved"
    FALSE_POSITIVE = "false_positive", "False positive"

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self]


STATUS_COLOURS = {
    FindingStatus.NEW: "#2f6fb0",
    FindingStatus.ACKNOWLEDGED: "#5b6b7a",
    FindingStatus.INVESTIGATING: "#d98c00",
    FindingStatus.RESOLVED: "#2e7d32",
    FindingStatus.FALSE_POSITIVE: "#8a8a8a",
}

# Statuses a re-occurrence reopens. A false positive stays one: the analyst judged the activity
# itself benign, and a new occurrence of the same activity does not change that judgement.
REOPENED_BY_RECURRENCE = (FindingStatus.RESOLVED,)


class Feedback(models.TextChoices):
    """GuardDuty's Service.UserFeedback; empty when none was given."""

    NONE = "", "None"
    USEFUL = "USEFUL", "Useful"
    NOT_USEFUL = "NOT_USEFUL", "Not useful"

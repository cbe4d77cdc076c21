"""Findings app models, one module per concern; import them from here."""

from guardduty_hub.findings.models.bulk import BulkOperation
from guardduty_hub.findings.models.counts import (
    FindingDayCount,
    FindingRegionCount,
    FindingTypeCount,
)
from guardduty_hub.findings.models.finding import Finding
from guardduty_hub.findings.models.workflow import FindingNote, SavedView, UserProfile

__all__ = [
    "BulkOperation",
    "Finding",
    "FindingDayCount",
    "FindingNote",
    "FindingRegionCount",
    "FindingTypeCount",
    "SavedView",
    "UserProfile",
]

"""Findings app models, one module per concern; import them from here."""

from guardduty_hub.findings.models.bulk import BulkOperation, BulkState
from guardduty_hub.findings.models.counts import (
    FindingDayCount,
    FindingRegionCount,
    FindingTypeCount,
)
from guardduty_hub.findings.models.finding import Finding
from guardduty_hub.findings.models.workflow import FindingNote, SavedView, UserProfile

__all__ = [
    "BulkOperation",
    "BulkState",
    "Finding",
    "FindingDayCount",
    "FindingNote",
    "FindingRegionCount",
    "FindingTypeCount",
    "SavedView",
    "UserProfile",
]

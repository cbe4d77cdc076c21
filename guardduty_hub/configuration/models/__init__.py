"""GuardDuty configuration the hub defines once and applies to every region of an administrator.

Each definition has a row per region saying what GuardDuty there holds now (read back after
every change and by the beat refresh); a region whose state differs from the definition is
drift, shown with "apply again".
"""

from guardduty_hub.configuration.models.coverage import (
    DetectorCoverage,
    ProtectionBaseline,
)
from guardduty_hub.configuration.models.lists import (
    LIST_LIMITS,
    IntelList,
    IntelListRegion,
    ListFormat,
    ListKind,
)
from guardduty_hub.configuration.models.rules import (
    RuleAction,
    SuppressionRule,
    SuppressionRuleRegion,
)
from guardduty_hub.configuration.models.settings import AdministratorSettings

__all__ = [
    "LIST_LIMITS",
    "AdministratorSettings",
    "DetectorCoverage",
    "IntelList",
    "IntelListRegion",
    "ListFormat",
    "ListKind",
    "ProtectionBaseline",
    "RuleAction",
    "SuppressionRule",
    "SuppressionRuleRegion",
]

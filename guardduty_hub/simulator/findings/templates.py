"""The finding types the simulator knows, written for the simulator (not copied from AWS data).

Each type names the resource it lands on, the action that was observed, its severity (GuardDuty
fixes severity per type, a few types have two), the protection feature that detects it, and a
title and description whose `{placeholders}` generate.py fills from the resource and action.
The same templates serve the generator, the demo world and CreateSampleFindings.
"""

from guardduty_hub.simulator.findings.catalog_activity import ACTIVITY_TYPES
from guardduty_hub.simulator.findings.catalog_network import NETWORK_TYPES
from guardduty_hub.simulator.findings.finding_type import SEQUENCE, FindingType

__all__ = ["BY_NAME", "SEQUENCE", "TYPES", "FindingType", "band"]

TYPES: tuple[FindingType, ...] = NETWORK_TYPES + ACTIVITY_TYPES

BY_NAME: dict[str, FindingType] = {t.name: t for t in TYPES}


def band(severity: float) -> str:
    if severity >= 9:
        return "Critical"
    if severity >= 7:
        return "High"
    if severity >= 4:
        return "Medium"
    return "Low"

"""The findings half of the GuardDuty simulator: store, criteria, templates, generator,
conversion between the boto3 and wire shapes, EventBridge publishing. See api.py."""

from guardduty_hub.simulator.findings.api import (
    advance_activity,
    create_sample_findings,
    findings_of,
    generate_findings,
    load_findings,
    load_wire_findings,
    populate,
)

__all__ = [
    "advance_activity",
    "create_sample_findings",
    "findings_of",
    "generate_findings",
    "load_findings",
    "load_wire_findings",
    "populate",
]

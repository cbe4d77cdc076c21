"""Importing this package registers every simulator handler (see registry.py)."""

from guardduty_hub.simulator.handlers import (  # noqa: F401
    detectors,
    filters,
    findings,
    invitations,
    ipsets,
    member_detectors,
    members,
    organization,
)

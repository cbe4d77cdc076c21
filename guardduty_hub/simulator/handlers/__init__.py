"""Importing this package registers every simulator handler (see registry.py)."""

from guardduty_hub.simulator.handlers import detectors, invitations, members  # noqa: F401

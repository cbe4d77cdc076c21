"""A GuardDuty simulator on moto: members, invitations and findings that moto lacks.

`install()` wires it into moto; nothing from the hub's apps is imported here.
"""

from guardduty_hub.simulator.install import install

__all__ = ["install"]

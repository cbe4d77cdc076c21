"""Trusted IP lists (GuardDuty's IPSets) and threat lists (ThreatIntelSets) in one region.

The two kinds have the same operations under different names; `kind` ("trusted" or "threat")
picks them. Every call takes the administrator's detector id.
"""

from __future__ import annotations

from dataclasses import dataclass

from guardduty_hub.aws import clients
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess

TRUSTED = "trusted"
THREAT = "threat"


@dataclass(frozen=True)
class _Names:
    noun: str  # IPSet / ThreatIntelSet (operation names)
    method: str  # ip_set / threat_intel_set (boto3 method names)
    id_member: str  # IpSetId / ThreatIntelSetId
    list_member: str  # IpSetIds / ThreatIntelSetIds


_NAMES = {
    TRUSTED: _Names("IPSet", "ip_set", "IpSetId", "IpSetIds"),
    THREAT: _Names("ThreatIntelSet", "threat_intel_set", "ThreatIntelSetId", "ThreatIntelSetIds"),
}


@dataclass(frozen=True)
class IntelSet:
    kind: str
    set_id: str
    name: str
    format: str
    location: str
    status: str  # ACTIVE, INACTIVE, ACTIVATING, ERROR, ...

    @property
    def active(self) -> bool:
        return self.status in ("ACTIVE", "ACTIVATING")


def list_intel_sets(
    access: AccountAccess, region: str, detector_id: str, kind: str
) -> list[IntelSet]:
    """Every list of `kind` in the region, read whole (there are at most six)."""
    names = _NAMES[kind]
    gd = clients.guardduty(access, region)
    with translate(f"List{names.noun}s", access, region):
        ids = [
            set_id
            for page in gd.get_paginator(f"list_{names.method}s").paginate(DetectorId=detector_id)
            for set_id in page.get(names.list_member) or []
        ]
    return [get_intel_set(access, region, detector_id, kind, set_id) for set_id in ids]


def get_intel_set(
    access: AccountAccess, region: str, detector_id: str, kind: str, set_id: str
) -> IntelSet:
    names = _NAMES[kind]
    with translate(f"Get{names.noun}", access, region):
        answer = getattr(clients.guardduty(access, region), f"get_{names.method}")(
            DetectorId=detector_id, **{names.id_member: set_id}
        )
    return IntelSet(
        kind=kind,
        set_id=set_id,
        name=answer.get("Name", ""),
        format=answer.get("Format", ""),
        location=answer.get("Location", ""),
        status=answer.get("Status", ""),
    )


def create_intel_set(
    access: AccountAccess,
    region: str,
    detector_id: str,
    kind: str,
    *,
    name: str,
    format: str,
    location: str,
    activate: bool,
) -> str:
    names = _NAMES[kind]
    with translate(f"Create{names.noun}", access, region):
        answer = getattr(clients.guardduty(access, region), f"create_{names.method}")(
            DetectorId=detector_id, Name=name, Format=format, Location=location, Activate=activate
        )
    return answer[names.id_member]


def update_intel_set(
    access: AccountAccess,
    region: str,
    detector_id: str,
    kind: str,
    set_id: str,
    *,
    name: str,
    location: str,
    activate: bool,
) -> None:
    names = _NAMES[kind]
    with translate(f"Update{names.noun}", access, region):
        getattr(clients.guardduty(access, region), f"update_{names.method}")(
            DetectorId=detector_id,
            **{names.id_member: set_id},
            Name=name,
            Location=location,
            Activate=activate,
        )


def delete_intel_set(
    access: AccountAccess, region: str, detector_id: str, kind: str, set_id: str
) -> None:
    names = _NAMES[kind]
    with translate(f"Delete{names.noun}", access, region):
        getattr(clients.guardduty(access, region), f"delete_{names.method}")(
            DetectorId=detector_id, **{names.id_member: set_id}
        )

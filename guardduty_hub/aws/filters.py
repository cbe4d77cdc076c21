"""GuardDuty filters (suppression rules when their action is ARCHIVE) in one region.

Criteria travel as boto3 gives and takes them: {"Criterion": {"type": {"Equals": [...]}}}.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guardduty_hub.aws import clients
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess


@dataclass(frozen=True)
class GuardDutyFilter:
    name: str
    action: str  # ARCHIVE or NOOP
    rank: int
    description: str = ""
    criteria: dict[str, Any] = field(default_factory=dict)


def list_filters(access: AccountAccess, region: str, detector_id: str) -> list[GuardDutyFilter]:
    """Every filter of the detector, read whole, in rank order (at most 100)."""
    gd = clients.guardduty(access, region)
    with translate("ListFilters", access, region):
        names = [
            name
            for page in gd.get_paginator("list_filters").paginate(DetectorId=detector_id)
            for name in page.get("FilterNames") or []
        ]
    found = [get_filter(access, region, detector_id, name) for name in names]
    return sorted(found, key=lambda f: f.rank)


def get_filter(access: AccountAccess, region: str, detector_id: str, name: str) -> GuardDutyFilter:
    with translate("GetFilter", access, region):
        answer = clients.guardduty(access, region).get_filter(
            DetectorId=detector_id, FilterName=name
        )
    return GuardDutyFilter(
        name=answer.get("Name", name),
        action=answer.get("Action", ""),
        rank=int(answer.get("Rank") or 0),
        description=answer.get("Description", ""),
        criteria=answer.get("FindingCriteria") or {},
    )


def create_filter(
    access: AccountAccess, region: str, detector_id: str, wanted: GuardDutyFilter
) -> None:
    params: dict[str, Any] = {
        "DetectorId": detector_id,
        "Name": wanted.name,
        "Action": wanted.action,
        "Rank": wanted.rank,
        "FindingCriteria": wanted.criteria,
    }
    if wanted.description:
        params["Description"] = wanted.description
    with translate("CreateFilter", access, region):
        clients.guardduty(access, region).create_filter(**params)


def update_filter(
    access: AccountAccess, region: str, detector_id: str, wanted: GuardDutyFilter
) -> None:
    with translate("UpdateFilter", access, region):
        clients.guardduty(access, region).update_filter(
            DetectorId=detector_id,
            FilterName=wanted.name,
            Action=wanted.action,
            Rank=wanted.rank,
            FindingCriteria=wanted.criteria,
            Description=wanted.description,
        )


def delete_filter(access: AccountAccess, region: str, detector_id: str, name: str) -> None:
    with translate("DeleteFilter", access, region):
        clients.guardduty(access, region).delete_filter(DetectorId=detector_id, FilterName=name)

"""Detector operations where moto differs from AWS (members' detectors: member_detectors.py).

moto keeps creating, updating and storing detectors; these handlers fix what the hub sees:
millisecond timestamps, paging with AWS's empty last token, one detector per region, and
DeleteDetector refused while the account has invited or associated members.
"""

from datetime import UTC, datetime
from typing import Any

from moto.guardduty.models import Detector

from guardduty_hub.simulator import errors, membership, messages
from guardduty_hub.simulator.common import iso, own_detector, paginate
from guardduty_hub.simulator.handlers.member_detectors import apply_features, checked_features
from guardduty_hub.simulator.registry import Call, handles

FREQUENCIES = ("FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS")


@handles("CreateDetector")
def create_detector(call: Call) -> dict[str, Any]:
    if not isinstance(call.get("enable"), bool):
        raise errors.invalid_parameter("enable")
    if call.backend.detectors:
        # Quota: one detector per account per Region, not raisable.
        raise errors.bad_request(
            "The request is rejected because a detector already exists for the current account."
        )
    frequency = call.get("findingPublishingFrequency") or "SIX_HOURS"
    if frequency not in FREQUENCIES:
        raise errors.invalid_parameter("findingPublishingFrequency")
    detector_id = call.backend.create_detector(
        call.get("enable"),
        frequency,
        call.get("dataSources") or {},
        call.get("tags") or {},
        call.get("features") or [],
    )
    return {"detectorId": detector_id, "unprocessedDataSources": {}}


@handles("ListDetectors")
def list_detectors(call: Call) -> dict[str, Any]:
    page, token = paginate(call, sorted(call.backend.detectors))
    return {"detectorIds": page, "nextToken": token}


def detector_to_wire(detector: Detector) -> dict[str, Any]:
    wire = detector.to_json()
    wire["createdAt"] = iso(detector.created_at.astimezone())
    wire["updatedAt"] = iso(detector.updated_at.astimezone())
    return wire


@handles("GetDetector")
def get_detector(call: Call) -> dict[str, Any]:
    return detector_to_wire(own_detector(call))


@handles("UpdateDetector")
def update_detector(call: Call) -> dict[str, Any]:
    """moto's update, plus what the administrator sees: a member turning its own detector off
    is Disabled (and generates no new findings); turning it back on makes it Enabled. Features
    are checked and merged by name as UpdateMemberDetectors does."""
    detector = own_detector(call)
    enable = call.get("enable")
    if enable is not None and not isinstance(enable, bool):
        raise errors.invalid_parameter("enable")
    frequency = call.get("findingPublishingFrequency")
    if frequency is not None and frequency not in FREQUENCIES:
        raise errors.invalid_parameter("findingPublishingFrequency")
    # AWS merges features by name (others unchanged), as for members; moto would replace them.
    features = checked_features(call.get("features"))
    call.backend.update_detector(detector.id, enable, frequency, call.get("dataSources"), None)
    if features:
        apply_features(detector, features)
    detector.updated_at = datetime.now(UTC)
    if enable is not None:
        membership.member_detector_switched(call.account_id, call.region)
    return {}


@handles("DeleteDetector")
def delete_detector(call: Call) -> dict[str, Any]:
    detector = own_detector(call)
    if membership.is_administrator(call.account_id, call.region):
        raise errors.bad_request(messages.DELETE_DETECTOR_WITH_MEMBERS)
    admin = membership.administrator_of(call.account_id, call.region)
    if admin is not None:
        # mozilla/guardduty-multi-account-manager: the administrator then sees Removed.
        membership.members_of(admin, call.region)[call.account_id].set_status(membership.REMOVED)
        membership.end_relationship(admin, call.account_id, call.region)
    call.backend.delete_detector(detector.id)
    return {}

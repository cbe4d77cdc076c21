"""An administrator's view and control of its members' detectors: GetMemberDetectors and
UpdateMemberDetectors (reference section 2.2).

Member features live on the member's own (moto) detector, so the member's GetDetector, the
administrator's GetMemberDetectors and later updates agree. The deprecated DataSources and
their Features counterparts (S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION) are kept
in step, as AWS shows either name for the same switch.
"""

import time
from typing import Any

from moto.guardduty.models import Detector

from guardduty_hub.simulator import errors, membership, messages
from guardduty_hub.simulator.common import check_batch, detector_of, own_detector
from guardduty_hub.simulator.handlers.members import unprocessed
from guardduty_hub.simulator.registry import Call, handles

FEATURES = frozenset(
    {
        "S3_DATA_EVENTS",
        "EKS_AUDIT_LOGS",
        "EBS_MALWARE_PROTECTION",
        "RDS_LOGIN_EVENTS",
        "LAMBDA_NETWORK_LOGS",
        "EKS_RUNTIME_MONITORING",
        "RUNTIME_MONITORING",
        "AI_PROTECTION",
    }
)
ADDITIONAL = frozenset(
    {
        "EKS_ADDON_MANAGEMENT",
        "ECS_FARGATE_AGENT_MANAGEMENT",
        "EC2_AGENT_MANAGEMENT",
        "RDS_DATA_RISK",
    }
)
STATUSES = ("ENABLED", "DISABLED")
RUNTIME_TOGETHER = (
    "The request is rejected because EKS_RUNTIME_MONITORING and RUNTIME_MONITORING cannot be "
    "provided together. Use RUNTIME_MONITORING."
)


def _data_sources(detector: Detector) -> dict[str, Any]:
    wire = detector.to_json()["dataSources"]
    malware = (detector.datasources.get("malwareProtection") or {}).get(
        "scanEc2InstanceWithFindings"
    ) or {}
    ebs = "ENABLED" if malware.get("ebsVolumes") else "DISABLED"
    wire["malwareProtection"] = {"scanEc2InstanceWithFindings": {"ebsVolumes": {"status": ebs}}}
    return wire


@handles("GetMemberDetectors")
def get_member_detectors(call: Call) -> dict[str, Any]:
    own_detector(call)
    account_ids = check_batch("accountIds", call.get("accountIds"))
    records = membership.members_of(call.account_id, call.region)
    found, failures = [], []
    for account_id in account_ids:
        detector = detector_of(account_id, call.region)
        if account_id not in records:
            failures.append(unprocessed(account_id, messages.NOT_A_MEMBER))
        elif detector is None:
            failures.append(unprocessed(account_id, messages.NO_MEMBER_DETECTOR))
        else:
            found.append(
                {
                    "accountId": account_id,
                    "dataSources": _data_sources(detector),
                    "features": detector.features,
                }
            )
    return {"members": found, "unprocessedAccounts": failures}


def checked_features(raw: Any) -> list[dict[str, Any]]:
    """Server-side checks botocore does not make (enums, the runtime pair)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise errors.invalid_parameter("features")
    for item in raw:
        if (
            not isinstance(item, dict)
            or item.get("name") not in FEATURES
            or item.get("status", "ENABLED") not in STATUSES
        ):
            raise errors.invalid_parameter("features")
        for extra in item.get("additionalConfiguration") or []:
            if (
                not isinstance(extra, dict)
                or extra.get("name") not in ADDITIONAL
                or extra.get("status", "ENABLED") not in STATUSES
            ):
                raise errors.invalid_parameter("features")
    names = {item["name"] for item in raw}
    if {"EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING"} <= names:
        raise errors.bad_request(RUNTIME_TOGETHER)
    return raw


def _features_of_data_sources(data_sources: Any) -> list[dict[str, Any]]:
    """The deprecated DataSources, as the Features they stand for."""
    if data_sources is None:
        return []
    if not isinstance(data_sources, dict):
        raise errors.invalid_parameter("dataSources")

    def status(on: Any) -> str:
        return "ENABLED" if on else "DISABLED"

    found = []
    if isinstance(data_sources.get("s3Logs"), dict):
        found.append(
            {"name": "S3_DATA_EVENTS", "status": status(data_sources["s3Logs"].get("enable"))}
        )
    audit = (data_sources.get("kubernetes") or {}).get("auditLogs")
    if isinstance(audit, dict):
        found.append({"name": "EKS_AUDIT_LOGS", "status": status(audit.get("enable"))})
    scan = (data_sources.get("malwareProtection") or {}).get("scanEc2InstanceWithFindings")
    if isinstance(scan, dict):
        found.append({"name": "EBS_MALWARE_PROTECTION", "status": status(scan.get("ebsVolumes"))})
    return found


def apply_features(detector: Detector, features: list[dict[str, Any]]) -> None:
    """Merge features by name (others unchanged); keep the data sources in step."""
    now = int(time.time())
    current = {f["name"]: f for f in detector.features if isinstance(f, dict) and "name" in f}
    for item in features:
        entry = {"name": item["name"], "status": item.get("status", "ENABLED"), "updatedAt": now}
        extras = {
            e["name"]: e
            for e in (current.get(item["name"]) or {}).get("additionalConfiguration", [])
        }
        for extra in item.get("additionalConfiguration") or []:
            extras[extra["name"]] = {
                "name": extra["name"],
                "status": extra.get("status", "ENABLED"),
                "updatedAt": now,
            }
        if extras:
            entry["additionalConfiguration"] = list(extras.values())
        current[item["name"]] = entry
    detector.features = list(current.values())
    on = {name: f["status"] == "ENABLED" for name, f in current.items()}
    sources = dict(detector.datasources)
    if "S3_DATA_EVENTS" in on:
        sources["s3Logs"] = {"enable": on["S3_DATA_EVENTS"]}
    if "EKS_AUDIT_LOGS" in on:
        sources["kubernetes"] = {"auditLogs": {"enable": on["EKS_AUDIT_LOGS"]}}
    if "EBS_MALWARE_PROTECTION" in on:
        sources["malwareProtection"] = {
            "scanEc2InstanceWithFindings": {"ebsVolumes": on["EBS_MALWARE_PROTECTION"]}
        }
    detector.datasources = sources


@handles("UpdateMemberDetectors")
def update_member_detectors(call: Call) -> dict[str, Any]:
    own_detector(call)  # the administrator's detector
    account_ids = check_batch("accountIds", call.get("accountIds"))
    features = _features_of_data_sources(call.get("dataSources"))
    features += checked_features(call.get("features"))
    membership.settle()
    records = membership.members_of(call.account_id, call.region)
    failures = []
    for account_id in account_ids:
        record = records.get(account_id)
        detector = detector_of(account_id, call.region) if record is not None else None
        if record is None:
            failures.append(unprocessed(account_id, messages.NOT_A_MEMBER))
        elif record.status not in membership.ASSOCIATED:
            failures.append(unprocessed(account_id, messages.NOT_ASSOCIATED))
        elif detector is None:
            failures.append(unprocessed(account_id, messages.NO_MEMBER_DETECTOR))
        else:
            apply_features(detector, features)
    return {"unprocessedAccounts": failures}

"""From one GuardDuty finding to the values of a findings row: pure, no ORM, no AWS client.

Accepts the boto3 shape (PascalCase, `GetFindings`) and the wire shape EventBridge and the S3
export carry (camelCase), also wrapped in an EventBridge envelope, and gives the same values for
both. Everything but the identity of a finding is optional: real findings come without Region,
CreatedAt, Resource or Service, with unknown resource types, new fields, timestamps as strings or
numbers, and AdditionalInfo as `{Value: <JSON string>, Type}` (API) or as an object (events).
"""

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime

from guardduty_hub.findings.choices import Feedback, SeverityBand, severity_band
from guardduty_hub.findings.timestamps import parse_timestamp

# Column sizes, shared with the model so that a hostile or odd finding is cut to fit instead of
# failing the page it arrives in (PostgreSQL enforces varchar lengths).
MAX_LENGTHS = {
    "guardduty_id": 300,
    "arn": 1024,
    "account_id": 32,
    "region": 32,
    "partition": 16,
    "detector_id": 300,
    "type": 128,
    "threat_purpose": 64,
    "resource_type_affected": 64,
    "threat_family": 128,
    "resource_type": 64,
    "resource_id": 512,
    "action_type": 64,
}

# A finding without any time still needs an `updated_at` to order copies by; the oldest possible
# one means any copy that has a time wins.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

SAMPLE_TITLE_PREFIX = "[SAMPLE]"


class NotAFinding(ValueError):
    """The input lacks what identifies a finding (its Id)."""


@dataclass(frozen=True, slots=True)
class FindingValues:
    """Row values of one finding, as GuardDuty says it is (no hub workflow state)."""

    guardduty_id: str
    arn: str
    account_id: str
    region: str
    partition: str
    detector_id: str
    type: str
    threat_purpose: str
    resource_type_affected: str
    threat_family: str
    severity: float
    severity_band: SeverityBand
    title: str
    description: str
    resource_type: str
    resource_id: str
    action_type: str
    created_at: datetime | None
    updated_at: datetime
    first_seen_at: datetime | None
    last_seen_at: datetime | None
    count: int
    archived: bool
    feedback: str
    is_sample: bool
    raw: dict


def finding_from_guardduty(raw: dict) -> FindingValues:
    """Row values of a GuardDuty finding in either casing (see the module docstring)."""
    finding = unwrap_event(raw)
    if not isinstance(finding, dict):
        raise NotAFinding("A finding is a JSON object.")
    guardduty_id = _text(_get(finding, "Id"))
    if not guardduty_id:
        raise NotAFinding("The finding has no Id.")
    service = _dict(_get(finding, "Service"))
    resource = _dict(_get(finding, "Resource"))
    type_ = _text(_get(finding, "Type"))
    purpose, affected, family = split_finding_type(type_)
    severity = _number(_get(finding, "Severity"))
    title = _text(_get(finding, "Title"))
    additional = additional_info(_get(service, "AdditionalInfo"))
    created_at = parse_timestamp(_get(finding, "CreatedAt"))
    first_seen = parse_timestamp(_get(service, "EventFirstSeen"))
    last_seen = parse_timestamp(_get(service, "EventLastSeen"))
    updated_at = parse_timestamp(_get(finding, "UpdatedAt")) or last_seen or created_at or EPOCH
    resource_type = _text(_get(resource, "ResourceType"))
    arn = _text(_get(finding, "Arn"))
    values = {
        "guardduty_id": guardduty_id,
        "arn": arn,
        "account_id": _text(_get(finding, "AccountId")),
        "region": _text(_get(finding, "Region")) or _region_from_arn(arn),
        "partition": _text(_get(finding, "Partition")),
        "detector_id": _text(_get(service, "DetectorId")) or _detector_from_arn(arn),
        "type": type_,
        "threat_purpose": purpose,
        "resource_type_affected": affected,
        "threat_family": family,
        "resource_type": resource_type,
        "resource_id": resource_identifier(resource),
        "action_type": _text(_get(_dict(_get(service, "Action")), "ActionType")),
    }
    values = {name: value[: MAX_LENGTHS[name]] for name, value in values.items()}
    return FindingValues(
        **values,
        severity=severity,
        severity_band=severity_band(severity),
        title=title,
        description=_text(_get(finding, "Description")),
        created_at=created_at,
        updated_at=updated_at,
        first_seen_at=first_seen,
        last_seen_at=last_seen,
        count=_count(_get(service, "Count")),
        archived=_bool(_get(service, "Archived")),
        feedback=_feedback(_get(service, "UserFeedback")),
        is_sample=_bool(additional.get("sample")) or title.startswith(SAMPLE_TITLE_PREFIX),
        raw=finding,
    )


def unwrap_event(raw: object) -> object:
    """The finding inside an EventBridge "GuardDuty Finding" envelope, or the input itself."""
    if isinstance(raw, dict) and isinstance(raw.get("detail"), dict) and "detail-type" in raw:
        return raw["detail"]
    return raw


def split_finding_type(type_: str) -> tuple[str, str, str]:
    """`ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact` parts.

    Returns (threat purpose, resource type affected, threat family name); empty strings for the
    parts a malformed type lacks.
    """
    purpose, sep, rest = type_.partition(":")
    if not sep:
        return "", "", ""
    affected, sep, family = rest.partition("/")
    if not sep:
        return purpose, affected, ""
    for marker in (".", "!"):
        family = family.split(marker, 1)[0]
    return purpose, affected, family


def additional_info(value: object) -> dict:
    """Service.AdditionalInfo as one dict, from any of the forms it arrives in.

    API: `{"Value": "<JSON string>", "Type": "default"}`; events: a plain object; some captured
    fixtures: both at once (`{"sample": true, "type": "default", "value": "{...}"}`).
    """
    if isinstance(value, str):
        value = _json_object(value)
    if not isinstance(value, dict):
        return {}
    merged = {k: v for k, v in value.items() if k not in ("Value", "value", "Type", "type")}
    inner = value.get("Value", value.get("value"))
    if isinstance(inner, str):
        merged.update(_json_object(inner))
    elif isinstance(inner, dict):
        merged.update(inner)
    return merged


# Resource kind -> (details block, members naming the resource, in order of preference).
_RESOURCE_NAMING = {
    "Instance": ("InstanceDetails", ("InstanceId",)),
    "EKSCluster": ("EksClusterDetails", ("Name", "Arn")),
    "ECSCluster": ("EcsClusterDetails", ("Name", "Arn")),
    "Container": ("ContainerDetails", ("Image", "Name", "Id")),
    "RDSDBInstance": ("RdsDbInstanceDetails", ("DbInstanceIdentifier", "DbClusterIdentifier")),
    "RDSLimitlessDB": ("RdsLimitlessDbDetails", ("DbShardGroupIdentifier", "DbClusterIdentifier")),
    "Lambda": ("LambdaDetails", ("FunctionName", "FunctionArn")),
    "EBSVolume": ("EbsVolumeDetails", ("VolumeArn",)),
    "EBSSnapshot": ("EbsSnapshotDetails", ("SnapshotArn",)),
    "EC2Image": ("Ec2ImageDetails", ("ImageArn",)),
    "RecoveryPoint": ("RecoveryPointDetails", ("RecoveryPointArn",)),
}
_GENERIC_NAME_SUFFIXES = ("Identifier", "Id", "Name", "Arn")


def resource_identifier(resource: dict) -> str:
    """The one identifier an analyst searches for, per resource kind ("" when there is none)."""
    kind = _text(_get(resource, "ResourceType"))
    if kind == "AccessKey":
        return _access_key_identifier(_dict(_get(resource, "AccessKeyDetails")))
    if kind == "S3Bucket":
        buckets = _get(resource, "S3BucketDetails")
        names = [_text(_get(b, "Name")) for b in buckets or [] if isinstance(b, dict)]
        return ", ".join(name for name in names if name)
    block, members = _RESOURCE_NAMING.get(kind, (None, ()))
    if block:
        details = _dict(_get(resource, block))
        for member in members:
            if found := _text(_get(details, member)):
                return found
    return _generic_identifier(resource)


def _access_key_identifier(details: dict) -> str:
    key = _text(_get(details, "AccessKeyId"))
    user = _text(_get(details, "UserName")) or _text(_get(details, "PrincipalId"))
    if key and user:
        return f"{key} ({user})"
    return key or user


def _generic_identifier(resource: dict) -> str:
    """For kinds we do not know yet: the first id/name-like member of the first details block."""
    for key, details in resource.items():
        if isinstance(details, list):
            details = next((d for d in details if isinstance(d, dict)), None)
        if not key.endswith("Details") or not isinstance(details, dict):
            continue
        for suffix in _GENERIC_NAME_SUFFIXES:
            for member, value in details.items():
                if member.endswith(suffix) and isinstance(value, str) and value:
                    return value
    return ""


# --- small tolerant readers -------------------------------------------------------------------


def _get(mapping: object, pascal_name: str) -> object:
    """Member `pascal_name` of a boto3-shaped dict, or its camelCase wire twin."""
    if not isinstance(mapping, dict):
        return None
    if pascal_name in mapping:
        return mapping[pascal_name]
    return mapping.get(pascal_name[:1].lower() + pascal_name[1:])


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int | float):
        return str(value)
    return ""


def _number(value: object) -> float:
    if isinstance(value, bool):
        return 0.0
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _count(value: object) -> int:
    """Service.Count; a finding GuardDuty reports happened at least once."""
    try:
        count = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1
    return max(count, 1)


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True


# Built once: an enum's `values` is rebuilt on every access (a sync maps thousands of findings).
_FEEDBACK_VALUES = frozenset(Feedback.values)


def _feedback(value: object) -> str:
    text = _text(value).upper()
    return text if text in _FEEDBACK_VALUES else ""


def _json_object(text: str) -> dict:
    try:
        parsed = json.loads(text)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _region_from_arn(arn: str) -> str:
    parts = arn.split(":")
    return parts[3] if len(parts) > 5 and parts[0] == "arn" else ""


def _detector_from_arn(arn: str) -> str:
    _, sep, rest = arn.partition(":detector/")
    return rest.split("/", 1)[0] if sep else ""

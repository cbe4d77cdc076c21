"""Small builders for the findings tests (hand-made findings with known values)."""

from typing import Any

REGION = "us-east-1"


def finding(
    suffix: str,
    *,
    account: str = "123456789012",
    region: str = REGION,
    detector: str = "d" * 32,
    type_: str = "Recon:EC2/PortProbeUnprotectedPort",
    severity: float = 2.0,
    created: str = "2026-01-10T10:00:00.000Z",
    updated: str = "2026-01-10T10:00:00.000Z",
    archived: bool = False,
    count: int = 1,
    resource: dict[str, Any] | None = None,
    role: str = "TARGET",
) -> dict[str, Any]:
    """A minimal but complete finding in boto3 PascalCase."""
    finding_id = suffix.rjust(32, "0")
    return {
        "AccountId": account,
        "Arn": f"arn:aws:guardduty:{region}:{account}:detector/{detector}/finding/{finding_id}",
        "CreatedAt": created,
        "Id": finding_id,
        "Partition": "aws",
        "Region": region,
        "Resource": resource
        or {"ResourceType": "Instance", "InstanceDetails": {"InstanceId": f"i-0{suffix:0>16}"}},
        "SchemaVersion": "2.0",
        "Service": {
            "Archived": archived,
            "Count": count,
            "DetectorId": detector,
            "EventFirstSeen": created,
            "EventLastSeen": updated,
            "ResourceRole": role,
            "ServiceName": "guardduty",
        },
        "Severity": severity,
        "Title": f"finding {suffix}",
        "Type": type_,
        "UpdatedAt": updated,
    }


def access_key(key: str) -> dict[str, Any]:
    return {
        "ResourceType": "AccessKey",
        "AccessKeyDetails": {"AccessKeyId": key, "UserName": "alice", "UserType": "IAMUser"},
    }


def all_ids(gd, detector: str, **kwargs: Any) -> list[str]:
    ids: list[str] = []
    for page in gd.get_paginator("list_findings").paginate(DetectorId=detector, **kwargs):
        ids.extend(page["FindingIds"])
    return ids

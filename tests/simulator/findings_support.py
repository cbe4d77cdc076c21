"""Small builders for the findings tests (hand-made findings with known values)."""

from typing import Any

REGION = "us-east-1"


def fid(suffix: str) -> str:
    """The finding id `finding(suffix)` gets."""
    return suffix.rjust(32, "0")


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
    finding_id = fid(suffix)
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


# --- Conformance cases (tests/simulator/test_conformance.py appends these) -----------------


def _world(sim) -> tuple[Any, str, list[str]]:
    """Generated findings of every kind plus a sample of every type, in the admin account."""
    from guardduty_hub.simulator.findings import create_sample_findings, populate

    gd, detector = sim.guardduty(), sim.detector()
    populate(sim.admin_account, REGION, 200, seed=11)
    create_sample_findings(sim.admin_account, REGION)
    return gd, detector, all_ids(gd, detector)


def _get_all(sim) -> None:
    gd, detector, ids = _world(sim)
    for start in range(0, len(ids), 50):
        gd.get_findings(DetectorId=detector, FindingIds=ids[start : start + 50])


def _statistics(sim) -> None:
    gd, detector, _ = _world(sim)
    for group in ("ACCOUNT", "DATE", "FINDING_TYPE", "RESOURCE", "SEVERITY"):
        gd.get_findings_statistics(DetectorId=detector, GroupBy=group, MaxResults=100)
    gd.get_findings_statistics(DetectorId=detector, FindingStatisticTypes=["COUNT_BY_SEVERITY"])


FINDINGS_CONFORMANCE_CASES = {
    "ListFindings": lambda sim: (
        lambda gd, d, ids: gd.list_findings(
            DetectorId=d,
            MaxResults=7,
            FindingCriteria={"Criterion": {"severity": {"GreaterThanOrEqual": 4}}},
            SortCriteria={"AttributeName": "updatedAt", "OrderBy": "DESC"},
        )
    )(*_world(sim)),
    "GetFindings": _get_all,
    "GetFindingsStatistics": _statistics,
    "ArchiveFindings": lambda sim: (
        lambda gd, d, ids: gd.archive_findings(DetectorId=d, FindingIds=ids[:3])
    )(*_world(sim)),
    "UnarchiveFindings": lambda sim: (
        lambda gd, d, ids: gd.unarchive_findings(DetectorId=d, FindingIds=ids[:3])
    )(*_world(sim)),
    "UpdateFindingsFeedback": lambda sim: (
        lambda gd, d, ids: gd.update_findings_feedback(
            DetectorId=d, FindingIds=ids[:3], Feedback="USEFUL"
        )
    )(*_world(sim)),
    "CreateSampleFindings": lambda sim: sim.guardduty().create_sample_findings(
        DetectorId=sim.detector(), FindingTypes=["Execution:EC2/MaliciousFile"]
    ),
}

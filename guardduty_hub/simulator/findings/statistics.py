"""GetFindingsStatistics: grouped counts (GroupBy) or the deprecated COUNT_BY_SEVERITY map.

Groups carry TotalFindings and LastGeneratedAt (the newest UpdatedAt in the group, a timestamp
shape: epoch seconds on the wire); date groups also carry their highest severity.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from guardduty_hub.simulator.findings import clock

DEFAULT_MAX = 25
MAX = 100

RESOURCE_IDS: tuple[tuple[str, ...], ...] = (
    ("resource", "instanceDetails", "instanceId"),
    ("resource", "accessKeyDetails", "accessKeyId"),
    ("resource", "eksClusterDetails", "name"),
    ("resource", "ecsClusterDetails", "name"),
    ("resource", "rdsDbInstanceDetails", "dbInstanceIdentifier"),
    ("resource", "lambdaDetails", "functionName"),
)


def resource_id(finding: dict[str, Any]) -> str:
    for path in RESOURCE_IDS:
        node: Any = finding
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if node:
            return str(node)
    buckets = (finding.get("resource") or {}).get("s3BucketDetails") or []
    if buckets and buckets[0].get("name"):
        return buckets[0]["name"]
    return finding.get("id", "")


def _generated(finding: dict[str, Any]) -> float:
    moment = clock.parse(finding.get("updatedAt") or finding.get("createdAt") or "")
    return moment.timestamp() if moment else 0.0


def _day(finding: dict[str, Any]) -> float:
    moment = clock.parse(finding.get("createdAt") or finding.get("updatedAt") or "")
    if moment is None:
        return 0.0
    return datetime(moment.year, moment.month, moment.day, tzinfo=UTC).timestamp()


def _severity(finding: dict[str, Any]) -> float:
    value = finding.get("severity")
    return float(value) if isinstance(value, int | float) else 0.0


GROUPS: dict[str, tuple[str, Callable[[dict[str, Any]], tuple], tuple[str, ...]]] = {
    "ACCOUNT": ("groupedByAccount", lambda f: (f.get("accountId", ""),), ("accountId",)),
    "DATE": ("groupedByDate", lambda f: (_day(f),), ("date",)),
    "FINDING_TYPE": ("groupedByFindingType", lambda f: (f.get("type", ""),), ("findingType",)),
    "RESOURCE": (
        "groupedByResource",
        lambda f: (
            f.get("accountId", ""),
            resource_id(f),
            (f.get("resource") or {}).get("resourceType", ""),
        ),
        ("accountId", "resourceId", "resourceType"),
    ),
    "SEVERITY": ("groupedBySeverity", lambda f: (_severity(f),), ("severity",)),
}


def grouped(
    findings: list[dict[str, Any]], group_by: str, order_by: str, limit: int
) -> dict[str, Any]:
    member, key_of, names = GROUPS[group_by]
    groups: dict[tuple, dict[str, Any]] = {}
    for finding in findings:
        key = key_of(finding)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                **dict(zip(names, key, strict=True)),
                "totalFindings": 0,
                "lastGeneratedAt": 0.0,
            }
            if group_by == "DATE":
                group["severity"] = 0.0
        group["totalFindings"] += 1
        group["lastGeneratedAt"] = max(group["lastGeneratedAt"], _generated(finding))
        if group_by == "DATE":
            group["severity"] = max(group["severity"], _severity(finding))
    rows = sorted(
        groups.values(),
        key=lambda g: (g["totalFindings"], str(tuple(g.values()))),
        reverse=order_by != "ASC",
    )
    return {member: rows[:limit]}


def count_by_severity(findings: list[dict[str, Any]]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for finding in findings:
        key = str(_severity(finding))
        counts[key] = counts.get(key, 0) + 1
    return {"countBySeverity": counts}

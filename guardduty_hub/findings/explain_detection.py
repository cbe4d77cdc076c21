"""How GuardDuty found a finding, for the detail page: the feature, the evidence, and for an
attack sequence its signals, actors, resources and endpoints.

Pure functions over the stored raw finding, like explain.py (PascalCase or camelCase).
"""

import re
from typing import Any

from guardduty_hub.findings.explain import flatten, humanize, label, member
from guardduty_hub.findings.timestamps import parse_timestamp

# Service.FeatureName: the data source or protection plan that produced the finding.
FEATURES = {
    "CloudTrail": "CloudTrail management events",
    "DnsLogs": "DNS logs",
    "FlowLogs": "VPC flow logs",
    "S3DataEvents": "S3 data events (S3 Protection)",
    "EksAuditLogs": "EKS audit logs (EKS Protection)",
    "RuntimeMonitoring": "Runtime Monitoring",
    "EbsMalwareProtection": "Malware Protection for EC2",
    "S3MalwareProtection": "Malware Protection for S3",
    "RdsLoginEvents": "RDS login activity (RDS Protection)",
    "LambdaNetworkLogs": "Lambda network activity (Lambda Protection)",
    "Correlation": "Extended Threat Detection (signals correlated into a sequence)",
}
RESOURCE_ROLES = {
    "TARGET": "the target of the activity",
    "ACTOR": "the actor: it performed the activity",
}
# Members of Service the page shows elsewhere (header, counts, triage) or that say nothing.
SHOWN_ELSEWHERE = frozenset(
    {
        "Action",
        "Archived",
        "Count",
        "DetectorId",
        "EventFirstSeen",
        "EventLastSeen",
        "ServiceName",
        "UserFeedback",
        "FeatureName",
        "ResourceRole",
        "Detection",
        "Evidence",
    }
)
_FINDING_ARN = re.compile(
    r"^arn:aws[\w-]*:guardduty:(?P<region>[\w-]+):(?P<account>\d{12}):detector/\w+/finding/(?P<id>\w+)$"
)


def finding_key(arn: str) -> tuple[str, str, str] | None:
    """(account id, region, GuardDuty id) of a finding ARN, to find it in the hub."""
    match = _FINDING_ARN.match(arn or "")
    return (match["account"], match["region"], match["id"]) if match else None


def detection_block(raw: dict) -> dict:
    service = member(raw, "Service") or {}
    feature = str(member(service, "FeatureName") or "")
    role = str(member(service, "ResourceRole") or "")
    evidence = member(service, "Evidence") or {}
    intel = []
    for item in member(evidence, "ThreatIntelligenceDetails") or []:
        names = member(item, "ThreatNames") or []
        intel.append(
            {
                "list": str(member(item, "ThreatListName") or "a threat list"),
                "names": ", ".join(str(n) for n in names if n),
            }
        )
    extra = {}
    for key, value in service.items() if isinstance(service, dict) else ():
        name = key[:1].upper() + key[1:]
        if name in SHOWN_ELSEWHERE or value in (None, "", {}, []) or _empty_info(name, value):
            continue
        extra[key] = value
    return {
        "feature": feature,
        "feature_words": FEATURES.get(feature, humanize(feature)),
        "role_words": RESOURCE_ROLES.get(role, role.lower()),
        "intel": intel,
        "rows": flatten(extra),
    }


def _empty_info(name: str, value: Any) -> bool:
    """AdditionalInfo often is {"Value": "{}", "Type": "default"}: nothing to say."""
    return (
        name == "AdditionalInfo"
        and isinstance(value, dict)
        and member(value, "Value") in ("{}", "", None)
    )


def sequence_block(raw: dict) -> dict | None:
    """An attack sequence's story, or None when the finding is not one."""
    service = member(raw, "Service") or {}
    sequence = member(member(service, "Detection") or {}, "Sequence")
    if not isinstance(sequence, dict):
        return None
    signals = [_signal(s) for s in member(sequence, "Signals") or [] if isinstance(s, dict)]
    signals.sort(key=lambda s: (s["first_seen"] is None, s["first_seen"] or 0))
    return {
        "indicators": [
            (str(member(i, "Title") or label(str(member(i, "Key") or ""))), _joined(i, "Values"))
            for i in member(sequence, "SequenceIndicators") or []
            if isinstance(i, dict)
        ],
        "signals": signals,
        "actors": _entities(sequence, "Actors"),
        "resources": _entities(sequence, "Resources"),
        "endpoints": _entities(sequence, "Endpoints"),
    }


def _joined(item: dict, name: str) -> str:
    return ", ".join(str(v) for v in member(item, name) or [] if v not in (None, ""))


def _signal(signal: dict) -> dict:
    uid = str(member(signal, "Uid") or "")
    severity = member(signal, "Severity")
    return {
        "uid": uid,
        "key": finding_key(uid),
        "name": str(member(signal, "Name") or member(signal, "Type") or uid),
        "description": str(member(signal, "Description") or ""),
        "severity": severity if isinstance(severity, int | float) else None,
        "count": member(signal, "Count"),
        "first_seen": parse_timestamp(member(signal, "FirstSeenAt")),
        "last_seen": parse_timestamp(member(signal, "LastSeenAt")),
        "pk": None,  # the hub's finding, filled in by the view when it has it
    }


def _entities(sequence: dict, name: str) -> list[dict]:
    """Actors, resources or endpoints: a heading each and its fields as rows."""
    found = []
    for item in member(sequence, name) or []:
        if not isinstance(item, dict):
            continue
        title = str(
            member(item, "Name")
            or member(member(item, "User") or {}, "Name")
            or member(item, "Ip")
            or member(item, "Uid")
            or member(item, "Id")
            or name
        )
        found.append({"title": title, "rows": flatten(item, limit=40)})
    return found

"""What a finding means, for the detail page: its type in words, resource and action blocks.

Pure functions over the stored raw finding (the boto3 PascalCase shape, or EventBridge's
camelCase): GuardDuty adds fields often, so blocks are shown generically (labelled key/value
rows) with the fields an analyst looks for first picked out per kind.
"""

import json
import re
from typing import Any

# GuardDuty's threat purposes (first part of the type), in GuardDuty's own words, shortened.
THREAT_PURPOSES = {
    "AttackSequence": "several signals that together look like one multi-stage attack",
    "Backdoor": "a resource compromised and able to reach back to an attacker",
    "Behavior": "activity or traffic unlike the established baseline",
    "CredentialAccess": "an attempt to obtain credentials (passwords, keys, tokens)",
    "Cryptocurrency": "software or traffic associated with cryptocurrency mining",
    "DefenseEvasion": "an attempt to avoid detection, e.g. by disabling logging",
    "Discovery": "an attempt to learn about the account and its resources",
    "Execution": "an attempt to run code the attacker controls",
    "Exfiltration": "an attempt to move data out of the environment",
    "Impact": "an attempt to disrupt, destroy or take over resources or data",
    "InitialAccess": "an attempt to get a first foothold in the environment",
    "PenTest": "activity from known penetration-testing tools",
    "Persistence": "an attempt to keep access (new users, keys, backdoors)",
    "Policy": "behaviour against security best practice (public access, root use)",
    "PrivilegeEscalation": "an attempt to gain higher permissions",
    "Recon": "reconnaissance ahead of an attack (scans, probes, enumeration)",
    "Stealth": "an attempt to hide the attack's traces",
    "Trojan": "a trojan program on the resource talking to its controller",
    "UnauthorizedAccess": "suspicious or unauthorised access to the resource",
}
RESOURCES_AFFECTED = {
    "EC2": "an EC2 instance",
    "IAMUser": "an IAM principal (user, role or access key)",
    "S3": "an S3 bucket or its objects",
    "Kubernetes": "an EKS cluster (Kubernetes audit logs)",
    "Runtime": "a process on a host or container (runtime monitoring)",
    "Lambda": "a Lambda function",
    "RDS": "an RDS / Aurora database",
    "ECS": "an ECS cluster or task",
    "EKS": "an EKS cluster",
    "Execution": "an executable (malware protection)",
    "Malware": "a resource scanned for malware",
    "Container": "a container",
}


def _get(mapping: Any, name: str) -> Any:
    """Member by PascalCase name, or its camelCase spelling (EventBridge)."""
    if not isinstance(mapping, dict):
        return None
    if name in mapping:
        return mapping[name]
    return mapping.get(name[:1].lower() + name[1:])


def explain_type(finding_type: str) -> dict[str, str]:
    """ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact."""
    purpose, _, rest = finding_type.partition(":")
    resource, _, family_part = rest.partition("/")
    family, _, mechanism = family_part.partition(".")
    mechanism, _, artifact = mechanism.partition("!")
    if "!" in family:
        family, _, artifact = family.partition("!")
    words = {
        "purpose": purpose,
        "purpose_words": THREAT_PURPOSES.get(purpose, "a threat purpose GuardDuty added lately"),
        "resource": resource,
        "resource_words": RESOURCES_AFFECTED.get(resource, resource or "a resource"),
        "family": family,
        "family_words": humanize(family),
        "mechanism": mechanism,
        "artifact": artifact,
    }
    return words


def humanize(name: str) -> str:
    """ "SSHBruteForce" -> "SSH brute force"; "DNSDataExfiltration" -> "DNS data exfiltration"."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|\d+", name or "")
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words) or name


def flatten(value: Any, prefix: str = "", limit: int = 120) -> list[tuple[str, str]]:
    """Labelled rows from a nested block: ("Network interfaces 1 / Public ip", "1.2.3.4")."""
    rows: list[tuple[str, str]] = []

    def walk(node: Any, path: list[str]) -> None:
        if len(rows) >= limit:
            return
        if isinstance(node, dict):
            if set(node) <= {"Key", "Value", "key", "value"} and node:
                rows.append((" / ".join(path), f"{_get(node, 'Key')} = {_get(node, 'Value')}"))
                return
            for key, item in node.items():
                walk(item, [*path, humanize(key).capitalize()])
        elif isinstance(node, list):
            if all(not isinstance(i, dict | list) for i in node):
                if node:
                    rows.append((" / ".join(path), ", ".join(str(i) for i in node)))
                return
            for i, item in enumerate(node, start=1):
                walk(item, [*path, str(i)] if len(node) > 1 else path)
        elif node not in (None, "", [], {}):
            rows.append((" / ".join(path), str(node)))

    walk(value, [prefix] if prefix else [])
    return rows


def resource_blocks(raw: dict) -> list[dict]:
    """One block per *Details member of Resource (instance, access key, buckets, ...)."""
    resource = _get(raw, "Resource") or {}
    blocks = []
    for key, details in resource.items() if isinstance(resource, dict) else ():
        if key in ("ResourceType", "resourceType") or details in (None, {}, []):
            continue
        title = humanize(re.sub(r"Details$", "", key[:1].upper() + key[1:])).capitalize()
        blocks.append({"title": title, "rows": flatten(details)})
    return blocks


def remote_party(action: dict) -> dict[str, str]:
    """Remote IP, country, city and ASN/organisation of the action, wherever it sits."""
    found: dict[str, str] = {}

    def look(node: Any) -> None:
        if found or not isinstance(node, dict | list):
            return
        if isinstance(node, list):
            for item in node:
                look(item)
            return
        details = _get(node, "RemoteIpDetails")
        if isinstance(details, dict):
            org = _get(details, "Organization") or {}
            found.update(
                ip=str(_get(details, "IpAddressV4") or _get(details, "IpAddressV6") or ""),
                country=str(_get(_get(details, "Country") or {}, "CountryName") or ""),
                city=str(_get(_get(details, "City") or {}, "CityName") or ""),
                asn=str(_get(org, "Asn") or ""),
                org=str(_get(org, "AsnOrg") or _get(org, "Org") or _get(org, "Isp") or ""),
            )
            return
        for item in node.values():
            look(item)

    look(action)
    return found


def action_block(raw: dict) -> dict:
    service = _get(raw, "Service") or {}
    action = _get(service, "Action") or {}
    kind = str(_get(action, "ActionType") or "")
    body = {k: v for k, v in action.items() if k not in ("ActionType", "actionType")}
    return {
        "type": kind,
        "type_words": humanize(kind.title().replace("_", "")) if kind else "",
        "remote": remote_party(body),
        "rows": flatten(body),
    }


def pretty_json(raw: Any) -> str:
    return json.dumps(raw, indent=2, sort_keys=True, ensure_ascii=False, default=str)


def console_url(finding) -> str:
    region = finding.region or finding.api_region
    return (
        f"https://{region}.console.aws.amazon.com/guardduty/home?region={region}"
        f"#/findings?macros=current&fId={finding.guardduty_id}"
    )

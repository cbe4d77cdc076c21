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
    # Types spell it CryptoCurrency (and PenTest/Pentest both occur).
    "CryptoCurrency": "software or traffic associated with cryptocurrency mining",
    "DefenseEvasion": "an attempt to avoid detection, e.g. by disabling logging",
    "Discovery": "an attempt to learn about the account and its resources",
    "Execution": "an attempt to run code the attacker controls",
    "Exfiltration": "an attempt to move data out of the environment",
    "Impact": "an attempt to disrupt, destroy or take over resources or data",
    "InitialAccess": "an attempt to get a first foothold in the environment",
    "Object": "a malicious object (file) found in storage",
    "PenTest": "activity from known penetration-testing tools",
    "Pentest": "activity from known penetration-testing tools",
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
    "IAM": "IAM principals and their credentials",
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


# The part after the family: how GuardDuty detected it, or which variant of the family it is.
DETECTION_MECHANISMS = {
    "Custom": "from a threat list you uploaded",
    "Reputation": "by domain reputation",
    "Tcp": "over TCP",
    "Udp": "over UDP",
    "Dns": "in DNS traffic",
    "Unusual": "as unusual for this principal",
    "Tor": "through Tor",
}
ARTIFACTS = {"DNS": "seen in DNS queries", "Tor": "through Tor"}
ACTION_TYPES = {
    "AWS_API_CALL": "AWS API call",
    "DNS_REQUEST": "DNS request",
    "NETWORK_CONNECTION": "Network connection",
    "PORT_PROBE": "Port probe",
    "KUBERNETES_API_CALL": "Kubernetes API call",
    "KUBERNETES_PERMISSION_CHECKED": "Kubernetes permission check",
    "KUBERNETES_ROLE_BINDING_DETAILS": "Kubernetes role binding",
    "KUBERNETES_ROLE_DETAILS": "Kubernetes role",
    "RDS_LOGIN_ATTEMPT": "Database login attempt",
}
# Words that labels show in capitals ("Ip address v4" reads as "IP address v4").
ACRONYMS = {
    "ami",
    "api",
    "arn",
    "asn",
    "aws",
    "az",
    "cpu",
    "db",
    "dns",
    "ebs",
    "ec2",
    "ecr",
    "ecs",
    "eks",
    "eni",
    "http",
    "https",
    "iam",
    "id",
    "ip",
    "ipv4",
    "ipv6",
    "isp",
    "k8s",
    "kms",
    "mfa",
    "os",
    "pid",
    "rds",
    "s3",
    "sha256",
    "ssh",
    "sso",
    "sts",
    "tcp",
    "tls",
    "udp",
    "uid",
    "uri",
    "url",
    "uuid",
    "vpc",
}
LABEL_SEPARATOR = " \u203a "  # a small right angle quote


def member(mapping: Any, name: str) -> Any:
    """Member by PascalCase name, or its camelCase spelling (EventBridge)."""
    if not isinstance(mapping, dict):
        return None
    if name in mapping:
        return mapping[name]
    return mapping.get(name[:1].lower() + name[1:])


def _pascal(key: str) -> str:
    return key[:1].upper() + key[1:]


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
        "mechanism_words": _mechanism_words(mechanism),
        "artifact": artifact,
        "artifact_words": ARTIFACTS.get(artifact, f"artifact {artifact}" if artifact else ""),
    }
    return words


def _mechanism_words(mechanism: str) -> str:
    if not mechanism:
        return ""
    if len(mechanism) == 1:  # .B, .C: GuardDuty's variants of one family
        return f"variant {mechanism}"
    return DETECTION_MECHANISMS.get(mechanism, humanize(mechanism))


def _words(name: str) -> list[str]:
    words = re.findall(r"[A-Z]&[A-Z]|[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|\d+", name or "")
    joined: list[str] = []
    for word in words:  # "V", "4" -> "V4"; "S", "3" -> "S3"
        if word.isdigit() and joined and len(joined[-1]) == 1:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def humanize(name: str) -> str:
    """ "SSHBruteForce" -> "SSH brute force"; "C&CActivity" -> "C&C activity"."""
    words = _words(name)
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words) or name


def label(key: str) -> str:
    """A field name as a label: "IamInstanceProfile" -> "IAM instance profile"."""
    words = [w.upper() if w.lower() in ACRONYMS else w.lower() for w in _words(_pascal(key))]
    if not words:
        return key
    first = words[0]
    words[0] = first if first.isupper() else first.capitalize()
    return " ".join(words)


def _segment(key: str) -> str:
    """A path segment's label, without GuardDuty's "Details" suffix (it adds nothing)."""
    return label(re.sub(r"(?<=[a-z])Details$", "", _pascal(key)))


def _is_tag(node: Any) -> bool:
    return isinstance(node, dict) and bool(node) and set(node) <= {"Key", "Value", "key", "value"}


def flatten(
    value: Any, prefix: str = "", limit: int = 120, skip: frozenset = frozenset()
) -> list[tuple[str, str]]:
    """Labelled rows from a nested block: ("Network interfaces 1 > Public IP", "1.2.3.4").

    Members named in `skip` (PascalCase) are left out wherever they are: the page shows them
    elsewhere.
    """
    rows: list[tuple[str, str]] = []

    def walk(node: Any, path: list[str]) -> None:
        if len(rows) >= limit:
            return
        where = LABEL_SEPARATOR.join(path)
        if _is_tag(node):
            rows.append((where, f"{member(node, 'Key')} = {member(node, 'Value')}"))
        elif isinstance(node, dict):
            for key, item in node.items():
                if _pascal(key) not in skip:
                    walk(item, [*path, _segment(key)])
        elif isinstance(node, list):
            if node and all(_is_tag(i) for i in node):  # tags: one row, "k = v, k = v"
                tags = ", ".join(f"{member(i, 'Key')} = {member(i, 'Value')}" for i in node)
                rows.append((where, tags))
            elif all(not isinstance(i, dict | list) for i in node):
                if node:
                    rows.append((where, ", ".join(str(i) for i in node)))
            else:
                for i, item in enumerate(node, start=1):
                    walk(item, [*path[:-1], f"{path[-1]} {i}"] if len(node) > 1 and path else path)
        elif node not in (None, "", [], {}):
            rows.append((where, str(node)))

    walk(value, [prefix] if prefix else [])
    return rows


def resource_blocks(raw: dict) -> list[dict]:
    """One block per *Details member of Resource (instance, access key, buckets, ...)."""
    resource = member(raw, "Resource") or {}
    blocks = []
    for key, details in resource.items() if isinstance(resource, dict) else ():
        if key in ("ResourceType", "resourceType") or details in (None, {}, []):
            continue
        blocks.append({"title": _segment(key), "rows": flatten(details)})
    return blocks


def _remote(details: dict) -> dict[str, str]:
    org = member(details, "Organization") or {}
    found = {
        "ip": str(member(details, "IpAddressV4") or member(details, "IpAddressV6") or ""),
        "country": str(member(member(details, "Country") or {}, "CountryName") or ""),
        "city": str(member(member(details, "City") or {}, "CityName") or ""),
        "asn": str(member(org, "Asn") or ""),
        "org": str(member(org, "AsnOrg") or member(org, "Org") or member(org, "Isp") or ""),
    }
    isp = str(member(org, "Isp") or "")
    found["isp"] = isp if isp and isp != found["org"] else ""
    return found


def remote_parties(action: Any, limit: int = 20) -> list[dict[str, str]]:
    """Every remote party of the action (port probes list several), first seen first."""
    found: list[dict[str, str]] = []
    seen: set[str] = set()

    def look(node: Any) -> None:
        if len(found) >= limit:
            return
        if isinstance(node, list):
            for item in node:
                look(item)
        elif isinstance(node, dict):
            details = member(node, "RemoteIpDetails")
            if isinstance(details, dict):
                party = _remote(details)
                if party["ip"] not in seen or not party["ip"]:
                    seen.add(party["ip"])
                    found.append(party)
            for key, item in node.items():
                if _pascal(key) != "RemoteIpDetails":
                    look(item)

    look(action)
    return found


def action_block(raw: dict) -> dict:
    service = member(raw, "Service") or {}
    action = member(service, "Action") or {}
    kind = str(member(action, "ActionType") or "")
    body = {k: v for k, v in action.items() if k not in ("ActionType", "actionType")}
    # {"PortProbeAction": {...}} says again what the heading says: show what is inside.
    if len(body) == 1 and next(iter(body)).lower().endswith("action"):
        body = next(iter(body.values())) or {}
    remotes = remote_parties(body)
    return {
        "type": kind,
        "type_words": ACTION_TYPES.get(kind, humanize(kind.title().replace("_", ""))),
        "remotes": remotes,
        "rows": flatten(body, skip=frozenset({"RemoteIpDetails"})),
    }


def pretty_json(raw: Any) -> str:
    return json.dumps(raw, indent=2, sort_keys=True, ensure_ascii=False, default=str)


CONSOLE_DOMAINS = {"aws-us-gov": "console.amazonaws-us-gov.com", "aws-cn": "console.amazonaws.cn"}


def console_url(finding) -> str:
    """The finding in the GuardDuty console of its region (the administrator's view of it)."""
    region = finding.region or finding.api_region
    domain = CONSOLE_DOMAINS.get(getattr(finding, "partition", "") or "aws")
    host = domain or f"{region}.console.aws.amazon.com"
    return (
        f"https://{host}/guardduty/home?region={region}"
        f"#/findings?macros=current&fId={finding.guardduty_id}"
    )

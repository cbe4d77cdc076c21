"""The indicators a finding mentions: `indicators_of(raw)`, pure (no ORM, no AWS client).

Reads the stored raw finding in either casing (boto3's PascalCase or EventBridge's camelCase):
- remote IP addresses of every action (network connection, port probe details, AWS and
  Kubernetes API calls, RDS logins, anything else with RemoteIpDetails) with the ASN,
  organisation, country and city GuardDuty reports, and Kubernetes' SourceIps;
- domains (DNS requests, the domain an API call came from);
- the resource: access key and IAM principal, EC2 instance, S3 buckets (also those an API call
  names in AffectedResources), EKS cluster;
- an attack sequence's actors (principal, access key), resources and network endpoints.

Values are normalised (IPs in their canonical form, domains in lower case without the final
dot) so the same indicator from two findings is one row; template placeholders (`${...}`) and
values too long to be an identifier are left out.
"""

import ipaddress
import re
from dataclasses import dataclass, replace
from typing import Any

from guardduty_hub.findings.explain import member
from guardduty_hub.investigations.choices import IndicatorKind

MAX_VALUE_LENGTH = 512
DETAIL_LENGTHS = {"label": 255, "asn": 16, "org": 255, "country": 128, "city": 128}
# Attack-sequence resource types (Sequence.Resources[].ResourceType) we index, and their kind.
SEQUENCE_RESOURCES = {
    "S3_BUCKET": IndicatorKind.BUCKET,
    "EKS_CLUSTER": IndicatorKind.EKS_CLUSTER,
    "ACCESS_KEY": IndicatorKind.ACCESS_KEY,
    "EC2_INSTANCE": IndicatorKind.INSTANCE,
}
# AwsApiCallAction.AffectedResources keys (CloudFormation type names) we index.
AFFECTED_RESOURCES = {
    "AWS::S3::Bucket": IndicatorKind.BUCKET,
    "AWS::EC2::Instance": IndicatorKind.INSTANCE,
}


@dataclass(frozen=True, slots=True)
class Found:
    """One indicator as a finding mentions it, with what GuardDuty says about it."""

    kind: str
    value: str
    label: str = ""  # a readable name beside the value: "IAMUser john_doe", a cluster's name
    asn: str = ""
    org: str = ""
    country: str = ""
    city: str = ""


def indicators_of(raw: Any) -> list[Found]:
    """Every indicator `raw` mentions, once each (first mention first, details merged)."""
    if not isinstance(raw, dict):
        return []
    found: dict[tuple[str, str], Found] = {}

    def add(kind: str, value: Any, **details: Any) -> None:
        value = normalised(kind, value)
        if value is None:
            return
        key = (kind, value)
        earlier = found.get(key)
        if earlier is None:
            clean = {k: t[: DETAIL_LENGTHS[k]] for k, v in details.items() if (t := _text(v))}
            found[key] = Found(str(kind), value, **clean)
            return
        # A later mention fills in what an earlier one left blank.
        blanks = {
            k: text[: DETAIL_LENGTHS[k]]
            for k, v in details.items()
            if not getattr(earlier, k) and (text := _text(v))
        }
        if blanks:
            found[key] = replace(earlier, **blanks)

    service = member(raw, "Service")
    action = member(service, "Action")
    _from_action(action, add)
    _from_resource(member(raw, "Resource"), add)
    _from_sequence(member(member(service, "Detection"), "Sequence"), add)
    return list(found.values())


# --- parts of a finding ---------------------------------------------------------------------


# Action members that hold nothing we index (the hub's own side of a connection): not walked.
_NOT_WALKED = frozenset({"LocalIpDetails", "LocalPortDetails", "RemotePortDetails", "GeoLocation"})
# Member name -> its PascalCase spelling, remembered: a sync walks the same few hundred names
# in every finding.
_PASCAL: dict[str, str] = {}


def _pascal(key: str) -> str:
    name = key[:1].upper() + key[1:]
    if len(_PASCAL) < 4096:  # member names come from AWS; the bound is for anything odd
        _PASCAL[key] = name
    return name


def _from_action(action: Any, add) -> None:
    """Every action block, known or added later: one pass over each member (a sync extracts
    thousands of findings a minute)."""

    def remote_ip(remote: dict) -> None:
        org = member(remote, "Organization")
        add(
            IndicatorKind.IP,
            member(remote, "IpAddressV4") or member(remote, "IpAddressV6"),
            asn=member(org, "Asn"),
            org=member(org, "AsnOrg") or member(org, "Org") or member(org, "Isp"),
            country=member(member(remote, "Country"), "CountryName"),
            city=member(member(remote, "City"), "CityName"),
        )

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        for key, item in node.items():
            name = _PASCAL.get(key) or _pascal(key)
            if name == "RemoteIpDetails":
                if isinstance(item, dict):
                    remote_ip(item)
            elif name in ("SourceIps", "SourceIPs"):  # the wire spells it sourceIPs
                for ip in _list(item):
                    add(IndicatorKind.IP, ip)
            elif name == "DomainDetails" or name == "DnsRequestAction":
                add(IndicatorKind.DOMAIN, member(item, "Domain"))
            elif name == "AffectedResources":
                if isinstance(item, dict):
                    for type_name, kind in AFFECTED_RESOURCES.items():
                        add(kind, item.get(type_name))
            elif name not in _NOT_WALKED and isinstance(item, dict | list):
                walk(item)

    walk(action)


def _from_resource(resource: Any, add) -> None:
    if not isinstance(resource, dict):
        return
    key = member(resource, "AccessKeyDetails")
    if isinstance(key, dict):
        user = _text(member(key, "UserName"))
        user_type = _text(member(key, "UserType"))
        add(IndicatorKind.ACCESS_KEY, member(key, "AccessKeyId"), label=user)
        add(
            IndicatorKind.PRINCIPAL,
            member(key, "PrincipalId"),
            label=" ".join(part for part in (user_type, user) if part),
        )
    add(IndicatorKind.INSTANCE, member(member(resource, "InstanceDetails"), "InstanceId"))
    for bucket in _list(member(resource, "S3BucketDetails")):
        add(IndicatorKind.BUCKET, member(bucket, "Name") or _bucket_of(member(bucket, "Arn")))
    cluster = member(resource, "EksClusterDetails")
    if isinstance(cluster, dict):
        name = member(cluster, "Name")
        add(IndicatorKind.EKS_CLUSTER, member(cluster, "Arn") or name, label=name)


def _from_sequence(sequence: Any, add) -> None:
    if not isinstance(sequence, dict):
        return
    for actor in _list(member(sequence, "Actors")):
        user = member(actor, "User")
        if isinstance(user, dict):
            name = member(user, "Name")
            label = " ".join(_text(p) for p in (member(user, "Type"), name) if _text(p))
            add(IndicatorKind.PRINCIPAL, member(user, "Uid"), label=label)
            add(IndicatorKind.ACCESS_KEY, member(user, "CredentialUid"), label=name)
    for resource in _list(member(sequence, "Resources")):
        kind = SEQUENCE_RESOURCES.get(_text(member(resource, "ResourceType")))
        name, uid = member(resource, "Name"), _text(member(resource, "Uid"))
        if kind == IndicatorKind.BUCKET:
            add(kind, name or _bucket_of(uid))
        elif kind == IndicatorKind.EKS_CLUSTER:
            add(kind, uid or name, label=name)
        elif kind == IndicatorKind.INSTANCE:
            add(kind, uid.rsplit("/", 1)[-1])
        elif kind is not None:
            add(kind, uid or name)
    for endpoint in _list(member(sequence, "Endpoints")):
        where = member(endpoint, "Location")
        system = member(endpoint, "AutonomousSystem")
        add(
            IndicatorKind.IP,
            member(endpoint, "Ip"),
            asn=member(system, "Number"),
            org=member(system, "Name"),
            country=member(where, "Country"),
            city=member(where, "City"),
        )


# --- values -------------------------------------------------------------------------------


_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")


def normalised(kind: str, value: Any) -> str | None:
    text = _text(value)
    if not text or "${" in text or len(text) > MAX_VALUE_LENGTH:
        return None
    if kind == IndicatorKind.IP:
        if _CANONICAL_IPV4.fullmatch(text):
            return text  # what ipaddress would give back, without its parse
        try:
            return str(ipaddress.ip_address(text))
        except ValueError:
            return None
    if kind == IndicatorKind.DOMAIN:
        return text.lower().rstrip(".") or None
    return text


def _bucket_of(arn: Any) -> str:
    text = _text(arn)
    return text.split(":::", 1)[1].split("/", 1)[0] if ":::" in text else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    return ""

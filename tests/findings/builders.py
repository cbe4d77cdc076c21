"""Small GuardDuty findings (boto3 shape) for tests, written for the hub."""

import uuid
from datetime import UTC, datetime, timedelta

BASE_TIME = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def raw_finding(
    *,
    finding_id: str | None = None,
    account_id: str = "111111111111",
    region: str = "us-east-1",
    updated: datetime | None = None,
    count: int = 1,
    archived: bool = False,
    severity: float = 5.0,
    finding_type: str = "Recon:EC2/PortProbeUnprotectedPort",
    title: str = "Port probe",
    instance_id: str = "i-0123456789abcdef0",
    feedback: str | None = None,
) -> dict:
    finding_id = finding_id or uuid.uuid4().hex
    updated = updated or BASE_TIME
    detector = "d" * 32
    service = {
        "Archived": archived,
        "Count": count,
        "DetectorId": detector,
        "EventFirstSeen": iso(BASE_TIME - timedelta(days=1)),
        "EventLastSeen": iso(updated),
        "ServiceName": "guardduty",
    }
    if feedback:
        service["UserFeedback"] = feedback
    return {
        "AccountId": account_id,
        "Arn": f"arn:aws:guardduty:{region}:{account_id}:detector/{detector}/finding/{finding_id}",
        "CreatedAt": iso(BASE_TIME - timedelta(days=1)),
        "Id": finding_id,
        "Partition": "aws",
        "Region": region,
        "Resource": {"ResourceType": "Instance", "InstanceDetails": {"InstanceId": instance_id}},
        "SchemaVersion": "2.0",
        "Service": service,
        "Severity": severity,
        "Title": title,
        "Type": finding_type,
        "UpdatedAt": iso(updated),
    }


def network_connection(
    ip: str,
    *,
    direction: str | None = None,
    city: str | None = None,
    country: str | None = None,
    asn: str | None = None,
    org: str | None = None,
) -> dict:
    """A finding's Service.Action (boto3 shape): a network connection with `ip` at the remote
    end; where it is and whose network, when given."""
    remote = {"IpAddressV4": ip}
    if city is not None:
        remote["City"] = {"CityName": city}
    if country is not None:
        remote["Country"] = {"CountryName": country}
    if asn is not None:
        remote["Organization"] = {"Asn": asn, "AsnOrg": org}
    connection = {"RemoteIpDetails": remote}
    if direction is not None:
        connection["ConnectionDirection"] = direction
    return {"ActionType": "NETWORK_CONNECTION", "NetworkConnectionAction": connection}

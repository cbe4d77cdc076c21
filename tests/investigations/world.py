"""Findings that share indicators, written through the sync's upsert (indicators included)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from guardduty_hub.findings.mapping import finding_from_guardduty
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.upsert import finding_upsert_page
from tests.findings.builders import BASE_TIME, network_connection, raw_finding

SCANNER_IP = "198.51.100.77"


def with_remote_ip(raw: dict, ip: str) -> dict:
    raw["Service"]["Action"] = network_connection(
        ip,
        direction="INBOUND",
        city="Reykjavik",
        country="Iceland",
        asn="64501",
        org="Example Hosting <b>Ltd</b>",
    )
    return raw


def store(raws: list[dict], api_region: str) -> list[Finding]:
    with transaction.atomic():
        finding_upsert_page(
            [finding_from_guardduty(r) for r in raws],
            administrator_id=None,
            api_region=api_region,
            now=timezone.now(),
        )
    return [Finding.objects.get(guardduty_id=r["Id"], api_region=api_region) for r in raws]


def scanner_world() -> dict[tuple[str, str], Finding]:
    """The scanner IP in two accounts x two regions (one finding each), by (account, region)."""
    found = {}
    for n, (account, region) in enumerate(
        [
            ("111111111111", "us-east-1"),
            ("111111111111", "eu-west-1"),
            ("222222222222", "us-east-1"),
            ("222222222222", "eu-west-1"),
        ]
    ):
        raw = raw_finding(
            account_id=account,
            region=region,
            instance_id=f"i-{n:017x}",
            updated=BASE_TIME + timedelta(hours=n),
            title=f"SSH brute force {n}",
            finding_type="UnauthorizedAccess:EC2/SSHBruteForce",
        )
        (found[(account, region)],) = store([with_remote_ip(raw, SCANNER_IP)], region)
    return found


def instance_of(finding: Finding) -> str:
    return finding.raw["Resource"]["InstanceDetails"]["InstanceId"]


def on_the_same_host(finding: Finding, title: str) -> Finding:
    """Another finding (stored through ap-southeast-2) on `finding`'s instance and from
    SCANNER_IP: it shares both indicators with `finding`."""
    raw = raw_finding(instance_id=instance_of(finding), title=title)
    (stored,) = store([with_remote_ip(raw, SCANNER_IP)], "ap-southeast-2")
    return stored

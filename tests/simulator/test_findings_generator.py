"""The generator: realistic, varied, deterministic findings in boto3's GetFindings shape."""

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from guardduty_hub.simulator.findings import generate_findings, templates

ACCOUNT, REGION, DETECTOR = "210987654321", "eu-west-1", "0123456789abcdef0123456789abcdef"
END = datetime(2026, 6, 30, tzinfo=UTC)
START = END - timedelta(days=90)
ISO_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def generated(count=3000, seed=42):
    return generate_findings(ACCOUNT, REGION, DETECTOR, count, seed, START, END)


def test_same_seed_same_findings_other_seed_other_findings():
    assert generated(200) == generated(200)
    assert generated(200, seed=1) != generated(200, seed=2)


def test_catalogue_covers_the_families_and_every_band():
    names = [t.name for t in templates.TYPES]
    assert len(set(names)) >= 45
    for family in ("EC2/", "IAMUser/", "S3/", "Kubernetes/", "RDS/", "Lambda/", "Runtime/"):
        assert any(family in n for n in names), family
    assert {"Execution:EC2/MaliciousFile", "Object:S3/MaliciousFile"} <= set(names)
    bands = {templates.band(s) for t in templates.TYPES for s in t.severities}
    assert bands == {"Low", "Medium", "High", "Critical"}
    assert all(
        min(t.severities) >= 9 for t in templates.TYPES if t.name.startswith("AttackSequence:")
    )


def test_findings_look_like_guardduty_findings():
    findings = generated()
    assert len({t for f in findings for t in [f["Type"]]}) >= 45
    assert {templates.band(f["Severity"]) for f in findings} == {
        "Low",
        "Medium",
        "High",
        "Critical",
    }
    for f in findings:
        assert re.fullmatch(r"[0-9a-f]{32}", f["Id"])
        assert f["Arn"] == (
            f"arn:aws:guardduty:{REGION}:{ACCOUNT}:detector/{DETECTOR}/finding/{f['Id']}"
        )
        assert ISO_MS.match(f["CreatedAt"]) and ISO_MS.match(f["UpdatedAt"])
        assert f["CreatedAt"] <= f["UpdatedAt"]
        assert START.isoformat()[:10] <= f["CreatedAt"][:10] <= END.isoformat()[:10]
        assert f["Service"]["DetectorId"] == DETECTOR and f["SchemaVersion"] == "2.0"
        assert "{" not in f["Title"] and "{" not in f["Description"]
    resources = Counter(f["Resource"]["ResourceType"] for f in findings)
    assert {"Instance", "AccessKey", "S3Bucket", "EKSCluster", "RDSDBInstance", "Lambda"} <= set(
        resources
    )
    assert {"ECSCluster", "S3Object", "AttackSequence"} <= set(resources)
    actions = Counter(f["Service"].get("Action", {}).get("ActionType") for f in findings)
    assert {
        "AWS_API_CALL",
        "NETWORK_CONNECTION",
        "PORT_PROBE",
        "DNS_REQUEST",
        "KUBERNETES_API_CALL",
        "RDS_LOGIN_ATTEMPT",
    } <= set(actions)


def test_spread_archived_and_reoccurring():
    findings = generated()
    days = {f["CreatedAt"][:10] for f in findings}
    assert len(days) >= 80
    archived = sum(f["Service"]["Archived"] for f in findings)
    assert 0.05 * len(findings) < archived < 0.3 * len(findings)
    again = [f for f in findings if f["Service"]["Count"] > 1]
    assert len(again) > 0.1 * len(findings)
    assert all(f["CreatedAt"] < f["UpdatedAt"] for f in again)


def test_remote_parties_and_resources_are_detailed():
    findings = generated(600)
    api = next(f for f in findings if f["Service"].get("Action", {}).get("AwsApiCallAction"))
    remote = api["Service"]["Action"]["AwsApiCallAction"]["RemoteIpDetails"]
    assert remote["Country"]["CountryName"] and remote["City"]["CityName"]
    assert remote["Organization"]["Asn"].isdigit() and remote["Organization"]["AsnOrg"]
    instance = next(f for f in findings if f["Resource"]["ResourceType"] == "Instance")
    details = instance["Resource"]["InstanceDetails"]
    assert re.fullmatch(r"i-0[0-9a-f]{16}", details["InstanceId"])
    assert {t["Key"] for t in details["Tags"]} >= {"Name", "Environment"}
    assert details["NetworkInterfaces"][0]["NetworkInterfaceId"].startswith("eni-")
    key = next(f for f in findings if f["Resource"]["ResourceType"] == "AccessKey")
    assert re.fullmatch(r"A[KS]IA[A-Z2-7]{16}", key["Resource"]["AccessKeyDetails"]["AccessKeyId"])

"""The mapper on the project's own fixtures (tests/findings/fixtures/, written for the hub)."""

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.mapping import (
    EPOCH,
    NotAFinding,
    finding_from_guardduty,
    split_finding_type,
)

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


# What each fixture maps to, column by column.
EXPECTED = {
    "boto3_instance.json": {
        "guardduty_id": "f00dfeedf00dfeedf00dfeedf00dfeed",
        "account_id": "111122223333",
        "region": "eu-west-1",
        "detector_id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        "threat_purpose": "Recon",
        "resource_type_affected": "EC2",
        "threat_family": "PortProbeUnprotectedPort",
        "severity": 5.0,
        "severity_band": SeverityBand.MEDIUM,
        "resource_type": "Instance",
        "resource_id": "i-0abc1234def567890",
        "action_type": "PORT_PROBE",
        "created_at": datetime(2025, 3, 1, 8, 0, 0, 120000, tzinfo=UTC),
        "updated_at": datetime(2025, 3, 2, 10, 31, tzinfo=UTC),
        "first_seen_at": datetime(2025, 3, 1, 7, 59, tzinfo=UTC),
        "last_seen_at": datetime(2025, 3, 2, 10, 30, 0, 500000, tzinfo=UTC),
        "count": 7,
        "archived": True,
        "feedback": "NOT_USEFUL",
        "is_sample": True,
    },
    # An EventBridge envelope, with numeric and string epochs.
    "eventbridge_lambda.json": {
        "guardduty_id": "aaaa0000bbbb1111cccc2222dddd3333",
        "resource_type": "Lambda",
        "resource_id": "invoice-exporter",
        "severity_band": SeverityBand.CRITICAL,
        "created_at": datetime(2025, 4, 10, 12, 0, tzinfo=UTC),
        "updated_at": datetime(2025, 4, 10, 12, 0, 5, tzinfo=UTC),
        "last_seen_at": datetime(2025, 4, 10, 12, 0, 5, 123000, tzinfo=UTC),
        "count": 3,
        "archived": False,
        "is_sample": False,
    },
    # A minimal finding with junk values is stored as far as possible.
    "minimal.json": {
        "type": "${FINDING_TYPE}",
        "threat_purpose": "",
        "resource_type_affected": "",
        "threat_family": "",
        "severity": 0.0,
        "severity_band": SeverityBand.LOW,
        # No Region member: the ARN's region stands in; nanosecond timestamps are cut to micro.
        "region": "ap-south-1",
        "detector_id": "deadbeefdeadbeefdeadbeefdeadbeef",
        "updated_at": datetime(2025, 2, 25, 20, 40, 6, tzinfo=UTC),
        "created_at": None,
        "resource_type": "",
        "resource_id": "",
        "count": 1,
        "archived": False,
    },
    # An unknown resource kind still yields an identifier.
    "unknown_resource.json": {
        "resource_type": "QuantumWidget",
        "resource_id": "qw-42",
        "threat_family": "Entanglement",
        "severity_band": SeverityBand.CRITICAL,
        # Offsets other than Z are converted to UTC.
        "updated_at": datetime(2025, 5, 5, 3, 5, 5, tzinfo=UTC),
    },
}


@pytest.mark.parametrize(("fixture", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_fixture_maps_to_its_columns(fixture, expected):
    values = finding_from_guardduty(load(fixture))
    found = {column: getattr(values, column) for column in expected}
    assert found == expected
    # Flags are booleans, not merely equal to one (1 == True).
    assert all(found[c] is v for c, v in expected.items() if isinstance(v, bool))


def test_wire_shape_gives_identical_values_except_the_raw_copy():
    boto3_values = finding_from_guardduty(load("boto3_instance.json"))
    wire_values = finding_from_guardduty(load("wire_instance.json"))
    assert replace(wire_values, raw={}) == replace(boto3_values, raw={})


def test_eventbridge_envelope_is_not_kept_in_the_raw_copy():
    assert "detail-type" not in finding_from_guardduty(load("eventbridge_lambda.json")).raw


def test_finding_without_any_time_orders_before_every_timed_copy():
    values = finding_from_guardduty({"Id": "x", "Type": "Policy:S3/Thing", "Severity": 2})
    assert values.updated_at == EPOCH


@pytest.mark.parametrize("bad", [{}, {"Id": ""}, [], "text", {"detail-type": "x", "detail": {}}])
def test_input_without_an_id_is_refused(bad):
    with pytest.raises(NotAFinding):
        finding_from_guardduty(bad)


@pytest.mark.parametrize(
    ("severity", "band"),
    [
        (0.0, SeverityBand.LOW),
        (3.9, SeverityBand.LOW),
        (3.99, SeverityBand.LOW),
        (4, SeverityBand.MEDIUM),
        (6.99, SeverityBand.MEDIUM),
        (7.0, SeverityBand.HIGH),
        (8.9, SeverityBand.HIGH),
        (8.999, SeverityBand.HIGH),
        (9, SeverityBand.CRITICAL),
        (10.0, SeverityBand.CRITICAL),
    ],
)
def test_severity_bands_are_half_open(severity, band):
    values = finding_from_guardduty({"Id": "x", "Type": "T:E/F", "Severity": severity})
    assert values.severity_band == band


@pytest.mark.parametrize(
    ("type_", "parts"),
    [
        ("Backdoor:EC2/C&CActivity.B!DNS", ("Backdoor", "EC2", "C&CActivity")),
        (
            "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
            ("UnauthorizedAccess", "IAMUser", "InstanceCredentialExfiltration"),
        ),
        ("Trojan:EC2/DNSDataExfiltration!DNS", ("Trojan", "EC2", "DNSDataExfiltration")),
        (
            "AttackSequence:IAM/CompromisedCredentials",
            ("AttackSequence", "IAM", "CompromisedCredentials"),
        ),
        ("Policy:S3", ("Policy", "S3", "")),
        ("nonsense", ("", "", "")),
    ],
)
def test_finding_type_parts(type_, parts):
    assert split_finding_type(type_) == parts


def test_long_hostile_strings_are_cut_to_the_columns():
    raw = {
        "Id": "a" * 1000,
        "Type": "X:" + "Y" * 500,
        "Severity": 1,
        "Resource": {
            "ResourceType": "S3Bucket",
            "S3BucketDetails": [{"Name": "b" * 400}, {"Name": "c" * 400}],
        },
    }
    values = finding_from_guardduty(raw)
    assert len(values.guardduty_id) == 300
    assert len(values.type) == 128
    assert len(values.resource_id) == 512


def test_additional_info_as_json_string_and_mixed_forms_detect_samples():
    for info in (
        '{"sample": true}',
        {"Value": '{"sample":true}', "Type": "default"},
        {"sample": True, "type": "default", "value": '{"sample":true}'},
        {"sample": "true"},
    ):
        raw = {"Id": "x", "Type": "T:E/F", "Severity": 1, "Service": {"AdditionalInfo": info}}
        assert finding_from_guardduty(raw).is_sample, info
    raw = {"Id": "x", "Type": "T:E/F", "Severity": 1, "Service": {"AdditionalInfo": "not json"}}
    assert not finding_from_guardduty(raw).is_sample

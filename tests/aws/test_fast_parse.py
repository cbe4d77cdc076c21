"""The hub's rest-json parser (aws/fast_parse.py) gives exactly what botocore's gives.

Compared value by value AND type by type on GetFindings pages: generated findings of every
template, real findings ($GDH_SHARED_FINDINGS, when present), and odd input (unknown members,
nulls in structures and lists, numbers and booleans as strings).
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from botocore.parsers import RestJSONParser
from botocore.session import get_session
from dateutil.tz import tzlocal

from guardduty_hub.aws import AccountAccess, clients, gateway, reset_caches
from guardduty_hub.aws.fast_parse import FastResponseParserFactory, FastRestJSONParser
from guardduty_hub.simulator.findings import api as sim_findings
from guardduty_hub.simulator.findings.convert import to_wire
from guardduty_hub.simulator.findings.generate import generate_findings
from tests.fixtures.services import need

OPERATIONS = get_session().get_service_model("guardduty")


def parse_both(operation: str, body: dict) -> tuple[dict, dict]:
    shape = OPERATIONS.operation_model(operation).output_shape
    response = {
        "body": json.dumps(body).encode(),
        "headers": {"content-type": "application/json", "x-amzn-requestid": "r-1"},
        "status_code": 200,
    }
    return RestJSONParser().parse(dict(response), shape), FastRestJSONParser().parse(
        dict(response), shape
    )


def assert_identical(expected, actual, path="$"):
    assert type(actual) is type(expected), f"{path}: {type(actual)} != {type(expected)}"
    if isinstance(expected, dict):
        assert actual.keys() == expected.keys(), path
        for key in expected:
            assert_identical(expected[key], actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), path
        for n, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_identical(e, a, f"{path}[{n}]")
    elif isinstance(expected, datetime):
        # The same instant; epoch numbers in UTC where botocore uses the machine's zone
        # (fast_parse's one deliberate difference), otherwise the same kind of tzinfo.
        assert actual == expected, path
        allowed = {repr(expected.tzinfo)}
        if isinstance(expected.tzinfo, tzlocal):
            allowed.add("tzutc()")
        assert repr(actual.tzinfo) in allowed, path
    else:
        assert actual == expected, path


def test_generated_findings_of_every_template_parse_identically():
    raws = generate_findings("123456789012", "us-east-1", "d" * 32, 400, seed=7)
    wire = [to_wire(raw) for raw in raws]
    for start in range(0, len(wire), 50):
        expected, actual = parse_both("GetFindings", {"findings": wire[start : start + 50]})
        assert len(expected["Findings"]) == len(wire[start : start + 50])
        assert_identical(expected, actual)


def test_real_findings_parse_identically():
    folder = os.environ.get("GDH_SHARED_FINDINGS", "")
    need(bool(folder), "GDH_SHARED_FINDINGS is not set: the real findings samples are not here")
    path = Path(folder) / "getfindings.jsonl"
    need(path.is_file(), f"no getfindings.jsonl in {folder}")
    raws = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    expected, actual = parse_both("GetFindings", {"findings": [to_wire(r) for r in raws]})
    assert len(expected["Findings"]) == len(raws)
    assert_identical(expected, actual)


def test_odd_input_parses_identically():
    finding = to_wire(generate_findings("123456789012", "us-east-1", "d" * 32, 1, seed=1)[0])
    finding["brandNewMember"] = {"x": [1, None]}
    finding["title"] = None
    finding["severity"] = "7"
    finding["service"]["archived"] = "true"
    finding["service"]["count"] = "3"
    finding["resource"]["instanceDetails"] = {
        "networkInterfaces": [None, {"privateIpAddress": None}]
    }
    finding["service"]["ebsVolumeScanDetails"] = {"scanStartedAt": 1700000000.5}
    expected, actual = parse_both("GetFindings", {"findings": [finding, None], "extra": 1})
    assert_identical(expected, actual)
    assert actual["Findings"][0]["Service"]["EbsVolumeScanDetails"]["ScanStartedAt"] == (
        datetime.fromtimestamp(1700000000.5, UTC)
    )


@pytest.mark.parametrize(
    "value",
    [
        1700000000,
        1700000000.5,
        1700000000.123456,
        0,
        "1700000000",
        "2024-02-29T23:59:59Z",
        "2024-02-29T23:59:59.123Z",
        "2024-02-29T23:59:59.123456Z",
        "2024-02-29T23:59:59.1234567Z",
        "2024-02-29T23:59:59+02:00",
        "2024-02-29 23:59:59",
        "Thu, 29 Feb 2024 23:59:59 GMT",
    ],
)
def test_timestamps_parse_identically(value):
    body = {
        "findings": [{"id": "f", "service": {"ebsVolumeScanDetails": {"scanStartedAt": value}}}]
    }
    assert_identical(*parse_both("GetFindings", body))


def test_a_junk_timestamp_fails_as_in_botocore():
    body = {"findings": [{"id": "f", "service": {"ebsVolumeScanDetails": {"scanStartedAt": "x"}}}]}
    with pytest.raises(ValueError, match="Invalid timestamp"):
        RestJSONParser().parse(
            response_of(body), OPERATIONS.operation_model("GetFindings").output_shape
        )
    with pytest.raises(ValueError, match="Invalid timestamp"):
        FastRestJSONParser().parse(
            response_of(body), OPERATIONS.operation_model("GetFindings").output_shape
        )


@pytest.mark.parametrize(
    "body",
    [
        b'{"findingIds": ["a"], "nextToken": "t", "big": 123456789012345678901234567890}',
        b'{"findingIds": ["a"], "nan": NaN}',
        b"<html>a proxy's error page</html>",
        b"",
    ],
)
def test_bodies_orjson_refuses_fall_back_to_botocore(body):
    shape = OPERATIONS.operation_model("ListFindings").output_shape
    expected = RestJSONParser().parse(response_of(body), shape)
    actual = FastRestJSONParser().parse(response_of(body), shape)
    assert_identical(expected, actual)


def response_of(body) -> dict:
    return {
        "body": body if isinstance(body, bytes) else json.dumps(body).encode(),
        "headers": {"content-type": "application/json", "x-amzn-requestid": "r-1"},
        "status_code": 200,
    }


def test_other_operations_parse_identically():
    body = {"findingIds": ["a", "b"], "nextToken": "t"}
    assert_identical(*parse_both("ListFindings", body))
    body = {"findingStatistics": {"countBySeverity": {"5.0": 3}, "groupedByDate": []}}
    assert_identical(*parse_both("GetFindingsStatistics", body))


@pytest.mark.usefixtures("aws")
def test_hub_guardduty_clients_use_it_and_sts_keeps_botocores(hub):
    gd = clients.guardduty(hub, "us-east-1")
    assert isinstance(gd._endpoint._response_parser_factory, FastResponseParserFactory)
    assert gd.list_detectors()["DetectorIds"] == []
    parser = gd._endpoint._response_parser_factory.create_parser("query")
    assert not isinstance(parser, FastRestJSONParser)


@pytest.mark.usefixtures("gd_sim")
def test_aws_fast_parse_false_falls_back_to_botocores_parser(settings):
    """The documented escape hatch: one setting, botocore's own parser, the same findings."""
    admin = AccountAccess("123456789012", use_hub_credentials=True)
    detector = gateway.ensure_detector(admin, "eu-west-1")
    ids = sim_findings.populate(admin.account_id, "eu-west-1", 60, seed=3)
    fast = gateway.get_findings(admin, "eu-west-1", detector, ids)

    settings.AWS_FAST_PARSE = False
    reset_caches()  # sessions are made once per process; the setting applies to new ones
    gd = clients.guardduty(admin, "eu-west-1")
    assert not isinstance(gd._endpoint._response_parser_factory, FastResponseParserFactory)
    assert type(gd._endpoint._response_parser_factory.create_parser("rest-json")) is (
        RestJSONParser
    )
    slow = gateway.get_findings(admin, "eu-west-1", detector, ids)
    assert len(slow) == len(ids) == 60
    for botocore_parsed, ours in zip(slow, fast, strict=True):
        assert_identical(botocore_parsed, ours)

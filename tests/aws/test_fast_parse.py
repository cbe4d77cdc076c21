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

from guardduty_hub.aws import clients
from guardduty_hub.aws.fast_parse import FastResponseParserFactory, FastRestJSONParser
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

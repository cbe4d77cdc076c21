"""ListFindings: FindingCriteria operators (current and deprecated), sorting, paging, limits."""

import os
from datetime import UTC, datetime

import boto3
import pytest
from moto import mock_aws

from guardduty_hub.simulator import install
from guardduty_hub.simulator.findings import load_findings
from tests.simulator.conftest import ADMIN, refused
from tests.simulator.findings_support import REGION, access_key, all_ids, fid, finding


def ms(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000)


FINDINGS = [
    finding("1", created="2026-01-01T08:00:00.000Z", updated="2026-01-01T09:00:00.000Z"),
    finding(
        "2",
        type_="UnauthorizedAccess:EC2/SSHBruteForce",
        severity=5.0,
        created="2026-01-05T00:00:00.000Z",
        updated="2026-02-01T00:00:00.000Z",
        archived=True,
        count=7,
    ),
    finding(
        "3",
        type_="Backdoor:EC2/C&CActivity.B!DNS",
        severity=8.7,
        created="2026-01-10T00:00:00.000Z",
        updated="2026-01-10T12:00:00.000Z",
        role="ACTOR",
    ),
    finding(
        "4",
        account="210987654321",
        region="us-west-2",
        type_="Discovery:IAMUser/AnomalousBehavior",
        severity=5.5,
        created="2026-01-03T00:00:00.000Z",
        updated="2026-01-03T00:00:00.000Z",
        resource=access_key("AKIAEXAMPLEKEY000004"),
    ),
    finding(
        "5",
        type_="AttackSequence:IAM/CompromisedCredentials",
        severity=9.0,
        created="2026-02-10T00:00:00.000Z",
        updated="2026-02-10T00:00:00.000Z",
        resource={"ResourceType": "AttackSequence"},
    ),
]


@pytest.fixture(scope="module")
def listed():
    """Read-only tests share one simulator (a boto3 client per test would dominate the time)."""
    with pytest.MonkeyPatch.context() as env, mock_aws():
        for name in [n for n in os.environ if n.startswith("AWS_ENDPOINT_URL")]:
            env.delenv(name)
        install()
        gd = boto3.client("guardduty", region_name=REGION)
        detector = gd.create_detector(Enable=True)["DetectorId"]
        load_findings(ADMIN, REGION, FINDINGS)
        yield _runner(gd, detector)


def _runner(gd, detector):

    def run(criterion=None, **kwargs):
        if criterion is not None:
            kwargs["FindingCriteria"] = {"Criterion": criterion}
        return sorted(i.lstrip("0") for i in all_ids(gd, detector, **kwargs))

    run.gd, run.detector = gd, detector
    return run


CASES = [
    ({"accountId": {"Equals": ["210987654321"]}}, "4"),
    ({"accountId": {"NotEquals": ["210987654321"]}}, "1235"),
    ({"region": {"Eq": ["us-west-2"]}}, "4"),
    ({"id": {"Equals": [fid("3")]}}, "3"),
    (
        {
            "type": {
                "Equals": [
                    "Recon:EC2/PortProbeUnprotectedPort",
                    "UnauthorizedAccess:EC2/SSHBruteForce",
                ]
            }
        },
        "12",
    ),
    ({"type": {"Neq": ["Recon:EC2/PortProbeUnprotectedPort"]}}, "2345"),
    ({"severity": {"GreaterThanOrEqual": 7}}, "35"),
    ({"severity": {"GreaterThan": 8}}, "35"),
    ({"severity": {"Gt": 5}}, "345"),
    ({"severity": {"Gte": 9}}, "5"),
    ({"severity": {"Lt": 5}}, "1"),
    ({"severity": {"Lte": 5}}, "12"),
    ({"severity": {"LessThan": 9}}, "1234"),
    ({"severity": {"LessThanOrEqual": 5}}, "12"),
    # Equals on a number matches its integer part: the documented way to ask for a band.
    ({"severity": {"Equals": ["8"]}}, "3"),
    ({"severity": {"Equals": ["4", "5", "6"]}}, "24"),
    ({"severity": {"GreaterThanOrEqual": 2, "LessThan": 6}}, "124"),
    ({"updatedAt": {"GreaterThanOrEqual": ms("2026-01-10T00:00:00")}}, "235"),
    ({"updatedAt": {"LessThan": ms("2026-01-03T00:00:00")}}, "1"),
    ({"createdAt": {"LessThan": ms("2026-01-05T00:00:00")}}, "14"),
    ({"createdAt": {"Equals": [str(ms("2026-02-10T00:00:00"))]}}, "5"),
    ({"service.archived": {"Equals": ["true"]}}, "2"),
    ({"service.archived": {"Equals": ["false"]}}, "1345"),
    ({"service.count": {"GreaterThan": 1}}, "2"),
    ({"service.count": {"Equals": ["1"]}}, "1345"),
    ({"resource.resourceType": {"Equals": ["AccessKey", "AttackSequence"]}}, "45"),
    ({"service.resourceRole": {"Equals": ["ACTOR"]}}, "3"),
    ({"resource.instanceDetails.instanceId": {"Equals": ["i-00000000000000001"]}}, "1"),
    ({"resource.accessKeyDetails.accessKeyId": {"Equals": ["AKIAEXAMPLEKEY000004"]}}, "4"),
    ({"resource.accessKeyDetails.accessKeyId": {"NotEquals": ["AKIAEXAMPLEKEY000004"]}}, "1235"),
    # Different attributes AND together.
    (
        {
            "type": {
                "Equals": [
                    "Recon:EC2/PortProbeUnprotectedPort",
                    "UnauthorizedAccess:EC2/SSHBruteForce",
                ]
            },
            "service.archived": {"Equals": ["false"]},
        },
        "1",
    ),
]


@pytest.mark.parametrize(("criterion", "expected"), CASES, ids=[str(c) for c, _ in CASES])
def test_criterion_selects_exactly(listed, criterion, expected):
    assert listed(criterion) == sorted(expected)


def test_no_criteria_lists_everything(listed):
    assert listed() == list("12345")


@pytest.mark.parametrize(
    ("attribute", "order", "expected"),
    [
        ("severity", "DESC", "53421"),
        ("severity", "ASC", "12435"),
        ("updatedAt", "ASC", "14325"),
        ("createdAt", "DESC", "53241"),
        ("accountId", "DESC", "41235"),
    ],
)
def test_sort_criteria(listed, attribute, order, expected):
    ids = all_ids(
        listed.gd, listed.detector, SortCriteria={"AttributeName": attribute, "OrderBy": order}
    )
    assert [i.lstrip("0") for i in ids] == list(expected)


def test_pages_end_with_an_empty_token(listed):
    gd, detector = listed.gd, listed.detector
    sort = {"AttributeName": "severity", "OrderBy": "ASC"}
    first = gd.list_findings(DetectorId=detector, MaxResults=2, SortCriteria=sort)
    second = gd.list_findings(DetectorId=detector, MaxResults=2, NextToken=first["NextToken"])
    third = gd.list_findings(DetectorId=detector, MaxResults=2, NextToken=second["NextToken"])
    pages = [first["FindingIds"], second["FindingIds"], third["FindingIds"]]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [i.lstrip("0") for p in pages for i in p] == list("12435")
    assert first["NextToken"] and second["NextToken"]
    assert third["NextToken"] == ""


def test_single_page_has_an_empty_token(listed):
    result = listed.gd.list_findings(DetectorId=listed.detector)
    assert len(result["FindingIds"]) == 5
    assert result["NextToken"] == ""


def test_limits_are_enforced_by_the_server(listed):
    gd, detector = listed.gd, listed.detector
    refused(gd.list_findings, DetectorId=detector, MaxResults=51)
    refused(gd.list_findings, DetectorId=detector, NextToken="not-a-token")
    many_values = {"type": {"Equals": [f"T{n}" for n in range(51)]}}
    refused(gd.list_findings, DetectorId=detector, FindingCriteria={"Criterion": many_values})
    many_attributes = {f"service.additionalInfo.k{n}": {"Equals": ["x"]} for n in range(51)}
    refused(gd.list_findings, DetectorId=detector, FindingCriteria={"Criterion": many_attributes})
    # Matches/NotMatches belong to filters only.
    refused(
        gd.list_findings,
        DetectorId=detector,
        FindingCriteria={"Criterion": {"type": {"Matches": ["Recon:*"]}}},
    )
    message = refused(gd.list_findings, DetectorId="f" * 32)
    assert "not owned by the current account" in message


def test_get_findings_returns_known_ids_only_and_sorts(listed):
    gd, detector = listed.gd, listed.detector
    found = gd.get_findings(
        DetectorId=detector,
        FindingIds=[fid("3"), "e" * 32, fid("1")],
        SortCriteria={"AttributeName": "severity", "OrderBy": "DESC"},
    )["Findings"]
    assert [f["Id"] for f in found] == [fid("3"), fid("1")]
    assert found[0]["Severity"] == 8.7 and found[0]["Service"]["ResourceRole"] == "ACTOR"
    message = refused(gd.get_findings, DetectorId=detector, FindingIds=["a" * 32] * 51)
    assert "Max allowed length is 50" in message

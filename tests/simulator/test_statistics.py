"""GetFindingsStatistics: every GroupBy with OrderBy/MaxResults, and COUNT_BY_SEVERITY."""

from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator.findings import load_findings
from tests.simulator.conftest import ADMIN, MEMBER, add_member
from tests.simulator.findings_support import REGION, access_key, finding


@pytest.fixture
def stats(gd_sim):
    add_member(gd_sim)
    load_findings(
        ADMIN,
        REGION,
        [
            finding(
                "1",
                severity=2.0,
                updated="2026-01-01T10:00:00.000Z",
                created="2026-01-01T10:00:00.000Z",
            ),
            finding(
                "2",
                severity=8.0,
                updated="2026-01-03T10:00:00.000Z",
                created="2026-01-01T11:00:00.000Z",
                archived=True,
            ),
            finding(
                "3",
                severity=8.0,
                type_="Backdoor:EC2/C&CActivity.B!DNS",
                updated="2026-01-02T10:00:00.000Z",
                created="2026-01-02T10:00:00.000Z",
                resource=access_key("AKIAEXAMPLE000000003"),
            ),
        ],
    )
    load_findings(MEMBER, REGION, [finding("4", account=MEMBER, severity=5.0)])
    gd, detector = gd_sim.guardduty(), gd_sim.detector()

    def run(**kwargs):
        return gd.get_findings_statistics(DetectorId=detector, **kwargs)["FindingStatistics"]

    run.gd, run.detector = gd, detector
    return run


def test_group_by_account_covers_members(stats):
    rows = stats(GroupBy="ACCOUNT")["GroupedByAccount"]
    assert [(r["AccountId"], r["TotalFindings"]) for r in rows] == [(ADMIN, 3), (MEMBER, 1)]
    assert rows[0]["LastGeneratedAt"] == datetime(2026, 1, 3, 10, tzinfo=UTC)


def test_group_by_severity_and_order(stats):
    rows = stats(GroupBy="SEVERITY", OrderBy="DESC")["GroupedBySeverity"]
    assert (rows[0]["Severity"], rows[0]["TotalFindings"]) == (8.0, 2)
    rows = stats(GroupBy="SEVERITY", OrderBy="ASC", MaxResults=1)["GroupedBySeverity"]
    assert len(rows) == 1 and rows[0]["TotalFindings"] == 1


def test_group_by_finding_type_with_criteria(stats):
    active = {"Criterion": {"service.archived": {"Equals": ["false"]}}}
    rows = stats(GroupBy="FINDING_TYPE", FindingCriteria=active)["GroupedByFindingType"]
    assert {r["FindingType"]: r["TotalFindings"] for r in rows} == {
        "Recon:EC2/PortProbeUnprotectedPort": 2,
        "Backdoor:EC2/C&CActivity.B!DNS": 1,
    }


def test_group_by_date_carries_the_highest_severity(stats):
    rows = stats(GroupBy="DATE")["GroupedByDate"]
    by_day = {r["Date"].astimezone(UTC).date().isoformat(): r for r in rows}
    assert by_day["2026-01-01"]["TotalFindings"] == 2
    assert by_day["2026-01-01"]["Severity"] == 8.0


def test_group_by_resource(stats):
    rows = stats(GroupBy="RESOURCE")["GroupedByResource"]
    resources = {(r["AccountId"], r["ResourceId"], r["ResourceType"]) for r in rows}
    assert (ADMIN, "AKIAEXAMPLE000000003", "AccessKey") in resources
    assert (MEMBER, "i-00000000000000004", "Instance") in resources


def test_deprecated_count_by_severity(stats):
    counts = stats(FindingStatisticTypes=["COUNT_BY_SEVERITY"])["CountBySeverity"]
    assert counts == {"2.0": 1, "5.0": 1, "8.0": 2}


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"GroupBy": "ACCOUNT", "FindingStatisticTypes": ["COUNT_BY_SEVERITY"]},
        {"GroupBy": "ACCOUNT", "MaxResults": 101},
    ],
)
def test_invalid_requests(stats, kwargs):
    with pytest.raises(ClientError) as caught:
        stats(**kwargs)
    assert caught.value.response["Error"]["Code"] == "BadRequestException"

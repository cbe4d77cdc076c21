"""100,000 findings in one account and region: ListFindings filters and sorts once, then pages
are slices of the kept list (counted: the criteria run over each finding exactly once).

The criteria pick the 10,000 archived findings: 200 pages, each of which would re-filter all
100,000 findings without the kept list (20 million evaluations instead of 100,000)."""

from guardduty_hub.simulator.findings import load_wire_findings
from guardduty_hub.simulator.findings.criteria import Stats
from tests.simulator.conftest import ADMIN
from tests.simulator.findings_support import REGION

TOTAL = 100_000


def wire_finding(n: int, detector: str) -> dict:
    finding_id = f"{n:032x}"
    return {
        "accountId": ADMIN,
        "arn": f"arn:aws:guardduty:{REGION}:{ADMIN}:detector/{detector}/finding/{finding_id}",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "id": finding_id,
        "region": REGION,
        "resource": {"resourceType": "Instance"},
        "schemaVersion": "2.0",
        "service": {"archived": n % 10 == 0, "count": 1, "detectorId": detector},
        "severity": float(n % 9 + 1),
        "type": "Recon:EC2/PortProbeUnprotectedPort",
        # Seconds spread over a day, so the sort has real work to do.
        "updatedAt": f"2026-01-02T{(n * 7919) % 86400 // 3600:02d}:"
        f"{(n * 7919) % 3600 // 60:02d}:{(n * 7919) % 60:02d}.000Z",
    }


def test_paging_100k_findings_filters_once(gd_sim):
    gd = gd_sim.guardduty()
    detector = gd_sim.detector()
    load_wire_findings(ADMIN, REGION, (wire_finding(n, detector) for n in range(TOTAL)))
    archived = TOTAL // 10

    before = Stats.evaluations
    seen: list[str] = []
    pages = 0
    token = None
    while True:
        kwargs = {"NextToken": token} if token else {}
        page = gd.list_findings(
            DetectorId=detector,
            FindingCriteria={"Criterion": {"service.archived": {"Equals": ["true"]}}},
            SortCriteria={"AttributeName": "updatedAt", "OrderBy": "ASC"},
            MaxResults=50,
            **kwargs,
        )
        seen.extend(page["FindingIds"])
        pages += 1
        token = page["NextToken"]
        if not token:
            break

    assert pages == archived // 50
    assert len(seen) == len(set(seen)) == archived
    # One pass of the criteria over the findings, not one per page.
    assert Stats.evaluations - before == TOTAL
    first = gd.get_findings(DetectorId=detector, FindingIds=seen[:1])["Findings"][0]
    last = gd.get_findings(DetectorId=detector, FindingIds=seen[-1:])["Findings"][0]
    assert first["UpdatedAt"] <= last["UpdatedAt"]
    assert first["Service"]["Archived"] and last["Service"]["Archived"]

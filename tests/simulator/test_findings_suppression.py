"""Suppression rules: ARCHIVE filters archive new matching findings, which are never published."""

import pytest

from guardduty_hub.simulator.findings import advance_activity, load_findings
from tests.simulator.conftest import ADMIN, MEMBER, add_member
from tests.simulator.findings_support import REGION, all_ids, fid, finding
from tests.simulator.test_eventbridge import queue_for_findings

NOISY = "Recon:EC2/PortProbeUnprotectedPort"


@pytest.fixture
def suppressed(gd_sim):
    add_member(gd_sim)
    load_findings(MEMBER, REGION, [finding("1", account=MEMBER, type_=NOISY)])  # before the rule
    gd_sim.guardduty().create_filter(
        DetectorId=gd_sim.detector(),
        Name="suppress-port-probes",
        Action="ARCHIVE",
        Rank=1,
        FindingCriteria={"Criterion": {"type": {"Equals": [NOISY]}}},
    )
    gd_sim.guardduty().create_filter(
        DetectorId=gd_sim.detector(),
        Name="only-a-saved-view",
        Action="NOOP",
        FindingCriteria={"Criterion": {"severity": {"GreaterThanOrEqual": 1}}},
    )
    return queue_for_findings(gd_sim, ADMIN), queue_for_findings(gd_sim, MEMBER)


def archived_ids(sim):
    criteria = {"Criterion": {"service.archived": {"Equals": ["true"]}}}
    return all_ids(sim.guardduty(), sim.detector(), FindingCriteria=criteria)


def test_admin_rule_archives_new_member_findings_silently(gd_sim, suppressed):
    admin_queue, member_queue = suppressed
    load_findings(
        MEMBER,
        REGION,
        [
            finding("2", account=MEMBER, type_=NOISY),
            finding("3", account=MEMBER, type_="Backdoor:EC2/C&CActivity.B!DNS", severity=8.0),
        ],
        publish=True,
    )
    # The rule works on new findings only: "1" arrived before it.
    assert archived_ids(gd_sim) == [fid("2")]
    for drain in (admin_queue, member_queue):
        assert [e["detail"]["id"] for e in drain()] == [fid("3")]


def test_a_suppressed_finding_stays_silent_when_it_reoccurs(gd_sim, suppressed):
    _, member_queue = suppressed
    load_findings(MEMBER, REGION, [finding("2", account=MEMBER, type_=NOISY)], publish=True)
    for _ in range(3):
        advance_activity(MEMBER, REGION, seed=5, new=0, reoccur=2)
    published = {e["detail"]["id"] for e in member_queue()}
    assert fid("2") not in published
    assert fid("1") in published  # archived by nobody, so its re-occurrences are published


def test_member_rule_with_matches_pattern(gd_sim):
    detector = gd_sim.detector()
    gd_sim.guardduty().create_filter(
        DetectorId=detector,
        Name="recon-anything",
        Action="ARCHIVE",
        FindingCriteria={"Criterion": {"type": {"Matches": ["Recon:*"]}}},
    )
    load_findings(ADMIN, REGION, [finding("5", type_=NOISY), finding("6", type_="Trojan:EC2/X")])
    assert archived_ids(gd_sim) == [fid("5")]

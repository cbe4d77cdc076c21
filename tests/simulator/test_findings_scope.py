"""Who sees and changes which findings: administrator vs member, region by region."""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator.findings import (
    advance_activity,
    findings_of,
    generate_findings,
    load_findings,
)
from tests.simulator.conftest import ADMIN, MEMBER, add_member
from tests.simulator.findings_support import REGION, all_ids, fid, finding

WEST = "us-west-2"


@pytest.fixture
def world(gd_sim):
    """ADMIN with MEMBER associated in us-east-1 only; findings in both regions."""
    add_member(gd_sim)
    load_findings(ADMIN, REGION, [finding("a1")])
    load_findings(MEMBER, REGION, [finding("m1", account=MEMBER), finding("m2", account=MEMBER)])
    load_findings(MEMBER, WEST, [finding("m3", account=MEMBER, region=WEST)])
    return gd_sim


def ids_seen(sim, account=None, region=REGION):
    gd = sim.guardduty(account, region)
    return sorted(i.lstrip("0") for i in all_ids(gd, sim.detector(account, region)))


def test_admin_sees_its_own_and_associated_members_findings_in_the_region(world):
    assert ids_seen(world) == ["a1", "m1", "m2"]
    assert ids_seen(world, region=WEST) == []
    assert ids_seen(world, MEMBER) == ["m1", "m2"]
    assert ids_seen(world, MEMBER, WEST) == ["m3"]
    admin = world.guardduty()
    found = admin.get_findings(DetectorId=world.detector(), FindingIds=[fid("m1"), fid("m3")])
    assert [f["AccountId"] for f in found["Findings"]] == [MEMBER]
    member = world.guardduty(MEMBER)
    found = member.get_findings(DetectorId=world.detector(MEMBER), FindingIds=[fid("a1")])
    assert found["Findings"] == []


def stop_monitoring(sim):
    sim.guardduty().stop_monitoring_members(DetectorId=sim.detector(), AccountIds=[MEMBER])


def test_a_disabled_member_stays_visible_but_generates_nothing(world):
    stop_monitoring(world)
    assert ids_seen(world) == ["a1", "m1", "m2"]
    assert advance_activity(MEMBER, REGION, seed=1, new=3, reoccur=1) == {
        "new": [],
        "reoccurred": [],
    }
    assert len(advance_activity(ADMIN, REGION, seed=1, new=3, reoccur=0)["new"]) == 3
    world.guardduty().start_monitoring_members(DetectorId=world.detector(), AccountIds=[MEMBER])
    assert len(advance_activity(MEMBER, REGION, seed=1, new=2, reoccur=0)["new"]) == 2


def rejected(call, **kwargs):
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert caught.value.response["Error"]["Code"] == "BadRequestException"
    return caught.value.response["Error"]["Message"]


def test_a_member_cannot_archive_nor_unarchive(world):
    member, detector = world.guardduty(MEMBER), world.detector(MEMBER)
    message = rejected(member.archive_findings, DetectorId=detector, FindingIds=[fid("m1")])
    assert "administrator" in message
    rejected(member.unarchive_findings, DetectorId=detector, FindingIds=[fid("m1")])
    found = member.get_findings(DetectorId=detector, FindingIds=[fid("m1")])["Findings"][0]
    assert found["Service"]["Archived"] is False


def test_admin_archives_member_findings_without_moving_updated_at(world):
    admin, detector = world.guardduty(), world.detector()
    before = admin.get_findings(DetectorId=detector, FindingIds=[fid("m1")])["Findings"][0]
    admin.archive_findings(DetectorId=detector, FindingIds=[fid("m1"), fid("a1"), "e" * 32])
    member = world.guardduty(MEMBER)
    seen = member.get_findings(DetectorId=world.detector(MEMBER), FindingIds=[fid("m1")])
    after = seen["Findings"][0]
    assert after["Service"]["Archived"] is True
    assert after["UpdatedAt"] == before["UpdatedAt"]
    archived = {"Criterion": {"service.archived": {"Equals": ["true"]}}}
    assert sorted(all_ids(admin, detector, FindingCriteria=archived)) == [fid("a1"), fid("m1")]
    admin.unarchive_findings(DetectorId=detector, FindingIds=[fid("m1")])
    assert all_ids(admin, detector, FindingCriteria=archived) == [fid("a1")]
    rejected(admin.archive_findings, DetectorId=detector, FindingIds=[fid("a1")] * 51)


def test_feedback_is_recorded_without_moving_updated_at(world):
    member, detector = world.guardduty(MEMBER), world.detector(MEMBER)
    before = member.get_findings(DetectorId=detector, FindingIds=[fid("m2")])["Findings"][0]
    member.update_findings_feedback(
        DetectorId=detector, FindingIds=[fid("m2")], Feedback="NOT_USEFUL", Comments="expected"
    )
    after = member.get_findings(DetectorId=detector, FindingIds=[fid("m2")])["Findings"][0]
    assert after["Service"]["UserFeedback"] == "NOT_USEFUL"
    assert after["UpdatedAt"] == before["UpdatedAt"]
    rejected(
        member.update_findings_feedback, DetectorId=detector, FindingIds=[fid("m2")], Feedback="MEH"
    )


def test_reoccurrence_raises_count_and_moves_updated_at(world):
    result = advance_activity(ADMIN, REGION, seed=7, new=0, reoccur=1)
    assert result["reoccurred"] == [fid("a1")]
    admin = world.guardduty()
    found = admin.get_findings(DetectorId=world.detector(), FindingIds=[fid("a1")])["Findings"][0]
    assert found["Service"]["Count"] == 2
    assert found["UpdatedAt"] > found["CreatedAt"]
    assert found["Service"]["EventLastSeen"] == found["UpdatedAt"]


def test_findings_of_gives_an_accounts_own_findings_in_boto3_names(world):
    own = findings_of(MEMBER, REGION)
    assert sorted(f["Id"].lstrip("0") for f in own) == ["m1", "m2"]
    assert own[0]["Service"]["ResourceRole"] == "TARGET"
    assert findings_of(MEMBER, REGION, shape="wire")[0]["service"]["resourceRole"] == "TARGET"


def test_reoccurrence_carries_the_latest_remote_party(gd_sim):
    detector = gd_sim.detector()
    brute = generate_findings(
        ADMIN, REGION, detector, 1, seed=4, types=["UnauthorizedAccess:EC2/SSHBruteForce"]
    )
    [finding_id] = load_findings(ADMIN, REGION, brute)
    before = findings_of(ADMIN, REGION)[0]["Service"]
    for seed in range(3):
        advance_activity(ADMIN, REGION, seed=seed, new=0, reoccur=1)
    after = findings_of(ADMIN, REGION)[0]
    assert after["Id"] == finding_id
    assert after["Service"]["Count"] == before["Count"] + 3
    remote = "NetworkConnectionAction", "RemoteIpDetails"
    old = before["Action"][remote[0]][remote[1]]["IpAddressV4"]
    assert after["Service"]["Action"][remote[0]][remote[1]]["IpAddressV4"] != old

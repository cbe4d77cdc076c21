"""A member switching its own detector off and on (reference 3.1, per [MOZ]).

Off: the administrator sees the member Disabled (still associated, its findings still visible)
and the member generates no new findings. On again: Enabled. An administrator's own
StopMonitoringMembers is not undone by the member; deleting the detector shows Removed.
"""

import pytest
from botocore.exceptions import ClientError

from guardduty_hub.simulator.findings import advance_activity
from tests.simulator.conftest import ADMIN, MEMBER, accept_invitation, add_member, status_of
from tests.simulator.findings_support import REGION


def _switch(sim, enable: bool, account: str = MEMBER) -> None:
    sim.guardduty(account).update_detector(DetectorId=sim.detector(account), Enable=enable)


def _listed_accounts(sim) -> set[str]:
    gd = sim.guardduty()
    members = gd.list_members(DetectorId=sim.detector())["Members"]
    return {m["AccountId"] for m in members}


def test_member_disabling_its_detector_shows_disabled_and_stops_findings(gd_sim):
    add_member(gd_sim, MEMBER)
    old = advance_activity(MEMBER, REGION, seed=1, new=2, reoccur=0)["new"]
    assert len(old) == 2

    _switch(gd_sim, False)
    own = gd_sim.guardduty(MEMBER).get_detector(DetectorId=gd_sim.detector(MEMBER))
    assert own["Status"] == "DISABLED"
    assert status_of(gd_sim, MEMBER) == "Disabled"
    assert MEMBER in _listed_accounts(gd_sim)  # Disabled is still associated
    assert advance_activity(MEMBER, REGION, seed=2, new=3, reoccur=1) == {
        "new": [],
        "reoccurred": [],
    }
    admin = gd_sim.guardduty()
    visible = admin.list_findings(
        DetectorId=gd_sim.detector(),
        FindingCriteria={"Criterion": {"accountId": {"Equals": [MEMBER]}}},
    )["FindingIds"]
    assert sorted(visible) == sorted(old)
    administrator = gd_sim.guardduty(MEMBER).get_administrator_account(
        DetectorId=gd_sim.detector(MEMBER)
    )["Administrator"]
    assert administrator["AccountId"] == ADMIN

    _switch(gd_sim, True)
    assert status_of(gd_sim, MEMBER) == "Enabled"
    assert len(advance_activity(MEMBER, REGION, seed=3, new=1, reoccur=0)["new"]) == 1


def test_administrator_stop_is_not_undone_by_the_member(gd_sim):
    add_member(gd_sim, MEMBER)
    admin, detector = gd_sim.guardduty(), gd_sim.detector()
    admin.stop_monitoring_members(DetectorId=detector, AccountIds=[MEMBER])
    _switch(gd_sim, False)
    _switch(gd_sim, True)
    assert status_of(gd_sim, MEMBER) == "Disabled"
    admin.start_monitoring_members(DetectorId=detector, AccountIds=[MEMBER])
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_start_monitoring_waits_for_the_members_own_detector(gd_sim):
    add_member(gd_sim, MEMBER)
    admin, detector = gd_sim.guardduty(), gd_sim.detector()
    _switch(gd_sim, False)
    admin.start_monitoring_members(DetectorId=detector, AccountIds=[MEMBER])
    assert status_of(gd_sim, MEMBER) == "Disabled"
    _switch(gd_sim, True)
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_accepting_with_the_detector_off_is_disabled(gd_sim):
    add_member(gd_sim, MEMBER, accept=False)
    _switch(gd_sim, False)
    accept_invitation(gd_sim, MEMBER)
    assert status_of(gd_sim, MEMBER) == "Disabled"
    _switch(gd_sim, True)
    assert status_of(gd_sim, MEMBER) == "Enabled"


def test_standalone_and_administrator_switching_changes_no_membership(gd_sim):
    add_member(gd_sim, MEMBER)
    _switch(gd_sim, False, account=ADMIN)
    assert status_of(gd_sim, MEMBER) == "Enabled"
    assert advance_activity(ADMIN, REGION, seed=4, new=1, reoccur=0)["new"] == []
    _switch(gd_sim, True, account=ADMIN)
    assert len(advance_activity(ADMIN, REGION, seed=5, new=1, reoccur=0)["new"]) == 1


def test_member_deleting_its_detector_is_removed_and_its_findings_leave(gd_sim):
    add_member(gd_sim, MEMBER)
    advance_activity(MEMBER, REGION, seed=1, new=1, reoccur=0)
    gd_sim.guardduty(MEMBER).delete_detector(DetectorId=gd_sim.detector(MEMBER))
    assert status_of(gd_sim, MEMBER) == "Removed"
    assert MEMBER not in _listed_accounts(gd_sim)
    admin = gd_sim.guardduty()
    visible = admin.list_findings(
        DetectorId=gd_sim.detector(),
        FindingCriteria={"Criterion": {"accountId": {"Equals": [MEMBER]}}},
    )["FindingIds"]
    assert visible == []


def test_update_detector_validates_its_values(gd_sim):
    gd = gd_sim.guardduty()
    with pytest.raises(ClientError) as caught:
        gd.update_detector(DetectorId=gd_sim.detector(), FindingPublishingFrequency="WEEKLY")
    assert caught.value.response["Error"]["Code"] == "BadRequestException"
    gd.update_detector(DetectorId=gd_sim.detector(), FindingPublishingFrequency="ONE_HOUR")
    assert gd.get_detector(DetectorId=gd_sim.detector())["FindingPublishingFrequency"] == (
        "ONE_HOUR"
    )

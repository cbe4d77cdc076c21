"""The in-process membership API the findings package and the demo launcher use."""

from guardduty_hub.simulator import membership
from tests.simulator.conftest import ADMIN, MEMBER, OTHER, add_member


def test_membership_api_follows_the_relationship(gd_sim):
    add_member(gd_sim, MEMBER)
    add_member(gd_sim, OTHER, accept=False)
    region = "us-east-1"
    assert membership.associated_members(ADMIN, region) == [MEMBER]
    assert membership.administrator_of(MEMBER, region) == ADMIN
    assert membership.administrator_of(OTHER, region) is None
    assert membership.is_monitoring_enabled(MEMBER, ADMIN, region)
    assert membership.visible_accounts(ADMIN, region) == [ADMIN, MEMBER]
    assert membership.is_administrator(ADMIN, region)
    assert membership.member_status(ADMIN, OTHER, region) == "Invited"

    gd_sim.guardduty().stop_monitoring_members(DetectorId=gd_sim.detector(), AccountIds=[MEMBER])
    assert not membership.is_monitoring_enabled(MEMBER, ADMIN, region)
    assert membership.associated_members(ADMIN, region) == [MEMBER]  # Disabled still counts
    assert membership.monitored_members(ADMIN, region) == []
    # Other regions know nothing of it.
    assert membership.associated_members(ADMIN, "eu-west-1") == []
    assert membership.administrator_of(MEMBER, "eu-west-1") is None

"""The demo world: every relationship state a user meets, four regions, thousands of findings."""

from guardduty_hub.simulator import controls, membership
from guardduty_hub.simulator.demo_world import REGIONS, ROLE_NAME


def _snapshot(gd_sim):
    world = controls.reset("demo", seed=3)
    admin = gd_sim.guardduty(region="eu-west-1")
    detector = admin.list_detectors()["DetectorIds"][0]
    members = admin.list_members(DetectorId=detector, OnlyAssociated="false")["Members"]
    return world, detector, {m["AccountId"]: m["RelationshipStatus"] for m in members}


def test_demo_world_is_complete_and_deterministic(gd_sim):
    world, detector, statuses = _snapshot(gd_sim)
    assert world["administrator"]["account_id"] == gd_sim.admin_account
    assert world["regions"] == list(REGIONS) and len(REGIONS) == 4
    assert sorted(statuses.values()) == sorted(
        ["Enabled", "Enabled", "Enabled", "Invited", "EmailVerificationFailed", "Resigned"]
    )
    assert {m["status"] for m in world["members"]} == set(statuses.values())
    assert all(m["role_arn"].endswith(f":role/{ROLE_NAME}") for m in world["members"])
    assert 2000 <= world["findings"] <= 6000
    # Members are reachable by role, with their own detectors, in every region.
    invited = next(m for m in world["members"] if m["status"] == "Invited")
    for region in REGIONS:
        member = gd_sim.guardduty(invited["account_id"], region)
        assert member.get_invitations_count()["InvitationsCount"] == 1
    enabled = [m["account_id"] for m in world["members"] if m["status"] == "Enabled"]
    assert membership.associated_members(gd_sim.admin_account, "us-west-2") == sorted(enabled)
    # The invitation emails went to the registered root emails with the personal message.
    emails = controls.outbox(account_id=invited["account_id"])
    assert len(emails) == 4 and emails[0]["to"] == invited["email"]
    # The world is described in-process and over HTTP.
    assert controls.demo_world() == world

    again, detector_again, statuses_again = _snapshot(gd_sim)
    assert again == world and detector_again == detector and statuses_again == statuses


def test_demo_world_findings_span_types_and_severities(gd_sim):
    world = controls.reset("demo", seed=0)
    from guardduty_hub.simulator.findings import findings_of

    found = [
        f
        for account in [world["administrator"], *world["members"]]
        for region in world["regions"]
        for f in findings_of(account["account_id"], region)
    ]
    assert len(found) == world["findings"]
    assert len({f["Type"] for f in found}) >= 40
    assert max(f["Severity"] for f in found) >= 9  # Critical
    assert min(f["Severity"] for f in found) < 4  # Low

"""What GuardDuty (the simulator, through boto3) says about a member, for the browser tests to
check the state behind what the page shows."""

from tests.fixtures.membership import REGIONS


def inviters(sim, account_id: str) -> dict[str, list[str]]:
    """{region: administrators with a pending invitation}, as the member account lists them."""
    return {
        region: [
            i["AccountId"]
            for i in sim.guardduty(account_id, region).list_invitations()["Invitations"]
        ]
        for region in REGIONS
    }


def administrator_of(sim, account_id: str, region: str) -> str | None:
    """The member's administrator in `region`, as the member account reads it."""
    gd = sim.guardduty(account_id, region)
    answer = gd.get_administrator_account(DetectorId=sim.detector(account_id, region))
    return answer.get("Administrator", {}).get("AccountId")


def relationships(sim, account_id: str) -> dict[str, str]:
    """{region: RelationshipStatus} of the member, as the hub's administrator lists it."""
    found = {}
    for region in REGIONS:
        gd = sim.guardduty(None, region)
        members = gd.list_members(DetectorId=sim.detector(None, region), OnlyAssociated="false")
        for m in members["Members"]:
            if m["AccountId"] == account_id:
                found[region] = m["RelationshipStatus"]
    return found

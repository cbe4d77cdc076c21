"""The member side through the API: a member owner sees their own accounts' pending invitations
and accepts, declines or leaves, through the member's role into GuardDuty (the simulator, via
boto3); other accounts are 404; Admins act on a member's behalf, audited as such."""

import pytest

from guardduty_hub.accounts.models import AccountScope, AuditEvent, Invitation
from tests.fixtures.membership import HUB_ADMIN, REGIONS, role_arn, statuses

pytestmark = pytest.mark.django_db

DAVE = "222222222222"  # the account member_owner_dave owns
OTHER_ADMIN = "888888888888"


def _administrator_in_guardduty(sim, account_id: str, region: str) -> dict:
    """What the member's own GuardDuty says (boto3 through the member's role)."""
    gd = sim.guardduty(account_id, region)
    detector_ids = gd.list_detectors()["DetectorIds"]
    if not detector_ids:
        return {}
    return gd.get_administrator_account(DetectorId=detector_ids[0]).get("Administrator", {})


def test_member_owner_lists_only_their_own_accounts(
    api_for,
    member_owner_dave,
    analyst_bob,
    viewer_carol,
    scoped_frank,
    admin_alice,
    members,
    administrator_account,
):
    dave = api_for(member_owner_dave).get("/api/member-accounts/")
    assert dave.status_code == 200
    assert [a["account_id"] for a in dave.json()["results"]] == [DAVE]
    # Triage roles and a scope without ownership do not answer invitations.
    for persona in (analyst_bob, viewer_carol, scoped_frank):
        assert api_for(persona).get("/api/member-accounts/").status_code == 403
        assert api_for(persona).get(f"/api/member-accounts/{DAVE}/").status_code == 403
    admin = api_for(admin_alice).get("/api/member-accounts/").json()["results"]
    # An Admin answers for any member account (on its behalf); administrators are no members.
    assert {a["account_id"] for a in admin} == {m.account_id for m in members}


def test_member_owner_sees_pending_invitations_per_region(
    api_for, member_owner_dave, hub_admin, invited
):
    response = api_for(member_owner_dave).post(f"/api/member-accounts/{DAVE}/refresh/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["account"]["account_id"] == DAVE
    assert body["on_behalf"] is False
    assert [(i["administrator"], i["region"]) for i in body["invitations"]] == [
        (HUB_ADMIN, r) for r in REGIONS
    ]
    assert all(i["invited_at"] and i["invitation_id"] for i in body["invitations"])
    # No one is the administrator yet, in any region the hub works in.
    assert {r["region"]: r["administrator"] for r in body["regions"]} == dict.fromkeys(REGIONS, "")


def test_member_owner_accepts_everywhere(api_for, sim, member_owner_dave, hub_admin, invited):
    api = api_for(member_owner_dave)
    api.post(f"/api/member-accounts/{DAVE}/refresh/")  # reads the invitations from GuardDuty first

    response = api.post(
        f"/api/member-accounts/{DAVE}/accept/", {"administrator": HUB_ADMIN}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"done": REGIONS, "failed": {}}
    # GuardDuty itself: the member's detector (created on accepting) has the administrator.
    for region in REGIONS:
        assert _administrator_in_guardduty(sim, DAVE, region)["AccountId"] == HUB_ADMIN
    # The administrator's side was refreshed at once.
    assert set(statuses(hub_admin, invited[1]).values()) == {"Enabled"}
    event = AuditEvent.objects.get(action="invitation.accept")
    assert event.actor == member_owner_dave and event.details["on_behalf"] is False

    after = api.get(f"/api/member-accounts/{DAVE}/").json()
    assert after["invitations"] == []
    assert {r["region"]: r["administrator"] for r in after["regions"]} == dict.fromkeys(
        REGIONS, HUB_ADMIN
    )


def test_accept_in_one_region_and_decline_the_other(
    api_for, sim, member_owner_dave, hub_admin, invited
):
    api = api_for(member_owner_dave)
    api.post(f"/api/member-accounts/{DAVE}/refresh/")
    accepted = api.post(
        f"/api/member-accounts/{DAVE}/accept/",
        {"administrator": HUB_ADMIN, "regions": ["eu-west-1"]},
        format="json",
    )
    assert accepted.json() == {"done": ["eu-west-1"], "failed": {}}
    declined = api.post(
        f"/api/member-accounts/{DAVE}/decline/",
        {"administrator": HUB_ADMIN, "regions": ["us-east-1"]},
        format="json",
    )
    assert declined.status_code == 200, declined.content
    assert declined.json() == {"done": ["us-east-1"], "failed": {}}
    assert statuses(hub_admin, invited[1]) == {
        (DAVE, "eu-west-1"): "Enabled",
        (DAVE, "us-east-1"): "Invited",
    }
    assert _administrator_in_guardduty(sim, DAVE, "us-east-1") == {}
    assert api.get(f"/api/member-accounts/{DAVE}/").json()["invitations"] == []


def test_only_one_administrator_per_region(
    api_for,
    sim,
    admin_alice,
    member_owner_dave,
    hub_admin,
    invited,
    run_operation,
):
    from guardduty_hub.accounts.administrators import administrator_onboard

    api = api_for(member_owner_dave)
    api.post(f"/api/member-accounts/{DAVE}/refresh/")
    api.post(f"/api/member-accounts/{DAVE}/accept/", {"administrator": HUB_ADMIN}, format="json")
    # A second administrator invites the same member in eu-west-1.
    sim.detector(OTHER_ADMIN, "eu-west-1")
    other, _ = administrator_onboard(
        admin_alice, account_id=OTHER_ADMIN, role_arn=role_arn(OTHER_ADMIN), regions=["eu-west-1"]
    )
    run_operation(admin_alice, "invite", other, [invited[1]], ["eu-west-1"])

    pending = api.post(f"/api/member-accounts/{DAVE}/refresh/").json()["invitations"]
    assert [(i["administrator"], i["region"]) for i in pending] == [(OTHER_ADMIN, "eu-west-1")]
    response = api.post(
        f"/api/member-accounts/{DAVE}/accept/", {"administrator": OTHER_ADMIN}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["done"] == []
    assert "only one administrator" in body["failed"]["eu-west-1"]
    assert _administrator_in_guardduty(sim, DAVE, "eu-west-1")["AccountId"] == HUB_ADMIN


def test_member_owner_cannot_act_on_another_account(api_for, member_owner_dave, hub_admin, invited):
    # Dave may also see 111111111111 (a scope row) but does not own it: he cannot answer for it.
    AccountScope.objects.create(user=member_owner_dave, account=invited[0], is_owner=False)
    api = api_for(member_owner_dave)
    other = "111111111111"
    assert api.get(f"/api/accounts/{other}/").status_code == 200
    assert api.get(f"/api/member-accounts/{other}/").status_code == 404
    for verb, body in [
        ("accept", {"administrator": HUB_ADMIN}),
        ("decline", {"administrator": HUB_ADMIN}),
        ("leave", {"regions": REGIONS}),
    ]:
        response = api.post(f"/api/member-accounts/{other}/{verb}/", body, format="json")
        assert response.status_code == 404, verb
    assert set(statuses(hub_admin, invited[0]).values()) == {"Invited"}
    assert not AuditEvent.objects.filter(action__startswith="invitation.").exists()


def test_answering_without_an_invitation_is_400(api_for, member_owner_dave, hub_admin, invited):
    api = api_for(member_owner_dave)
    api.post(f"/api/member-accounts/{DAVE}/refresh/")
    for verb in ("accept", "decline"):
        response = api.post(
            f"/api/member-accounts/{DAVE}/{verb}/", {"administrator": OTHER_ADMIN}, format="json"
        )
        assert response.status_code == 400, verb
        assert OTHER_ADMIN in str(response.json()["administrator"])
    bad = api.post(f"/api/member-accounts/{DAVE}/accept/", {"administrator": "x"}, format="json")
    assert bad.status_code == 400
    assert api.post(f"/api/member-accounts/{DAVE}/leave/", {}, format="json").status_code == 400
    assert Invitation.objects.filter(member=invited[1]).count() == len(REGIONS)


def test_admin_accepts_on_behalf_and_member_leaves(
    api_for, sim, admin_alice, member_owner_dave, hub_admin, invited
):
    member = invited[0]  # no owner: only an Admin can answer for it
    admin = api_for(admin_alice)
    state = admin.post(f"/api/member-accounts/{member.account_id}/refresh/").json()
    assert state["on_behalf"] is True
    accepted = admin.post(
        f"/api/member-accounts/{member.account_id}/accept/",
        {"administrator": HUB_ADMIN},
        format="json",
    )
    assert accepted.json() == {"done": REGIONS, "failed": {}}
    assert AuditEvent.objects.get(action="invitation.accept").details["on_behalf"] is True

    left = admin.post(
        f"/api/member-accounts/{member.account_id}/leave/",
        {"regions": ["us-east-1"]},
        format="json",
    )
    assert left.json() == {"done": ["us-east-1"], "failed": {}}
    assert _administrator_in_guardduty(sim, member.account_id, "us-east-1") == {}
    assert statuses(hub_admin, member)[(member.account_id, "us-east-1")] == "Resigned"


def test_member_owner_leaves_where_no_administrator_is_refused(
    api_for, member_owner_dave, hub_admin, invited
):
    api = api_for(member_owner_dave)
    response = api.post(f"/api/member-accounts/{DAVE}/leave/", {"regions": ["eu-west-1"]})
    assert response.status_code == 200
    assert response.json()["done"] == []
    assert "no administrator" in response.json()["failed"]["eu-west-1"]


def test_session_client_answers_too(client, member_owner_dave, hub_admin, invited):
    # The browser's session works like a token (CSRF is enforced by DRF for sessions; the
    # test client skips the check, the authentication tests cover it).
    client.force_login(member_owner_dave)
    client.post(f"/api/member-accounts/{DAVE}/refresh/")
    response = client.post(
        f"/api/member-accounts/{DAVE}/accept/",
        {"administrator": HUB_ADMIN, "regions": ["us-east-1"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["done"] == ["us-east-1"]


def test_schema_documents_the_member_endpoints():
    import io

    import yaml
    from django.core.management import call_command

    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    paths = yaml.safe_load(out.getvalue())["paths"]
    for verb in ("accept", "decline", "leave"):
        assert "post" in paths[f"/api/member-accounts/{{account_id}}/{verb}/"]
    assert "get" in paths["/api/member-accounts/{account_id}/"]

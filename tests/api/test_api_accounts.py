"""Accounts and memberships (read, scoped), membership operations (Admin) through the
accounts services, reaching GuardDuty in the simulator."""

import pytest
from rest_framework.test import APIClient

from guardduty_hub.accounts.models import Membership, MembershipOperation
from guardduty_hub.simulator import controls
from tests.fixtures.membership import REGIONS

pytestmark = pytest.mark.django_db


def test_accounts_are_scoped(api_for, analyst_bob, member_owner_dave, member_accounts):
    everyone = api_for(analyst_bob).get("/api/accounts/").json()["results"]
    assert {a["account_id"] for a in everyone} == {a.account_id for a in member_accounts}
    dave = api_for(member_owner_dave)
    assert [a["account_id"] for a in dave.get("/api/accounts/").json()["results"]] == [
        "222222222222"
    ]
    assert dave.get("/api/accounts/111111111111/").status_code == 404
    assert dave.get("/api/accounts/222222222222/").json()["name"] == "Member 2"
    # How the hub reaches an account is not part of the API.
    assert "role_arn" not in everyone[0]


def test_memberships_are_scoped_and_filterable(
    api_for, analyst_bob, member_owner_dave, member_accounts, administrator_account
):
    for account, status in zip(member_accounts, ["Enabled", "Invited", "Enabled"], strict=True):
        for region in ("us-east-1", "eu-west-1"):
            Membership.objects.create(
                administrator=administrator_account,
                member=account,
                region=region,
                relationship_status=status,
            )
    bob = api_for(analyst_bob)
    assert len(bob.get("/api/memberships/").json()["results"]) == 6
    enabled = bob.get("/api/memberships/?relationship_status=Enabled&region=eu-west-1").json()
    assert sorted(m["member"] for m in enabled["results"]) == ["111111111111", "333333333333"]
    dave = api_for(member_owner_dave).get("/api/memberships/").json()["results"]
    assert {m["member"] for m in dave} == {"222222222222"}


def test_cursor_pagination_of_accounts(api_for, analyst_bob, member_accounts):
    api = api_for(analyst_bob)
    first = api.get("/api/accounts/?page_size=2").json()
    assert len(first["results"]) == 2
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None


def test_admin_invites_through_the_api(
    api_for, admin_alice, hub_admin, members, django_capture_on_commit_callbacks
):
    api = api_for(admin_alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/membership-operations/",
            {
                "kind": "invite",
                "administrator": hub_admin.account_id,
                "accounts": [m.account_id for m in members[:2]],
                "regions": REGIONS,
                "message": "Please accept",
                "email_root_user": True,
            },
            format="json",
        )
    assert response.status_code == 202, response.content
    operation_id = response.json()["id"]
    body = api.get(f"/api/membership-operations/{operation_id}/").json()
    assert body["state"] == "done"
    assert {(i["account"], i["region"], i["state"]) for i in body["items"]} == {
        (m.account_id, r, "done") for m in members[:2] for r in REGIONS
    }
    # GuardDuty (the simulator) sent the invitations, and the hub recorded the statuses.
    assert sorted(m["region"] for m in controls.outbox(account_id="111111111111")) == REGIONS
    statuses = api.get("/api/memberships/?relationship_status=Invited").json()["results"]
    assert len(statuses) == 2 * len(REGIONS)


def test_invite_validation(api_for, admin_alice, hub_admin, members):
    api = api_for(admin_alice)
    unknown = api.post(
        "/api/membership-operations/",
        {"administrator": hub_admin.account_id, "accounts": ["444444444444"]},
        format="json",
    )
    assert unknown.status_code == 400
    assert "444444444444" in str(unknown.json()["accounts"])
    bad_region = api.post(
        "/api/membership-operations/",
        {
            "administrator": hub_admin.account_id,
            "accounts": ["111111111111"],
            "regions": ["mars-1"],
        },
        format="json",
    )
    assert bad_region.status_code == 400
    assert not MembershipOperation.objects.exists()


@pytest.mark.parametrize("persona", ["analyst_bob", "viewer_carol", "member_owner_dave"])
def test_only_admins_start_operations(request, api_for, persona, administrator_account):
    api = api_for(request.getfixturevalue(persona))
    response = api.post(
        "/api/membership-operations/",
        {"administrator": "999999999999", "accounts": ["111111111111"]},
        format="json",
    )
    assert response.status_code == 403
    assert not MembershipOperation.objects.exists()


def test_member_owner_cannot_read_hub_wide_runs(api_for, member_owner_dave, analyst_bob):
    dave = api_for(member_owner_dave)
    assert dave.get("/api/sync-runs/").status_code == 403
    assert dave.get("/api/membership-operations/").status_code == 403
    assert api_for(analyst_bob).get("/api/sync-runs/").status_code == 200


def test_sync_runs_list(api_for, analyst_bob, administrator_account):
    from guardduty_hub.sync.models import SyncRun, SyncState

    state = SyncState.objects.create(administrator=administrator_account, region="us-east-1")
    SyncRun.objects.create(state=state, kind="full", status="succeeded", fetched=12)
    SyncRun.objects.create(state=state, kind="incremental", status="failed", error="denied")
    api = api_for(analyst_bob)
    runs = api.get("/api/sync-runs/").json()["results"]
    assert [r["kind"] for r in runs] == ["incremental", "full"]
    failed = api.get("/api/sync-runs/?status=failed").json()["results"]
    assert [(r["administrator"], r["region"], r["error"]) for r in failed] == [
        ("999999999999", "us-east-1", "denied")
    ]


def test_anonymous_gets_401_everywhere():
    for path in ["/api/findings/", "/api/memberships/", "/api/sync-runs/", "/api/findings/1/"]:
        assert APIClient().get(path).status_code == 401

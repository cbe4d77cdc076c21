"""Issue 13.2: hub activity (membership operations, sync runs) shows a scoped user only work on
accounts in their scope, on the pages and in the API alike; member owners see none of it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_operation_spanning_other_accounts_is_not_found_for_a_scoped_user(
    client_for, api_for, world, scoped_admin_hal
):
    wide = world.wide_operation  # 111 and 222; hal sees 111 and the administrator only
    page = client_for(scoped_admin_hal).get(reverse("accounts:operation", args=[wide.pk]))
    assert page.status_code == 404
    api = api_for(scoped_admin_hal).get(f"/api/membership-operations/{wide.pk}/")
    assert api.status_code == 404


def test_operation_list_names_no_account_outside_the_scope(api_for, world, scoped_admin_hal):
    body = api_for(scoped_admin_hal).get("/api/membership-operations/")
    assert body.status_code == 200
    assert [o["id"] for o in body.json()["results"]] == [world.narrow_operation.pk]
    assert "222222222222" not in body.text
    assert "note about 222222222222" not in body.text


def test_operation_inside_the_scope_is_shown(client_for, world, scoped_admin_hal):
    page = client_for(scoped_admin_hal).get(
        reverse("accounts:operation", args=[world.narrow_operation.pk])
    )
    assert page.status_code == 200
    assert "111111111111" in page.text


def test_scoped_analyst_sees_no_operation_of_an_administrator_outside_the_scope(
    client_for, api_for, world, scoped_frank
):
    narrow = world.narrow_operation  # only 111 (frank's), but under 999999999999 (not his)
    page = client_for(scoped_frank).get(reverse("accounts:operation", args=[narrow.pk]))
    assert page.status_code == 404
    assert api_for(scoped_frank).get("/api/membership-operations/").json()["results"] == []


def test_administrators_page_lists_only_administrators_and_operations_in_scope(
    client_for, world, scoped_admin_hal
):
    page = client_for(scoped_admin_hal).get(reverse("accounts:administrators"))
    assert page.status_code == 200
    assert "999999999999" in page.text
    assert "888888888888" not in page.text
    assert reverse("accounts:operation", args=[world.wide_operation.pk]) not in page.text


def test_sync_page_refuses_a_member_owner_as_the_api_does(
    client_for, api_for, world, member_owner_dave
):
    page = client_for(member_owner_dave).get(reverse("sync:overview"))
    assert page.status_code == 403
    assert "Hub security" not in page.text
    assert api_for(member_owner_dave).get("/api/sync-runs/").status_code == 403


def test_sync_page_and_api_show_a_scoped_user_only_their_administrators(
    client_for, api_for, world, scoped_admin_hal
):
    page = client_for(scoped_admin_hal).get(reverse("sync:overview"))
    assert page.status_code == 200
    assert "999999999999" in page.text
    assert "888888888888" not in page.text
    assert "Other team" not in page.text
    runs = api_for(scoped_admin_hal).get("/api/sync-runs/").json()["results"]
    assert [r["id"] for r in runs] == [world.run.pk]


def test_sync_now_of_an_administrator_outside_the_scope_queues_nothing(
    client_for, world, scoped_admin_hal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = client_for(scoped_admin_hal).post(
            reverse("sync:run"), {"administrator": world.other_admin.pk}
        )
    assert response.status_code == 302
    assert queued == []

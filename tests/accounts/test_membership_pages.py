"""The operation, administrator and member-portal pages, through the test client."""

import pytest
from django.urls import reverse

from guardduty_hub.accounts.models import MembershipOperation, OperationState
from tests.fixtures.membership import HUB_ADMIN, REGIONS, statuses

pytestmark = pytest.mark.django_db


def test_invite_from_the_table_runs_and_shows_progress(
    client_for, admin_alice, hub_admin, members, django_capture_on_commit_callbacks
):
    client = client_for(admin_alice)
    ids = [m.account_id for m in members]
    page = client.get(reverse("accounts:operation_new"), {"kind": "invite", "account": ids})
    assert page.status_code == 200 and "Personal message" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:operation_new"),
            {
                "kind": "invite",
                "account": ids,
                "administrator": hub_admin.pk,
                "regions": REGIONS,
                "message": "Please accept",
                "email_root_user": "on",
            },
        )
    operation = MembershipOperation.objects.get()
    assert response["Location"] == reverse("accounts:operation", args=[operation.pk])
    assert operation.params == {"message": "Please accept", "disable_email_notification": False}
    detail = client.get(response["Location"])
    assert 'data-state="done"' in detail.text
    assert "3/3 done" in detail.text
    assert set(statuses(hub_admin).values()) == {"Invited"}


@pytest.mark.parametrize("persona", ["analyst_bob", "viewer_carol", "member_owner_dave"])
def test_only_admins_start_operations(request, client_for, persona, hub_admin, members):
    client = client_for(request.getfixturevalue(persona))
    for kind in ("invite", "remove", "suspend"):
        response = client.post(
            reverse("accounts:operation_new"),
            {
                "kind": kind,
                "account": [members[0].account_id],
                "administrator": hub_admin.pk,
                "regions": REGIONS,
            },
        )
        assert response.status_code == 403
    assert not MembershipOperation.objects.exists()
    assert (
        client.post(reverse("accounts:administrator_refresh", args=[HUB_ADMIN])).status_code == 403
    )


def test_member_owner_accepts_in_the_portal(
    client_for, admin_alice, member_owner_dave, hub_admin, members, run_operation
):
    run_operation(admin_alice, "invite", hub_admin, members, REGIONS, message="Please accept")
    client = client_for(member_owner_dave)
    home = client.get(reverse("accounts:member_home"))
    assert home["Location"] == reverse("accounts:member", args=["222222222222"])
    client.post(reverse("accounts:member_refresh", args=["222222222222"]))
    page = client.get(home["Location"])
    assert f'data-inviter="{HUB_ADMIN}"' in page.text
    client.post(
        reverse("accounts:member_accept", args=["222222222222"]), {"administrator": HUB_ADMIN}
    )
    assert set(statuses(hub_admin, members[1]).values()) == {"Enabled"}
    # Not theirs: 404, and nothing happens.
    assert client.get(reverse("accounts:member", args=["111111111111"])).status_code == 404
    response = client.post(
        reverse("accounts:member_accept", args=["111111111111"]), {"administrator": HUB_ADMIN}
    )
    assert response.status_code == 404
    assert set(statuses(hub_admin, members[0]).values()) == {"Invited"}


def test_viewers_cannot_use_the_member_portal(client_for, viewer_carol, members):
    client = client_for(viewer_carol)
    assert client.get(reverse("accounts:member", args=["111111111111"])).status_code == 403


def test_onboarding_page_test_connection_and_errors(client_for, admin_alice, sim):
    from guardduty_hub.simulator import controls

    sim.detector(None, "eu-west-1")
    client = client_for(admin_alice)
    controls.deny_assume_role(["444444444444"])
    response = client.post(
        reverse("accounts:administrator_new"),
        {
            "account_id": "444444444444",
            "role_arn": "arn:aws:iam::444444444444:role/Hub",
            "action": "onboard",
        },
    )
    assert response.status_code == 200
    assert "Connection problem" in response.text


def test_a_failed_operation_can_be_retried_from_its_page(
    client_for, admin_alice, hub_admin, members, run_operation, django_capture_on_commit_callbacks
):
    from guardduty_hub.simulator import controls

    controls.disable_region(HUB_ADMIN, "us-east-1")
    operation = run_operation(admin_alice, "invite", hub_admin, members, REGIONS)
    client = client_for(admin_alice)
    page = client.get(reverse("accounts:operation", args=[operation.pk]))
    assert "Retry only these 3" in page.text
    controls.clear_faults()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:operation_retry", args=[operation.pk]))
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE

"""An id or count too big for a 64-bit column is refused (400) or not found, never a server
error: SQLite cannot even bind one (OverflowError), PostgreSQL refuses it in a bigint column
(issue 13.6)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from rest_framework.test import APIClient

from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.pagination import capped_count

HUGE = "99999999999999999999"
HUGER = "99999999999999999999999"


def test_api_bulk_action_refuses_an_id_beyond_64_bits(analyst_bob):
    api = APIClient()
    api.force_authenticate(analyst_bob)
    response = api.post(
        "/api/findings/bulk/", {"action": "archive", "ids": [int(HUGE)]}, format="json"
    )
    assert response.status_code == 400
    assert "ids" in response.json()


def test_page_bulk_action_with_an_id_beyond_64_bits_is_not_found(client_for, analyst_bob):
    response = client_for(analyst_bob).post(
        reverse("findings:bulk"), {"ids": [HUGE], "action": "archive", "confirmed": "yes"}
    )
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        "1 finding not found (no such finding, or not one you may see): nothing was done to it."
    ]


def test_finding_list_refuses_count_above_beyond_64_bits(client_for, viewer_carol):
    response = client_for(viewer_carol).get(reverse("findings:list"), {"count_above": HUGER})
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to" in response.text


def test_api_list_refuses_count_above_beyond_64_bits(viewer_carol):
    api = APIClient()
    api.force_authenticate(viewer_carol)
    response = api.get("/api/findings/", {"count_above": HUGER})
    assert response.status_code == 400
    assert "count_above" in response.json()


def test_sync_run_of_an_administrator_beyond_64_bits_finds_nothing(client_for, admin_alice):
    client = client_for(admin_alice)
    response = client.post(reverse("sync:run"), {"administrator": HUGE})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing to sync: no enabled region matches."
    ]


@pytest.mark.parametrize(
    "url",
    [
        f"/findings/{HUGE}/",
        f"/accounts/operations/{HUGE}/",
        f"/api/findings/{HUGE}/",
        f"/api/findings/{HUGE}/notes/",
        f"/api/membership-operations/{HUGE}/",
        f"/api/sync-runs/{HUGE}/",
        f"/api/memberships/{HUGE}/",
    ],
)
def test_pages_of_an_id_beyond_64_bits_are_not_found(client_for, admin_alice, url):
    assert client_for(admin_alice).get(url).status_code == 404


def test_count_above_beyond_the_count_column_is_refused(viewer_carol):
    # The count column is a 32-bit integer: 10**11 fits 64 bits but not the column.
    api = APIClient()
    api.force_authenticate(viewer_carol)
    response = api.get("/api/findings/", {"count_above": 10**11})
    assert response.status_code == 400
    assert "count_above" in response.json()


def test_a_total_of_a_filter_no_row_can_match_is_zero(db):
    # Django finds such a filter empty only when compiling it (found by schemathesis).
    assert capped_count(Finding.objects.filter(count__gt=10**11)) == 0

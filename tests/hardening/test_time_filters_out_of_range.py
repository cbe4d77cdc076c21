"""Time filters with an offset PostgreSQL cannot store (valid ISO 8601: up to 24 hours), or a
time with no equivalent in the user's zone, filter or are refused: never a server error (found
by schemathesis)."""

from rest_framework.test import APIClient


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_an_offset_of_almost_a_day_filters(viewer_carol):
    response = _api(viewer_carol).get(
        "/api/findings/", {"first_seen_after": "3075-04-22T06:12:07.703-23:45"}
    )
    assert response.status_code == 200


def test_a_time_past_year_9999_in_the_users_zone_is_refused(viewer_carol):
    response = _api(viewer_carol).get(
        "/api/findings/", {"updated_before": "9999-12-31T23:00:00-23:00"}
    )
    assert response.status_code == 400
    assert "updated" in response.json()


def test_the_list_page_says_so_too(client_for, viewer_carol):
    response = client_for(viewer_carol).get(
        "/findings/", {"last_seen_after": "0001-01-01T00:00:00+23:00"}
    )
    assert response.status_code == 200
    assert "out of range" in response.text


def test_a_day_that_does_not_exist_is_a_form_error(client_for, viewer_carol):
    response = client_for(viewer_carol).get("/findings/", {"first_seen_before": "2025-02-30T10:00"})
    assert response.status_code == 200
    assert "Enter a valid date/time." in response.text

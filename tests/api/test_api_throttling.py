"""Each user has their own request budget (API_THROTTLE_RATE)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_user_over_budget_gets_429_and_others_do_not(
    settings, api_for, analyst_bob, viewer_carol
):
    settings.API_THROTTLE_RATE = "3/min"
    bob = api_for(analyst_bob)
    assert [bob.get("/api/accounts/").status_code for _ in range(3)] == [200] * 3
    over = bob.get("/api/accounts/")
    assert over.status_code == 429
    assert int(over["Retry-After"]) > 0
    assert api_for(viewer_carol).get("/api/accounts/").status_code == 200


def test_budget_follows_the_user_not_the_token(settings, api_for, analyst_bob):
    settings.API_THROTTLE_RATE = "2/min"
    first, second = api_for(analyst_bob), api_for(analyst_bob)
    assert first.get("/api/accounts/").status_code == 200
    assert second.get("/api/accounts/").status_code == 200
    assert first.get("/api/accounts/").status_code == 429

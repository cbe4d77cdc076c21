"""A posted `next` only ever leads somewhere on this site (issue 13.5)."""

import pytest
from django.urls import reverse

from tests.fixtures.membership import HUB_ADMIN

FOREIGN = [
    "https://evil.example/",
    "//evil.example/",
    "https:/\\evil.example/",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", FOREIGN)
def test_administrator_refresh_does_not_follow_a_foreign_next(
    client_for, admin_alice, hub_admin, target
):
    url = reverse("accounts:administrator_refresh", args=[HUB_ADMIN])
    response = client_for(admin_alice).post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:administrators")


def test_administrator_refresh_follows_a_next_on_this_site(client_for, admin_alice, hub_admin):
    url = reverse("accounts:administrator_refresh", args=[HUB_ADMIN])
    response = client_for(admin_alice).post(url, {"next": "/accounts/?kind=member"})
    assert response["Location"] == "/accounts/?kind=member"


@pytest.mark.parametrize("target", FOREIGN)
def test_finding_actions_do_not_follow_a_foreign_next(client_for, analyst_bob, target):
    response = client_for(analyst_bob).post(
        reverse("findings:bulk"), {"ids": [], "action": "archive", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("findings:list")

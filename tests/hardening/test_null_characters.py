"""A NUL character in a URL is a 400, never a server error: PostgreSQL cannot hold one in text
(found by schemathesis on the API's list filters)."""

import pytest
from rest_framework.test import APIClient

URLS = [
    "/api/accounts/?kind=%00",
    "/api/memberships/?region=%00",
    "/api/sync-runs/?administrator=1&region=eu%00",
    "/api/accounts/%00/",
    "/findings/?q=a%00b",
    "/accounts/?q=%00",
]


@pytest.mark.parametrize("url", URLS)
def test_a_null_character_in_the_url_is_refused(admin_alice, url):
    api = APIClient()
    api.force_authenticate(admin_alice)
    api.force_login(admin_alice)
    response = api.get(url)
    assert response.status_code == 400
    assert b"Null characters" in response.content

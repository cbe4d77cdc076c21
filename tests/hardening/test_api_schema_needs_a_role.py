"""The OpenAPI schema and its docs page are for people with a role (issue 13.11)."""

import pytest
from django.urls import reverse

PAGES = ["api:schema", "api:docs"]


@pytest.mark.parametrize("name", PAGES)
def test_a_user_without_a_role_is_refused(client_for, outsider_erin, name):
    assert client_for(outsider_erin).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_a_viewer_reads_them(client_for, viewer_carol, name):
    assert client_for(viewer_carol).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_asked_to_sign_in(client, name):
    assert client.get(reverse(name)).status_code == 401

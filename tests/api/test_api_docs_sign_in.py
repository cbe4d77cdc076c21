"""Signed out, a person's browser is sent to sign in and back to the docs (issue 15.7); a script
keeps the API's 401, and a signed-in user without a role is still refused (issue 13.11)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("name", ["api:docs", "api:schema"])
def test_a_browser_signed_out_is_sent_to_sign_in_and_back(client, name):
    path = reverse(name)
    response = client.get(path, HTTP_ACCEPT=BROWSER)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={path}"


def test_the_query_string_survives_the_round_trip(client):
    response = client.get("/api/schema/?format=json", HTTP_ACCEPT=BROWSER)
    assert response["Location"] == "/login/?next=/api/schema/%3Fformat%3Djson"


SCRIPTS = [
    {},  # no Accept at all
    {"HTTP_ACCEPT": "*/*"},  # curl
    # A bad token with a browser's Accept: the client is a script, it gets the API's answer.
    {"HTTP_ACCEPT": BROWSER, "HTTP_AUTHORIZATION": "Token not-a-key"},
]


@pytest.mark.parametrize("headers", SCRIPTS)
@pytest.mark.parametrize("name", ["api:docs", "api:schema"])
def test_scripts_keep_the_api_refusal(client, name, headers):
    assert client.get(reverse(name), **headers).status_code == 401


@pytest.mark.parametrize("accept", ["application/json", "application/vnd.oai.openapi+json"])
def test_a_schema_client_asking_for_json_gets_401(client, accept):
    assert client.get(reverse("api:schema"), HTTP_ACCEPT=accept).status_code == 401


def test_a_post_signed_out_is_not_redirected(client):
    assert client.post(reverse("api:docs"), HTTP_ACCEPT=BROWSER).status_code == 401


@pytest.mark.parametrize("name", ["api:docs", "api:schema"])
def test_signed_in_without_a_role_is_still_refused_in_a_browser(client_for, outsider_erin, name):
    response = client_for(outsider_erin).get(reverse(name), HTTP_ACCEPT=BROWSER)
    assert response.status_code == 403


def test_signing_in_lands_on_the_docs(client, viewer_carol):
    first = client.get("/api/docs/", HTTP_ACCEPT=BROWSER)
    response = client.post(
        first["Location"], {"username": "carol", "password": PASSWORD}, HTTP_ACCEPT=BROWSER
    )
    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"
    docs = client.get("/api/docs/", HTTP_ACCEPT=BROWSER)
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content

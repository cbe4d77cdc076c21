"""Repeated failed sign-ins lock the user name and the client address for a while, with a
message; bad API tokens lock the address (issue 13.7)."""

import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from guardduty_hub.api.services import token_issue
from tests.factories import PASSWORD
from tests.fixtures.personas import make_user

WRONG = "not the password"


def sign_in(client, username, password, address="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.SIGN_IN_FAILURE_LIMIT = 5
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 20
    settings.SIGN_IN_LOCKOUT_SECONDS = 900


def test_forty_wrong_passwords_then_the_right_one_is_refused_with_a_message(client, viewer_carol):
    for _ in range(40):
        sign_in(client, "carol", WRONG)
    response = sign_in(client, "carol", PASSWORD)
    assert response.status_code == 200
    assert not signed_in(client)
    assert "Too many failed attempts. Try again in 15 minutes." in response.text


def test_the_user_is_locked_from_every_address(client, viewer_carol):
    for n in range(5):
        sign_in(client, "carol", WRONG, address=f"198.51.100.{n}")
    sign_in(client, "carol", PASSWORD, address="203.0.113.9")
    assert not signed_in(client)


def test_an_address_trying_many_names_is_locked(client, viewer_carol):
    for n in range(20):
        sign_in(client, f"guess{n}", WRONG)
    response = sign_in(client, "carol", PASSWORD)
    assert not signed_in(client)
    assert "Too many failed attempts" in response.text
    sign_in(client, "carol", PASSWORD, address="203.0.113.9")
    assert signed_in(client)


def test_a_few_failures_then_the_right_password_signs_in_and_starts_over(client, viewer_carol):
    for _ in range(4):
        sign_in(client, "carol", WRONG)
    sign_in(client, "carol", PASSWORD)
    assert signed_in(client)
    client.logout()
    for _ in range(4):
        sign_in(client, "carol", WRONG)
    sign_in(client, "carol", PASSWORD)
    assert signed_in(client)


def test_the_lock_ends(client, viewer_carol, settings):
    settings.SIGN_IN_LOCKOUT_SECONDS = 1
    for _ in range(5):
        sign_in(client, "carol", WRONG)

    time.sleep(1.1)
    sign_in(client, "carol", PASSWORD)
    assert signed_in(client)


def test_django_admin_sign_in_is_locked_too(client, db):

    make_user("root", None, staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": WRONG})
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert not signed_in(client)
    assert "Too many failed attempts" in response.text


def test_bad_api_tokens_lock_the_address(viewer_carol):
    _, key = token_issue(viewer_carol, viewer_carol, "script")
    api = APIClient(REMOTE_ADDR="198.51.100.7")
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    answers = [api.get("/api/findings/").status_code for _ in range(20)]
    assert answers == [401] * 19 + [429]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    refused = api.get("/api/findings/")
    assert refused.status_code == 429
    assert "Too many failed attempts" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 800
    elsewhere = APIClient(REMOTE_ADDR="203.0.113.9")
    elsewhere.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert elsewhere.get("/api/findings/").status_code == 200

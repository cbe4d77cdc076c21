"""Token and session authentication; 401 without credentials, never a sign-in redirect."""

import pytest
from rest_framework.test import APIClient

from guardduty_hub.api.models import ApiToken
from guardduty_hub.api.services import token_issue, token_revoke

pytestmark = pytest.mark.django_db


def test_no_credentials_is_401_with_token_challenge():
    response = APIClient().get("/api/accounts/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_token_request_is_answered_not_redirected_to_sign_in(analyst_bob, member_accounts):
    _, key = token_issue(analyst_bob, analyst_bob, "script")
    response = APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert {a["account_id"] for a in response.json()["results"]} == {
        a.account_id for a in member_accounts
    }


def test_bearer_keyword_works_too(analyst_bob):
    _, key = token_issue(analyst_bob, analyst_bob, "script")
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


@pytest.mark.parametrize("header", ["Token", "Token gdh_wrong", "Token a b", "Basic Zm9vOmJhcg=="])
def test_bad_or_foreign_credentials_are_401(header):
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=header).status_code == 401


def test_revoked_token_is_401(analyst_bob):
    token, key = token_issue(analyst_bob, analyst_bob, "script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/accounts/").status_code == 200
    assert token_revoke(analyst_bob, token)
    assert client.get("/api/accounts/").status_code == 401


def test_token_of_deactivated_user_is_401(analyst_bob):
    _, key = token_issue(analyst_bob, analyst_bob, "script")
    analyst_bob.is_active = False
    analyst_bob.save()
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_only_a_digest_of_the_key_is_stored(analyst_bob):
    token, key = token_issue(analyst_bob, analyst_bob, "script")
    token.refresh_from_db()
    assert key not in {token.digest, token.prefix}
    assert key.startswith(token.prefix)
    assert not ApiToken.objects.filter(digest__contains=key).exists()


def test_session_works_for_the_browser(client, viewer_carol):
    client.force_login(viewer_carol)
    assert client.get("/api/accounts/").status_code == 200


def test_session_writes_need_csrf(viewer_carol, admin_alice, administrator_account):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(admin_alice)
    response = client.post(
        "/api/membership-operations/",
        {"administrator": "999999999999", "accounts": ["111111111111"]},
        format="json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_last_used_is_recorded(analyst_bob):
    token, key = token_issue(analyst_bob, analyst_bob, "script")
    assert token.last_used_at is None
    APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}")
    token.refresh_from_db()
    assert token.last_used_at is not None

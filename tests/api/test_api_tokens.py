"""People issue and revoke their own tokens on a page; Admins do it for anyone in Django admin."""

import re

import pytest
from rest_framework.test import APIClient

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.api.models import ApiToken
from guardduty_hub.api.services import token_issue

pytestmark = pytest.mark.django_db


def _key_in(html: str) -> str:
    match = re.search(r'data-testid="new-key">(gdh_[\w-]+)<', html)
    assert match, "the new key is shown"
    return match.group(1)


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/api-tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_issue_shows_the_key_once_and_it_works(client, viewer_carol):
    client.force_login(viewer_carol)
    response = client.post("/api-tokens/", {"name": "SIEM export"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    key = _key_in(response.content.decode())
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    listing = client.get("/api-tokens/").content.decode()
    assert "SIEM export" in listing
    assert key not in listing
    assert AuditEvent.objects.filter(action="api_token.issue", actor=viewer_carol).exists()


def test_revoke_from_the_page(client, viewer_carol):
    token, key = token_issue(viewer_carol, viewer_carol, "laptop")
    client.force_login(viewer_carol)
    response = client.post(f"/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke").count() == 1


def test_cannot_see_or_revoke_someone_elses_token(client, viewer_carol, analyst_bob):
    token, _ = token_issue(analyst_bob, analyst_bob, "bob's script")
    client.force_login(viewer_carol)
    assert "bob's script" not in client.get("/api-tokens/").content.decode()
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_user_without_role_cannot_issue(client, outsider_erin):
    client.force_login(outsider_erin)
    assert client.post("/api-tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_admin_issues_a_token_for_someone_in_django_admin(client, admin_alice, analyst_bob):
    client.force_login(admin_alice)
    response = client.post(
        "/admin/api/apitoken/add/", {"user": analyst_bob.pk, "name": "for bob"}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=analyst_bob)
    assert token.created_by == admin_alice
    text = response.content.decode()
    key = re.search(r"(gdh_[\w-]+) — copy it now", text).group(1)
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_admin_revokes_tokens_in_django_admin(client, admin_alice, analyst_bob):
    token, key = token_issue(analyst_bob, analyst_bob, "bob's")
    client.force_login(admin_alice)
    response = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
        follow=True,
    )
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert APIClient().get("/api/accounts/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_analyst_has_no_access_to_token_admin(client, analyst_bob):
    analyst_bob.is_staff = True
    analyst_bob.save()
    client.force_login(analyst_bob)
    assert client.get("/admin/api/apitoken/").status_code == 403

"""The API docs page is a hub page: the hub's header leads back, and it says how to sign in.

The schema declares both ways in (session and token) on every operation, so Swagger UI's
Authorize dialog and generated clients know them.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _docs(client, user) -> str:
    client.force_login(user)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    return response.content.decode()


def test_docs_page_has_the_hub_header_and_a_way_back(client, viewer_carol):
    html = _docs(client, viewer_carol)
    assert 'class="topbar"' in html
    assert f'class="brand" href="{reverse("home")}"' in html
    assert f'href="{reverse("findings:list")}"' in html  # the hub's navigation, not a dead end
    # The hub's styles and Swagger UI's, both from our static files.
    assert "/static/css/hub.css" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert 'id="swagger-ui"' in html
    assert "cdn" not in html.lower()


def test_docs_page_says_how_to_authenticate(client, viewer_carol):
    html = _docs(client, viewer_carol)
    note = html[html.index('id="api-auth"') :]
    note = note[: note.index("</section>")]
    assert "How to authenticate" in note
    assert "carol" in note  # signed in: the session works here as is
    assert "Authorization: Token &lt;key&gt;" in note
    assert f'href="{reverse("api_tokens:list")}"' in note


def test_docs_page_still_sends_the_csrf_token_for_session_requests(client, viewer_carol):
    # Swagger UI's "Try it out" on a POST with the session needs Django's CSRF header.
    html = _docs(client, viewer_carol)
    assert '<script src="/api/docs/?script="></script>' in html  # no inline script (CSP)
    script = client.get("/api/docs/?script=").content.decode()
    assert 'request.headers["X-CSRFTOKEN"]' in script
    assert 'request.headers["X-CSRFTOKEN"] = ""' not in script


def test_hostile_user_name_is_escaped_in_the_note(client, viewer_carol):
    viewer_carol.first_name = "<script>alert(1)</script>"
    viewer_carol.save()
    html = _docs(client, viewer_carol)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_schema_declares_session_and_token_auth_on_every_operation(client, viewer_carol):
    client.force_login(viewer_carol)
    schema = client.get("/api/schema/?format=json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["cookieAuth"]["in"] == "cookie"
    assert schemes["cookieAuth"]["name"] == "sessionid"
    assert "sign" in schemes["cookieAuth"]["description"].lower()
    assert schemes["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": schemes["tokenAuth"]["description"],
    }
    assert "Token <key>" in schemes["tokenAuth"]["description"]
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations
    for operation in operations:
        names = {name for requirement in operation["security"] for name in requirement}
        assert names == {"cookieAuth", "tokenAuth"}, operation["operationId"]

"""The OpenAPI schema generates without warnings; the docs page needs no CDN."""

import io
import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_without_warnings_and_validates():
    out = io.StringIO()
    # --fail-on-warn raises on any warning or error of drf-spectacular.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    assert "/api/accounts/" in schema["paths"]


def test_schema_and_docs_need_sign_in(client):
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code == 401


def test_docs_page_serves_swagger_ui_from_our_static_files(client, viewer_carol):
    client.force_login(viewer_carol)
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    # Every script and stylesheet comes from this host: no address with a scheme or "//".
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert addresses
    assert not [a for a in addresses if a.startswith(("http:", "https:", "//"))]
    assert 'href="/api/schema/"' in html
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "GuardDuty Hub API"

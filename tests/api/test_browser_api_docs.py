"""In a real browser: the API docs page draws Swagger UI inside the hub, and leads back."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_docs_render_and_lead_back_to_the_hub(signed_in_page, viewer_carol):
    page = signed_in_page(viewer_carol, "/")
    page.locator(".userbox").get_by_role("link", name="API docs").click()
    expect(page).to_have_url(re.compile(r"/api/docs/$"))
    # Swagger UI loaded the schema with the session and drew the operations.
    expect(page.locator("#swagger-ui .opblock-tag").first).to_be_visible()
    expect(page.locator("#swagger-ui")).to_contain_text("/api/findings/")
    expect(page.locator("#api-auth")).to_contain_text("Authorization: Token <key>")

    page.locator("#api-auth").get_by_role("link", name="your API tokens").click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    page.go_back()
    page.locator(".topbar .brand").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_docs_opened_signed_out_open_after_sign_in(page, live_server, viewer_carol):
    page.goto(live_server.url + "/api/docs/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/api/docs/$"))
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/api/docs/")
    expect(page.get_by_role("heading", name="REST API")).to_be_visible()
    expect(page.locator("#swagger-ui")).to_contain_text("/api/findings/")

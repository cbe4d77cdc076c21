"""In a real browser: a link to a finding opened while signed out leads, after sign-in, to that
finding (filters kept); signed out again, the page is closed."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_finding

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_shared_link_opens_after_sign_in(page, live_server, viewer_carol):
    finding = make_finding(title="Shared in chat", severity=8.0)
    link = f"/findings/{finding.pk}/?back={quote('/findings/?severity=3', safe='/')}"
    page.goto(live_server.url + link)
    expect(page).to_have_url(re.compile(r"/login/\?next="))
    expect(page.locator("#finding-title")).to_have_count(0)

    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + link)
    expect(page.locator("#finding-title")).to_have_text("Shared in chat")
    expect(page.locator("#back-to-list")).to_have_attribute("href", "/findings/?severity=3")

    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + link)
    expect(page).to_have_url(re.compile(r"/login/\?next="))

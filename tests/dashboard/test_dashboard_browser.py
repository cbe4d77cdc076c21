"""In a real browser: open the dashboard, follow a card to the finding list it counts."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_follow_a_card_to_its_list(signed_in_page, viewer_carol, findings):
    page = signed_in_page(viewer_carol, "/")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    high = page.locator('[data-band="High"]')
    expect(high.locator(".dash-big")).to_have_text("3")

    high.locator(".dash-big").click()
    expect(page).to_have_url(re.compile(r"/findings/\?severity=3$"))
    expect(page.locator("#findings-total")).to_contain_text("3 findings")
    rows = page.locator("#findings-results tbody tr")
    expect(rows).to_have_count(3)

    page.go_back()
    page.get_by_role("link", name="1 new in 24 h").first.click()  # Critical, the first card
    expect(page).to_have_url(re.compile(r"severity=4&first_seen_after="))
    expect(page.locator("#findings-total")).to_contain_text("1 finding")


@pytest.mark.django_db(transaction=True)
def test_chart_bar_and_top_account_lead_to_their_lists(signed_in_page, viewer_carol, findings):
    page = signed_in_page(viewer_carol, "/?days=90")
    page.locator('section[aria-label="Top accounts"] a').first.click()
    expect(page).to_have_url(re.compile(r"/findings/\?account=111111111111$"))
    expect(page.locator("#findings-total")).to_contain_text("3 findings")

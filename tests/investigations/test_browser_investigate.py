"""In a real browser: from a finding to its remote IP's page (findings of two accounts and two
regions on one page), back, and on to a related finding, with guidance on each finding page."""

import re

import pytest
from playwright.sync_api import expect

from tests.investigations.world import (
    SCANNER_IP,
    on_the_same_host,
    scanner_world,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_a_finding_to_its_remote_ip_and_on_to_a_related_finding(signed_in_page, analyst_bob):
    world = scanner_world()
    start = world[("111111111111", "us-east-1")]
    closest = on_the_same_host(start, "Same host, same IP")
    page = signed_in_page(analyst_bob, f"/findings/{start.pk}/")
    expect(page.locator("#guidance")).to_contain_text("Check first")

    page.locator("#remote-party").get_by_role("link", name=SCANNER_IP).click()
    expect(page).to_have_url(re.compile(rf"/investigate/ip/{re.escape(SCANNER_IP)}/$"))
    expect(page.locator("#indicator-summary")).to_contain_text("AS64501")
    # (The fifth finding happened in us-east-1 too, though listed by another region's detector.)
    timeline = page.locator("#indicator-timeline tbody tr")
    expect(timeline).to_have_count(4)
    for account in ("111111111111", "222222222222"):
        expect(page.locator("#indicator-timeline")).to_contain_text(account)
    for region in ("us-east-1", "eu-west-1"):
        expect(page.locator("#indicator-timeline")).to_contain_text(region)
    rows = page.locator("#indicator-findings tbody tr")
    expect(rows).to_have_count(5)
    expect(page.locator("#indicator-findings")).to_contain_text("222222222222")

    page.go_back()
    related = page.locator("#related li").first
    expect(related).to_contain_text("2 shared indicators")
    related.get_by_role("link", name="Same host, same IP").click()
    expect(page).to_have_url(re.compile(rf"/findings/{closest.pk}/$"))
    expect(page.locator("#finding-title")).to_have_text("Same host, same IP")
    expect(page.locator("#guidance")).to_be_visible()

"""In a real browser: from a filtered list to a finding, triage it, and back to the same list."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_finding
from tests.triage.conftest import MEMBER_IDS

pytestmark = pytest.mark.django_db(transaction=True)


def test_triage_on_the_detail_page_and_back_to_the_filtered_list(
    signed_in_page, analyst_bob, accounts
):
    wanted = make_finding(severity=8.0, title="Look at me", account_id=MEMBER_IDS[1])
    make_finding(severity=8.0, title="Another high")
    make_finding(severity=2.0, title="A low one")
    page = signed_in_page(analyst_bob, "/findings/?severity=3")
    expect(page.locator("#findings-total")).to_contain_text("2 findings")

    page.get_by_role("link", name="Look at me").click()
    expect(page.locator("#finding-title")).to_have_text("Look at me")
    expect(page.locator("#type-words")).to_contain_text("reconnaissance ahead of an attack")
    page.locator("#id_status").select_option("investigating")
    page.get_by_role("button", name="Set status").click()
    expect(page.locator(".messages")).to_contain_text("1 finding set to status Investigating")
    expect(page.locator("#history")).to_contain_text("Status New → Investigating")

    page.get_by_role("link", name="← Findings").click()
    expect(page).to_have_url(re.compile(r"/findings/\?severity=3$"))
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    expect(page.locator(f'tr[data-finding="{wanted.pk}"]')).to_contain_text("Investigating")


def test_header_links_open_the_list_of_the_findings_account(signed_in_page, viewer_carol, accounts):
    finding = make_finding(account_id=MEMBER_IDS[2], title="Third account's")
    make_finding(account_id=MEMBER_IDS[0])
    page = signed_in_page(viewer_carol, f"/findings/{finding.pk}/")
    page.locator("#finding-meta").get_by_role("link", name=re.compile(MEMBER_IDS[2])).click()
    expect(page).to_have_url(re.compile(rf"/findings/\?account={MEMBER_IDS[2]}$"))
    expect(page.locator("#findings-total")).to_contain_text("1 finding")

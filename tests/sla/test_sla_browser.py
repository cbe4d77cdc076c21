"""In a real browser: narrow the list to overdue findings and read their Due column; follow the
dashboard's overdue count to the same list; read the clock on a finding's page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.choices import FindingStatus
from tests.factories import make_finding

DAY = timedelta(days=1)


@pytest.fixture
def findings(member_accounts):
    rows = {}
    for title, severity, status, ago in [
        ("Critical left New", 9.5, FindingStatus.NEW, 3 * DAY),  # ack due after 1 h
        ("High under investigation", 8.0, FindingStatus.INVESTIGATING, 9 * DAY),  # 7 days
        ("High just in", 8.0, FindingStatus.NEW, timedelta(hours=1)),  # ack due in 3 h
        ("Medium resolved", 5.0, FindingStatus.RESOLVED, 60 * DAY),  # no clock
    ]:
        rows[title] = make_finding(
            account_id=member_accounts[0].account_id,
            title=title,
            severity=severity,
            status=status,
            first_seen_ago=ago,
        )
    return rows


@pytest.mark.django_db(transaction=True)
def test_filter_to_overdue_and_follow_the_dashboard_count(signed_in_page, viewer_carol, findings):
    page = signed_in_page(viewer_carol, "/findings/")
    rows = page.locator("#findings-results tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#findings-results thead")).to_contain_text("Due")

    page.get_by_label("SLA").select_option("overdue")
    expect(page).to_have_url(re.compile(r"sla=overdue"))
    expect(rows).to_have_count(2)
    critical = rows.filter(has_text="Critical left New")
    expect(critical.locator('td[data-label="Due"]')).to_have_text("overdue by 2 days")
    high = rows.filter(has_text="High under investigation")
    expect(high.locator('td[data-label="Due"]')).to_have_text("overdue by 2 days")

    page.get_by_label("SLA").select_option("due_24h")
    expect(rows).to_have_count(1)
    expect(rows.first.locator('td[data-label="Due"]')).to_have_text("due in 2 h")

    page.goto(page.url.split("/findings/")[0] + "/")
    card = page.locator('[data-band="Critical"]')
    expect(card.locator(".dash-overdue")).to_have_text("Overdue: 1")
    card.locator(".dash-overdue").click()
    expect(page).to_have_url(re.compile(r"/findings/\?severity=4&sla=overdue$"))
    expect(page.locator("#findings-total")).to_contain_text("1 finding")
    expect(rows).to_have_count(1)

    rows.first.get_by_role("link", name="Critical left New").click()
    expect(page.locator("#sla-clock")).to_have_text("To acknowledge: overdue by 2 days.")

"""In a real browser: the finding list is readable on 1280-1440 px screens."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from guardduty_hub.core import roles
from tests.factories import NOW, make_finding
from tests.fixtures.personas import make_user
from tests.triage.conftest import MEMBER_IDS

pytestmark = pytest.mark.django_db(transaction=True)

# How many lines the text of an element takes.
LINES = """e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""


@pytest.mark.parametrize("width", [1280, 1440])
def test_every_column_fits_and_types_wrap_at_their_parts(
    signed_in_page, analyst_bob, accounts, width
):
    someone = make_user("a-rather-long-user-name", roles.ANALYST)
    make_finding(
        type="PrivilegeEscalation:Runtime/ContainerMountsHostDirectory",
        title="Potential compromise of EKS cluster production-eks-0630 " * 4,
        resource_id="arn:aws:s3:::a-very-long-bucket-name-for-logs-of-production-systems",
        status="acknowledged",
        assignee=someone,
    )
    make_finding(type="CredentialAccess:IAMUser/AnomalousBehavior", status="false_positive")
    page = signed_in_page(analyst_bob)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.url.rstrip("/") + "/findings/")
    results = page.locator("#findings-results")
    expect(results.locator("table.findings tbody tr")).to_have_count(2)
    # No sideways scrolling: the last column (status and assignee) is on screen.
    widths = results.evaluate(
        "e => [e.scrollWidth, e.clientWidth, ...[...e.querySelectorAll('tbody tr:first-child td')].map(c => Math.round(c.getBoundingClientRect().width))]"
    )
    assert widths[0] <= widths[1], widths
    expect(page.locator("td .assignee", has_text="a-rather-long-user-name")).to_be_in_viewport()
    # The type column is wide enough for a part of a type: 'AnomalousBehavior' on one line.
    types = page.locator("td.type")
    # Parts of up to 20 letters stay whole: lines end at ':' or '/' only.
    lines = types.last.inner_text().splitlines()
    assert "".join(lines) == "CredentialAccess:IAMUser/AnomalousBehavior"
    assert all(line.endswith((":", "/")) for line in lines[:-1]), lines
    # A longer part may break between its words: 4 lines, not 20.
    assert 1 <= types.first.evaluate(LINES) <= 4
    assert types.first.evaluate("e => e.getBoundingClientRect().width") > 120


def test_bulk_bar_shows_only_what_the_chosen_action_needs(signed_in_page, analyst_bob, accounts):
    make_finding()
    page = signed_in_page(analyst_bob, "/findings/")
    action = page.locator("#id_bulk_action")
    fields = {
        "status": page.locator("#id_bulk_status"),
        "assignee": page.locator("#id_bulk_assignee"),
    }
    expect(action).to_have_value("")
    # (action chosen, the one field it needs); "" is the page as it opens.
    for choice, needs in (
        ("", None),
        ("status", "status"),
        ("assign", "assignee"),
        ("archive", None),
    ):
        if choice:
            action.select_option(choice)
        for name, field in fields.items():
            if name == needs:
                expect(field).to_be_visible()
            else:
                expect(field).to_be_hidden()
    # Nothing chosen: the browser does not send the form.
    action.select_option("")
    page.get_by_role("button", name="Apply").click()
    assert action.evaluate("e => !e.validity.valid")


def test_select_all_checks_the_rows_of_the_page(signed_in_page, analyst_bob, accounts):
    findings = [make_finding(title=f"Pick me {n}") for n in range(3)]
    page = signed_in_page(analyst_bob, "/findings/")
    select_all = page.get_by_label("Select all findings on this page")
    rows = [page.get_by_label(f"Select finding {f.pk}") for f in findings]
    select_all.check()
    for row in rows:
        expect(row).to_be_checked()
    rows[0].uncheck()
    assert select_all.evaluate("e => e.indeterminate")
    select_all.click()  # some checked: a click checks them all
    for row in rows:
        expect(row).to_be_checked()
    select_all.uncheck()
    for row in rows:
        expect(row).not_to_be_checked()
    # After filtering in place, it selects the new page's rows.
    select_all.check()
    page.get_by_label("High").check()
    expect(page.locator("#findings-total")).to_contain_text("0 findings")
    expect(select_all).not_to_be_checked()


def test_pager_shows_the_position_while_paging_in_place(signed_in_page, analyst_bob, accounts):
    for n in range(30):
        make_finding(severity=5.0 + n / 100)
    page = signed_in_page(analyst_bob, "/findings/?per_page=25")
    where = page.locator("#page-range")
    expect(where).to_have_text("1\u201325 of 30")
    page.get_by_role("link", name="Next →").click()
    expect(where).to_have_text("26\u201330 of 30")
    page.get_by_role("link", name="← Previous").click()
    expect(where).to_have_text("1\u201325 of 30")


def test_filtering_pushes_a_short_url(signed_in_page, analyst_bob, accounts):
    make_finding(severity=8.0)
    page = signed_in_page(analyst_bob, "/findings/")
    page.get_by_label("High").check()
    expect(page.locator("#findings-total")).to_contain_text("1 finding")
    expect(page).to_have_url(re.compile(r"/findings/\?severity=3$"))
    page.locator("#id_q").fill("nothing-like-this")
    page.locator("#id_q").press("Enter")
    expect(page.locator("#findings-total")).to_contain_text("0 findings")
    expect(page).to_have_url(re.compile(r"/findings/\?q=nothing-like-this&severity=3$"))


def test_pick_accounts_from_a_checkbox_dropdown(signed_in_page, analyst_bob, accounts):
    for account_id in MEMBER_IDS:
        make_finding(account_id=account_id)
    page = signed_in_page(analyst_bob, "/findings/")
    dropdown = page.locator("#id_account")
    expect(dropdown.locator("summary")).to_contain_text("Any")
    dropdown.locator("summary").click()
    dropdown.get_by_label("Member 2").check()
    expect(page.locator("#findings-total")).to_contain_text("1 finding")
    dropdown.get_by_label("Member 3").check()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    expect(dropdown.locator("summary")).to_contain_text("Member 2, Member 3")
    expect(page).to_have_url(
        re.compile(rf"/findings/\?account={MEMBER_IDS[1]}&account={MEMBER_IDS[2]}$")
    )
    # Name and id both readable, not cut off.
    choice = dropdown.locator("label", has_text="Member 2")
    expect(choice).to_contain_text(MEMBER_IDS[1])
    assert choice.evaluate("e => e.scrollWidth <= e.clientWidth")


def test_pick_a_time_range_with_the_browser_picker(signed_in_page, analyst_bob, accounts):
    make_finding(title="Seen long ago", last_seen_at=NOW - timedelta(days=30))
    make_finding(title="Seen lately", last_seen_at=NOW - timedelta(hours=1))
    page = signed_in_page(analyst_bob, "/findings/")
    start = page.locator("#id_last_seen_0")
    assert start.get_attribute("type") == "datetime-local"
    start.fill((NOW - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    start.dispatch_event("change")
    expect(page.locator("#findings-total")).to_contain_text("1 finding")
    expect(page.locator("table.findings")).to_contain_text("Seen lately")
    expect(page).to_have_url(re.compile(r"last_seen_after=2025-05-30T12%3A00$"))

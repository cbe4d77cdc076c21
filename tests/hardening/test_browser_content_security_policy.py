"""Every page is served with a Content-Security-Policy and keeps working under it: no page
reports a violation in Chromium, and what the inline scripts did still works (issue 13.8)."""

import re

import pytest
from playwright.sync_api import expect

from guardduty_hub.accounts.models import AccountKind, AwsAccount, MembershipOperation
from guardduty_hub.core import roles
from guardduty_hub.core.security import HEADER
from tests.factories import make_finding
from tests.fixtures.personas import make_user

pytestmark = pytest.mark.django_db(transaction=True)

# Recorded by the page itself: the browser fires this event for every refused script, style,
# image or connection (the console says the same, but this also catches reports in frames).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

PAGES = [
    "/",
    "/findings/",
    "/findings/{finding}/",
    "/findings/audit/",
    "/findings/preferences/",
    "/findings/samples/",
    "/accounts/",
    "/accounts/add/",
    "/accounts/import/",
    "/accounts/administrators/",
    "/accounts/administrators/new/",
    "/accounts/operations/{operation}/",
    "/sync/",
    "/api/docs/",
    "/api-tokens/",
    "/admin/",
    "/admin/api/apitoken/",
    "/admin/api/apitoken/add/",
]


@pytest.fixture
def world(member_accounts):
    """A finding, an administrator and a membership operation still running."""
    admin = AwsAccount.objects.create(
        account_id="999999999999", name="Security", kind=AccountKind.ADMINISTRATOR
    )
    operation = MembershipOperation.objects.create(
        kind="invite", administrator=admin, state="running"
    )
    finding = make_finding(account_id=member_accounts[0].account_id, administrator=admin)
    return {"finding": finding.pk, "operation": operation.pk}


@pytest.fixture
def root(db):
    return make_user("root", roles.ADMIN, staff=True)


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from the console and from the event."""
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations() -> list[str]:
        return console + page.evaluate("window.__csp || []")

    page.violations = violations
    return page


def test_no_page_violates_the_policy(watched, signed_in_page, live_server, root, world):
    signed_in_page(root, "/")
    found = {}
    for template in PAGES:
        path = template.format(**world)
        response = watched.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers[HEADER.lower()], path
        watched.wait_for_load_state("networkidle")
        if watched.violations():
            found[path] = watched.violations()
        watched.evaluate("window.__csp = []")
    assert not found


def test_the_sign_in_page_has_no_violation(watched, live_server, transactional_db):
    watched.goto(live_server.url + "/login/")
    expect(watched.get_by_role("button", name="Sign in")).to_be_visible()
    assert not watched.violations()


def test_what_inline_scripts_did_still_works(watched, signed_in_page, live_server, root, world):
    page = signed_in_page(root, "/findings/")
    # htmx: a filter change reloads the table in place and pushes the URL.
    page.locator("#filter-form input[name=severity]").first.check()
    expect(page).to_have_url(re.compile(r"[?&]severity="))

    # The accounts table's "select all".
    page.goto(live_server.url + "/accounts/")
    page.get_by_label("Select all").check()
    boxes = page.locator("input[name=account]")
    expect(boxes).to_have_count(3)
    for n in range(3):
        expect(boxes.nth(n)).to_be_checked()

    # "Another row" on the add-accounts form.
    page.goto(live_server.url + "/accounts/add/")
    rows = page.locator("#rows tbody tr")
    before = rows.count()
    page.get_by_role("button", name="Another row").click()
    expect(rows).to_have_count(before + 1)

    # A running operation's page polls its progress.
    with page.expect_request(re.compile(r"\?partial=1$")):
        page.goto(live_server.url + f"/accounts/operations/{world['operation']}/")

    # Swagger UI renders the schema.
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("GuardDuty Hub API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert not page.violations()

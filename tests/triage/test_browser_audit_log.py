"""In a real browser: an Admin reads the audit log, narrows it by action, person and day."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings import services
from tests.factories import make_finding
from tests.triage.conftest import ADMIN_ID, MEMBER_IDS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def history(accounts, analyst_bob, admin_alice):
    """Bob triages one finding, Alice assigns another and saves a view; one event is old."""
    watched = make_finding(title="Watched finding")
    other = make_finding(title="Other finding")
    services.finding_set_status(analyst_bob, [watched], "investigating")
    services.finding_note_add(analyst_bob, watched, "Looked at it")
    services.finding_assign(admin_alice, [other], analyst_bob)
    services.saved_view_save(analyst_bob, "Highs", "severity=3")
    old = AuditEvent.objects.get(action="savedview.save")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    return watched


def test_filter_the_log_by_action_person_and_day(signed_in_page, admin_alice, history):
    page = signed_in_page(admin_alice, "/findings/audit/")
    rows = page.locator("table.audit tbody tr")
    expect(page.locator("#audit-total")).to_have_text("4 events")
    expect(rows.first).to_contain_text("Assigned to bob")  # newest first

    page.get_by_label("Action starts with").fill("finding.")
    page.get_by_label("Who").fill("bob")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"action=finding\.&actor=bob"))
    expect(page.locator("#audit-total")).to_have_text("2 events")
    expect(rows.nth(0)).to_contain_text("Added a note")
    expect(rows.nth(1)).to_contain_text("Status New → Investigating")
    expect(page.locator("table.audit")).not_to_contain_text("Assigned to")

    # A day range that holds only the old saved-view event.
    page.get_by_role("link", name="Clear").click()
    expect(page.locator("#audit-total")).to_have_text("4 events")
    day = (timezone.now() - timedelta(days=40)).date()
    page.locator("input[name=created_after]").fill((day - timedelta(days=1)).isoformat())
    page.locator("input[name=created_before]").fill((day + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#audit-total")).to_have_text("1 event")
    expect(rows.first).to_contain_text("savedview.save")

    # A filter nothing matches says so (not "Nothing has happened yet").
    page.get_by_label("Who").fill("nobody-at-all")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#audit-total")).to_have_text("0 events")
    expect(rows.first).to_have_text("No events match these filters.")


def test_an_event_leads_to_its_finding(signed_in_page, admin_alice, history):
    page = signed_in_page(admin_alice, "/findings/audit/?action=finding.status")
    expect(page.locator("#audit-total")).to_have_text("1 event")
    # Events name a finding by its title and type, as it was when the event happened.
    page.locator("table.audit").get_by_role("link", name=re.compile("Watched finding")).click()
    expect(page).to_have_url(re.compile(rf"/findings/{history.pk}/$"))
    expect(page.locator("#history")).to_contain_text("Status New → Investigating")


def test_account_events_read_as_sentences_with_the_hubs_labels(
    signed_in_page, admin_alice, accounts
):
    """Issue 15.10: membership statuses by their labels, counts in English, no Python dicts."""
    member = accounts[MEMBER_IDS[0]]
    audit_record(
        None,
        "membership.status",
        ("accounts.awsaccount", member.pk),
        label=f"{member} in us-east-1",
        region="us-east-1",
        administrator=ADMIN_ID,
        before="EmailVerificationInProgress",
        after="Enabled",
    )
    audit_record(
        admin_alice,
        "accounts.add",
        ("accounts.awsaccount", "bulk"),
        label="1 account",
        count=1,
        account_ids=[member.account_id],
    )
    audit_record(
        admin_alice,
        "invitation.accept",
        member,
        administrator=ADMIN_ID,
        regions={"us-east-1": "ok", "eu-west-1": "Access denied"},
        on_behalf=True,
    )
    page = signed_in_page(admin_alice, "/findings/audit/")
    table = page.locator("table.audit")
    rows = table.locator("tbody tr")
    expect(page.locator("#audit-total")).to_have_text("3 events")
    expect(rows.nth(0)).to_contain_text(
        f"Accepted the invitation of administrator {ADMIN_ID}, on the member's behalf"
    )
    expect(rows.nth(0)).to_contain_text("eu-west-1: Access denied; us-east-1: done")
    expect(rows.nth(1)).to_contain_text("Added 1 account")
    expect(rows.nth(2)).to_contain_text(
        f"Status under {ADMIN_ID} in us-east-1: Verifying email → Enabled"
    )
    expect(rows.nth(2)).to_contain_text("Was: Verifying email")
    for raw in ("EmailVerificationInProgress", "{'", "['", "True", "account(s)"):
        expect(table).not_to_contain_text(raw)

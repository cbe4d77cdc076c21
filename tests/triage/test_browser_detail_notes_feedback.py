"""In a real browser, on a finding's page: feedback to GuardDuty, assign, and add a note."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import Finding, FindingNote
from tests.fixtures.simulator import ADMIN_ACCOUNT

pytestmark = pytest.mark.django_db(transaction=True)


def feedback_in_guardduty(sim, finding: Finding) -> str | None:
    """UserFeedback of the finding as the administrator's detector reports it (boto3)."""
    gd = sim.guardduty(ADMIN_ACCOUNT, finding.api_region)
    answer = gd.get_findings(
        DetectorId=sim.detector(ADMIN_ACCOUNT, finding.api_region),
        FindingIds=[finding.guardduty_id],
    )
    return answer["Findings"][0]["Service"].get("UserFeedback")


def test_feedback_reaches_guardduty_and_shows_as_pressed(
    signed_in_page,
    analyst_bob,
    accounts,
    synced_world,
):
    target = Finding.objects.get(title="Port probe two")
    page = signed_in_page(analyst_bob, f"/findings/{target.pk}/")
    feedback = page.get_by_role("group", name="Feedback to GuardDuty")
    expect(feedback.get_by_role("button", name="Useful", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )

    feedback.get_by_role("button", name="Not useful").click()
    expect(page.locator(".messages")).to_contain_text("1 finding marked not useful")
    expect(feedback.get_by_role("button", name="Not useful")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert feedback_in_guardduty(synced_world, target) == "NOT_USEFUL"
    target.refresh_from_db()
    assert target.feedback == "NOT_USEFUL"
    other = Finding.objects.get(title="Port probe one")
    assert feedback_in_guardduty(synced_world, other) is None

    feedback.get_by_role("button", name="Useful", exact=True).click()
    expect(feedback.get_by_role("button", name="Useful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(feedback.get_by_role("button", name="Not useful")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert feedback_in_guardduty(synced_world, target) == "USEFUL"


def test_assign_and_add_a_note(signed_in_page, analyst_bob, admin_alice, accounts):
    from tests.factories import make_finding

    finding = make_finding(title="Needs an owner", severity=5.0)
    page = signed_in_page(analyst_bob, "/findings/?severity=2")
    page.get_by_role("link", name="Needs an owner").click()
    expect(page.locator("#notes")).to_contain_text("No notes yet.")

    page.locator("#id_assignee").select_option(label="alice")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".messages")).to_contain_text("1 finding assigned to alice")
    expect(page.locator("#id_assignee")).to_have_value(admin_alice.username)
    finding.refresh_from_db()
    assert finding.assignee == admin_alice

    note = "Checked the SG: port 22 open to <b>0.0.0.0/0</b>; closing it."
    page.get_by_label("Add a note").fill(note)
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".messages")).to_contain_text("Note added.")
    notes = page.locator("#notes")
    expect(notes).to_contain_text(note)  # markup shown as text, never rendered
    expect(notes.locator("b")).to_have_count(0)
    expect(notes).to_contain_text("bob")
    # The way back still keeps the list's filters after both actions.
    expect(page.locator("#back-to-list")).to_have_attribute("href", "/findings/?severity=2")
    assert list(FindingNote.objects.filter(finding=finding).values_list("body", flat=True)) == [
        note
    ]

"""An analyst's flows in a real browser (Chromium via Playwright): filter, read, triage, export."""

import re

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import Finding
from tests.factories import make_finding
from tests.triage.conftest import MEMBER_IDS

pytestmark = pytest.mark.django_db(transaction=True)


def test_filter_by_severity_and_account_then_open_detail(signed_in_page, analyst_bob, accounts):
    wanted = make_finding(severity=8.0, account_id=MEMBER_IDS[1], title="High in member two")
    make_finding(severity=8.0, account_id=MEMBER_IDS[0], title="High in member one")
    make_finding(severity=2.0, account_id=MEMBER_IDS[1], title="Low in member two")
    page = signed_in_page(analyst_bob, "/findings/")
    expect(page.locator("#findings-total")).to_contain_text("3 findings")

    page.get_by_label("High").check()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    expect(page).to_have_url(re.compile(r"severity=3"))
    page.locator("#id_account summary").click()
    page.locator("#id_account").get_by_label("Member 2").check()
    expect(page.locator("#findings-total")).to_contain_text("1 finding")
    expect(page).to_have_url(re.compile(rf"account={MEMBER_IDS[1]}"))
    rows = page.locator("table.findings tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("High in member two")
    expect(rows.first).to_contain_text("Member 2")

    page.get_by_role("link", name="High in member two").click()
    expect(page).to_have_url(re.compile(rf"/findings/{wanted.pk}/$"))
    expect(page.locator("#finding-title")).to_have_text("High in member two")
    page.get_by_text("Raw finding (JSON)").click()
    expect(page.locator("#raw-json")).to_be_visible()


def test_bulk_assign_three_findings(signed_in_page, analyst_bob, admin_alice, accounts):
    findings = [make_finding(title=f"Assign me {n}") for n in range(4)]
    page = signed_in_page(analyst_bob, "/findings/")
    for finding in findings[:3]:
        page.get_by_label(f"Select finding {finding.pk}").check()
    page.locator("#id_bulk_action").select_option("assign")
    page.locator("#id_bulk_assignee").select_option(label="alice")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".messages")).to_contain_text("3 findings assigned")
    assigned = set(Finding.objects.filter(assignee=admin_alice).values_list("pk", flat=True))
    assert assigned == {f.pk for f in findings[:3]}
    expect(page.locator(f'tr[data-finding="{findings[0].pk}"]')).to_contain_text("alice")


def test_export_csv_of_the_filtered_list(signed_in_page, analyst_bob, accounts, tmp_path):
    make_finding(severity=9.5, title="=2+3 critical")
    make_finding(severity=2.0, title="a low one")
    page = signed_in_page(analyst_bob, "/findings/?severity=4")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    target = tmp_path / "export.csv"
    download_info.value.save_as(target)
    text = target.read_text()
    assert "'=2+3 critical" in text
    assert "a low one" not in text


def test_hostile_text_runs_no_script(signed_in_page, analyst_bob, accounts):
    finding = make_finding(
        title='<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
        description='<svg onload="window.__pwned = 3"></svg>',
    )
    page = signed_in_page(analyst_bob, "/findings/")
    expect(page.locator("table.findings")).to_contain_text("<script>window.__pwned = 1</script>")
    assert page.evaluate("window.__pwned") is None
    page.goto(page.url.split("/findings/")[0] + f"/findings/{finding.pk}/")
    expect(page.locator("#finding-title")).to_contain_text("<script>")
    assert page.evaluate("window.__pwned") is None


def test_archive_a_finding_and_see_it_leave_the_default_list(
    signed_in_page, analyst_bob, accounts, synced_world
):
    from guardduty_hub.simulator.findings import findings_of

    target = Finding.objects.get(title="Port probe two")
    page = signed_in_page(analyst_bob, f"/findings/{target.pk}/")
    page.get_by_role("button", name="Archive").click()
    expect(page.locator(".messages")).to_contain_text("1 finding archived")
    expect(page.get_by_role("button", name="Unarchive", exact=True)).to_be_visible()
    page.get_by_role("link", name="← Findings").click()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    expect(page.locator("table.findings")).not_to_contain_text("Port probe two")
    archived = {
        f["Title"]: f["Service"]["Archived"] for f in findings_of(MEMBER_IDS[0], "us-east-1")
    }
    assert archived == {"Port probe one": False, "Port probe two": True, "Port probe three": False}

"""In a real browser: an Admin generates sample findings; they sync in, hidden unless asked for."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import Finding
from tests.factories import make_finding
from tests.fixtures.simulator import ADMIN_ACCOUNT

pytestmark = pytest.mark.django_db(transaction=True)

REGION = "us-east-1"
TYPES = ["Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce"]


def test_admin_generates_samples_and_finds_them_with_the_sample_filter(
    signed_in_page, admin_alice, admin_region, gd_sim
):
    make_finding(title="A real finding")
    page = signed_in_page(admin_alice, "/findings/")
    page.get_by_role("link", name="Generate samples").click()
    expect(page.get_by_role("heading", name="Generate sample findings")).to_be_visible()
    page.get_by_label(ADMIN_ACCOUNT).check()
    expect(page.get_by_label("Regions")).to_have_values([REGION])  # the hub's region, chosen
    page.get_by_label("Finding types").fill("\n".join(TYPES))
    page.get_by_role("button", name="Generate").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Samples created in {ADMIN_ACCOUNT} / {REGION}"
    )

    # In GuardDuty (through boto3): exactly the two sample types, in the administrator's detector.
    gd = gd_sim.guardduty(None, REGION)
    ids = gd.list_findings(DetectorId=admin_region.detector_id)["FindingIds"]
    made = gd.get_findings(DetectorId=admin_region.detector_id, FindingIds=ids)["Findings"]
    assert sorted(f["Type"] for f in made) == sorted(TYPES)
    # The sync queued by the page brought them in, marked as samples.
    assert Finding.objects.filter(is_sample=True).count() == 2

    page.get_by_role("link", name="see the samples in the hub").click()
    expect(page.locator("#findings-total")).to_contain_text("2 findings")
    rows = page.locator("table.findings tbody tr")
    expect(rows).to_have_count(2)
    for n in range(2):
        expect(rows.nth(n)).to_contain_text("[SAMPLE]")

    # The default list hides them.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Findings").click()
    expect(page.locator("#findings-total")).to_contain_text("1 finding")
    expect(page.locator("table.findings")).to_contain_text("A real finding")
    expect(page.locator("table.findings")).not_to_contain_text("[SAMPLE]")


def test_an_analyst_is_not_offered_samples(signed_in_page, analyst_bob, accounts):
    page = signed_in_page(analyst_bob, "/findings/")
    expect(page.locator("#findings-total")).to_be_visible()
    expect(page.get_by_role("link", name="Generate samples")).to_have_count(0)
    page.goto(page.url.split("/findings/")[0] + "/findings/samples/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot open this page")

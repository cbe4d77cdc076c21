"""In a real browser: upload a trusted IP list and see it active in every region; write a
suppression rule, read its back-test, save it, see it in every region and see the next
matching finding arrive archived."""

import pytest
from playwright.sync_api import expect

from tests.configuration.conftest import GOOD_TXT, HUB_ADMIN, REGIONS, guardduty_sets
from tests.factories import make_finding

pytestmark = pytest.mark.django_db(transaction=True)

PROBE = "Recon:EC2/PortProbeUnprotectedPort"


def finish_operation(page, back_label):
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "done")
    for region in REGIONS:
        expect(page.locator(f'[data-region-progress="{region}"]')).to_have_text("1/1 done")
    page.get_by_role("link", name=back_label).click()


def expect_in_every_region(page, row_selector, cell_text):
    """The table row is in step with GuardDuty (no drift) and says `cell_text` in each region."""
    row = page.locator(row_selector)
    expect(row).to_have_attribute("data-drift", "false")
    for region in REGIONS:
        expect(row.locator(f'td[data-region="{region}"] .cell')).to_have_text(cell_text)


def test_ipset_upload_active_in_every_region(signed_in_page, sim, admin_alice, list_bucket):
    page = signed_in_page(admin_alice, "/configuration/")
    page.get_by_role("link", name="Trusted IP and threat lists").click()
    page.get_by_label("Kind").select_option("trusted")
    page.get_by_label("Name").fill("office")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "office.txt", "mimeType": "text/plain", "buffer": GOOD_TXT}
    )
    page.get_by_role("button", name="Add to every region").click()
    finish_operation(page, "Back to trusted IP and threat lists")
    expect_in_every_region(page, 'tr[data-list="office"]', "Active")
    for region in REGIONS:
        assert guardduty_sets(sim, region=region)["office"][0] == "ACTIVE"


def test_suppression_rule_backtest_save_and_next_finding_archived(
    signed_in_page, sim, admin_alice, hub_admin
):
    from guardduty_hub.simulator.findings import load_findings
    from guardduty_hub.sync.services import sync_region
    from tests.findings.builders import raw_finding

    make_finding(administrator=hub_admin, account_id="111111111111", severity=2.0)
    make_finding(administrator=hub_admin, account_id="222222222222", severity=5.0)
    page = signed_in_page(admin_alice, f"/configuration/{HUB_ADMIN}/rules/")
    page.get_by_role("link", name="Write a rule").click()
    page.get_by_label("Type is").fill(PROBE)
    page.get_by_role("button", name="Back-test").click()
    backtest = page.locator("#backtest")
    expect(backtest).to_have_attribute("data-total", "2")
    expect(backtest).to_contain_text("111111111111")
    expect(page.locator("#backtest-list")).to_have_attribute(
        "href",
        f"/findings/?type={PROBE.replace(':', '%3A').replace('/', '%2F')}&archived=any&sample=any",
    )
    page.get_by_label("Name").fill("port-probes")
    page.get_by_role("button", name="Save in every region").click()
    finish_operation(page, "Back to suppression rules")
    expect_in_every_region(page, 'tr[data-rule="port-probes"]', "Archives")

    load_findings(
        HUB_ADMIN,
        "us-east-1",
        [raw_finding(account_id=HUB_ADMIN, finding_type=PROBE, title="Probe after the rule")],
    )
    sync_region(hub_admin.pk, "us-east-1", full=True)
    page.goto(page.url.split("/configuration/")[0] + "/findings/?archived=yes")
    expect(page.get_by_text("Probe after the rule")).to_be_visible()
    page.goto(page.url.split("/findings/")[0] + "/findings/")
    expect(page.get_by_text("Probe after the rule")).to_have_count(0)

"""In a real browser: archive a finding, and the dashboard says so on the next visit."""

import pytest
from playwright.sync_api import expect

from guardduty_hub.findings.models import Finding

pytestmark = pytest.mark.django_db(transaction=True)


def test_archive_then_the_dashboard_counts_it_at_once(signed_in_page, analyst_bob, synced_world):
    band = Finding.objects.values_list("severity_band", flat=True).first()
    label = {1: "Low", 2: "Medium", 3: "High", 4: "Critical"}[band]
    page = signed_in_page(analyst_bob, "/")
    card = page.locator(f'[data-band="{label}"] .dash-big')
    expect(card).to_have_text("3")

    target = Finding.objects.get(title="Port probe two")
    page.goto(page.url.rstrip("/") + f"/findings/{target.pk}/")
    page.get_by_role("button", name="Archive").click()
    expect(page.get_by_role("button", name="Unarchive", exact=True)).to_be_visible()

    page.goto(page.url.split("/findings/")[0] + "/")
    expect(card).to_have_text("2")
    expect(page.locator('section[aria-label="Top accounts"]')).to_contain_text("2")

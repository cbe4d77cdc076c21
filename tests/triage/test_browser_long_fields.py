"""In a real browser: a 200,000-character finding opens from another finding's page with its
description collapsed, and the whole text (and the raw JSON) arrives when asked for."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_finding

pytestmark = pytest.mark.django_db(transaction=True)


def test_huge_description_is_collapsed_then_loaded(signed_in_page, analyst_bob, accounts):
    description = "Suspicious activity. " * 10_000  # 210,000 characters
    make_finding(
        title="Huge one",
        resource_id="i-0shared",
        description=description,
        raw={"Id": "huge", "Description": description},
    )
    small = make_finding(title="Small one", resource_id="i-0shared")

    page = signed_in_page(analyst_bob, f"/findings/{small.pk}/")
    page.locator("#others").get_by_role("link", name="Huge one").click()
    expect(page.locator("#finding-title")).to_have_text("Huge one")
    shown = page.locator("#finding-description")
    assert len(shown.inner_text()) < 3_000
    assert len(page.content()) < 80_000
    expect(page.locator("#raw-json")).to_have_count(0)

    page.get_by_role("link", name="Show the whole description (210,000 characters)").click()
    expect(page.get_by_role("link", name="Show the whole description")).to_have_count(0)
    assert len(page.locator("#finding-description").inner_text().strip()) == len(
        description.strip()
    )

    page.get_by_text("Raw finding (JSON)").click()
    expect(page.locator("#raw-json")).to_contain_text('"Id": "huge"')

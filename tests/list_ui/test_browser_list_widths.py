"""The finding list reads at 1024 px (every column in sight, no sideways scrolling) and is
usable on a phone (390 px): filters behind one button, each finding a card, nothing wider
than the screen. Screenshots of both are kept under tests/list_ui/screenshots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.list_ui.conftest import SCREENSHOTS, put_findings

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).parent / SCREENSHOTS
LONG_TITLE = "Unusual API call pattern from a previously unseen network " * 3


def _page_width_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _right_edges(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(
        selector, "cells => cells.map(c => c.getBoundingClientRect().right)"
    )


def test_the_list_reads_at_1024_px(signed_in_page, analyst_bob, gd_world):
    put_findings(gd_world, 6, title=LONG_TITLE)
    page = signed_in_page(analyst_bob, "/findings/")
    page.set_viewport_size({"width": 1024, "height": 768})
    page.reload()
    expect(page.locator("table.findings tbody tr")).to_have_count(6)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "list-1024.png", full_page=True)
    for header in ("Resource", "Count", "Last seen", "Status / assignee"):
        cell = page.get_by_role("columnheader", name=header, exact=True)
        expect(cell).to_be_in_viewport()
    assert max(_right_edges(page, "table.findings th")) <= 1024
    assert _page_width_overflow(page) <= 0
    # The filters are one click away, above the table rather than beside it.
    toggle = page.locator("#filters-panel > summary")
    expect(toggle).to_be_visible()
    toggle.click()
    page.get_by_label("High").check()
    expect(page.locator("#findings-total")).to_contain_text("0 findings")


def test_the_list_is_usable_on_a_phone(signed_in_page, analyst_bob, gd_world):
    put_findings(gd_world, 3, title=LONG_TITLE)
    page = signed_in_page(analyst_bob, "/findings/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "list-390.png", full_page=True)
    assert _page_width_overflow(page) <= 0
    # Each finding a card that says what each value is, within the screen.
    labels = page.eval_on_selector_all(
        "table.findings tbody tr:first-child td",
        "cells => cells.map(c => getComputedStyle(c, '::before').content)",
    )
    assert '"Last seen"' in labels and '"Status / assignee"' in labels
    expect(page.locator("table.findings thead")).to_be_hidden()
    assert max(_right_edges(page, "table.findings td")) <= 390
    # The filters open over the page's width, usable, and filter.
    page.locator("#filters-panel > summary").click()
    expect(page.locator("#id_q")).to_be_visible()
    assert max(_right_edges(page, "#filters-panel input, #filters-panel select")) <= 390
    assert _page_width_overflow(page) <= 0
    page.screenshot(path=SHOTS / "list-390-filters.png", full_page=True)
    page.locator("#id_q").fill("nothing-like-this")
    page.locator("#id_q").press("Enter")
    expect(page.locator("#findings-total")).to_contain_text("0 findings")

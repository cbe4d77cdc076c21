"""The list's sort and pager links keep the filters and are well-formed query strings."""

import html
import re

from django.urls import reverse

from guardduty_hub.core import roles
from tests.factories import make_finding
from tests.fixtures.personas import make_user


def _hrefs(content: bytes) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="(\?[^"]*)"', content.decode())]


def test_next_link_pages_on_with_the_filters(client_for, admin_alice, accounts):
    findings = [make_finding(severity=8.0 + i / 100) for i in range(30)]
    client = client_for(admin_alice)
    url = reverse("findings:list")
    first = client.get(url, {"severity": "3", "per_page": 25})
    links = _hrefs(first.content)
    assert links and not any(h.startswith("??") for h in links)
    (next_link,) = [h for h in links if "cursor=" in h]
    assert "severity=3" in next_link
    second = client.get(url + next_link)
    shown = {row.pk for row in second.context["page"].rows}
    assert shown == {f.pk for f in findings} - {r.pk for r in first.context["page"].rows}


def test_sort_link_keeps_filters_and_drops_the_cursor(client_for, admin_alice, accounts):
    make_finding(severity=8.0)
    answer = client_for(admin_alice).get(reverse("findings:list"), {"q": "x y", "cursor": "abc"})
    sort_links = [h for h in _hrefs(answer.content) if "sort=" in h]
    assert "?q=x+y&sort=-count" in sort_links
    assert not any("cursor=" in h for h in sort_links)


def _select(content: bytes, select_id: str) -> str:
    found = re.search(rf'<select name="\w+" id="{select_id}"[^>]*>(.*?)</select>', content.decode())
    assert found, select_id
    return found.group(1)


def test_form_selects_show_the_current_sort_and_page_size(client_for, admin_alice, accounts):
    make_finding()
    answer = client_for(admin_alice).get(
        reverse("findings:list"), {"sort": "count", "per_page": 100}
    )
    sort = _select(answer.content, "id_sort")
    assert re.findall(r"<option[^>]*selected[^>]*>", sort) == ['<option value="count" selected>']
    assert sort.count("<option") == 14
    per_page = _select(answer.content, "id_per_page")
    assert re.findall(r'value="(\d+)"', per_page) == ["25", "50", "100", "200"]
    assert '<option value="100" selected>' in per_page


def test_bulk_assignees_are_the_triage_people_escaped(client_for, admin_alice, accounts):
    make_user("<b>eve</b>", roles.ANALYST)
    make_finding()
    answer = client_for(admin_alice).get(reverse("findings:list"))
    assignees = _select(answer.content, "id_bulk_assignee")
    assert "&lt;b&gt;eve&lt;/b&gt;" in assignees and "<b>" not in assignees
    assert ">alice<" in assignees
    status = _select(answer.content, "id_bulk_status")
    assert status.startswith('<option value="new">New</option>')

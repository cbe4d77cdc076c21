"""The list's sort and pager links keep the filters and are well-formed query strings."""

import html
import re

from django.urls import reverse

from tests.triage.conftest import make_finding


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

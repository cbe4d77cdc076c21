"""Every number on the dashboard links to the finding list it counts.

Each link's query string goes through the finding list's own FilterSet, on the same user's
visible findings; the list must hold exactly the number the link shows.
"""

import html as htmllib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from guardduty_hub.findings.filters import FindingFilterSet
from guardduty_hub.findings.selectors import findings_visible_to

pytestmark = pytest.mark.django_db

NUMBER_LINK = re.compile(r'<a [^>]*href="(/findings/[^"]*)"[^>]*>([\d,]+)(?: new in 24 h)?</a>')
BAR_LINK = re.compile(r'<a href="(/findings/[^"]*)"><rect [^>]*><title>[^:]+: (\d+) ')


def _listed(user, url: str) -> int:
    query = urlsplit(url).query
    data = QueryDict(query)
    request = RequestFactory().get(url)
    request.user = user
    filterset = FindingFilterSet(data, queryset=findings_visible_to(user), request=request)
    assert filterset.is_valid(), (url, filterset.errors)
    return filterset.qs.count()


def _links(page: str, pattern) -> list[tuple[str, int]]:
    return [(htmllib.unescape(url), int(n.replace(",", ""))) for url, n in pattern.findall(page)]


@pytest.mark.parametrize("days", [30, 90])
def test_every_number_matches_its_list(client, viewer_carol, findings, days):
    client.force_login(viewer_carol)
    page = client.get(f"/?days={days}").content.decode()
    numbers = _links(page, NUMBER_LINK)
    bars = _links(page, BAR_LINK)
    # 4 bands x 2 + 3 accounts + 3 regions + 6 types; one bar segment per (day, band).
    assert len(numbers) == 8 + 3 + 3 + 6
    assert len(bars) == (6 if days == 30 else 8)
    for url, shown in numbers + bars:
        assert _listed(viewer_carol, url) == shown, url


def test_links_hold_for_a_scoped_user(client, scoped_frank, findings):
    client.force_login(scoped_frank)
    page = client.get("/?days=90").content.decode()
    links = _links(page, NUMBER_LINK) + _links(page, BAR_LINK)
    assert links
    for url, shown in links:
        assert _listed(scoped_frank, url) == shown, url


def test_links_use_the_lists_parameter_names(client, viewer_carol, findings):
    client.force_login(viewer_carol)
    page = client.get("/").content.decode()
    names = set()
    for url, _ in _links(page, NUMBER_LINK) + _links(page, BAR_LINK):
        names |= set(parse_qs(urlsplit(url).query))
    assert names <= set(FindingFilterSet.base_filters) | {
        "first_seen_after",
        "first_seen_before",
    }
    assert {"severity", "account", "region", "type", "first_seen_after"} <= names

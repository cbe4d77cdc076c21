"""The dashboard's overdue count per band: what its link lists, capped, within the scope."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from guardduty_hub.dashboard import counts, queries
from guardduty_hub.findings.choices import FindingStatus
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

DAYS = timedelta(days=1)


@pytest.fixture
def spread(member_accounts):
    a, b = member_accounts[0].account_id, member_accounts[1].account_id
    # Critical: ack 1 h, resolve 1 day. High: ack 4 h, resolve 7 days.
    for account, severity, status, ago in [
        (a, 9.5, FindingStatus.NEW, 2 * DAYS),  # overdue
        (a, 9.5, FindingStatus.INVESTIGATING, 2 * DAYS),  # overdue
        (b, 9.5, FindingStatus.NEW, 3 * DAYS),  # overdue (account b)
        (a, 9.5, FindingStatus.NEW, timedelta(minutes=20)),  # due in 40 min
        (a, 8.0, FindingStatus.ACKNOWLEDGED, 8 * DAYS),  # overdue
        (a, 8.0, FindingStatus.ACKNOWLEDGED, 2 * DAYS),  # due in 5 days
        (a, 8.0, FindingStatus.RESOLVED, 30 * DAYS),  # no clock
        (a, 2.0, FindingStatus.NEW, 4 * DAYS),  # overdue (Low: 3 days)
    ]:
        make_finding(account_id=account, severity=severity, status=status, first_seen_ago=ago)
    # Hidden from every dashboard number: archived and samples, both long overdue.
    make_finding(account_id=a, severity=9.5, archived=True, first_seen_ago=9 * DAYS)
    make_finding(account_id=a, severity=9.5, is_sample=True, first_seen_ago=9 * DAYS)


def _overdue(html: str) -> dict[str, tuple[str, str]]:
    """{band: (number shown, link)} of the cards' overdue lines."""
    found = {}
    for band, block in re.findall(r'data-band="(\w+)">(.*?)</div>', html, re.S):
        link = re.search(
            r'class="dash-new dash-overdue[^"]*" href="([^"]+)"[^>]*>Overdue: ([\d,+]+)<', block
        )
        found[band] = (link.group(2), link.group(1).replace("&amp;", "&"))
    return found


def test_overdue_per_band_and_the_list_it_links_to(client_for, viewer_carol, spread):
    client = client_for(viewer_carol)
    cards = _overdue(client.get("/").content.decode())
    assert {band: n for band, (n, _) in cards.items()} == {
        "Critical": "3",
        "High": "1",
        "Medium": "0",
        "Low": "1",
    }
    url = cards["Critical"][1]
    listed = client.get(url).content.decode()
    assert listed.count('<tr data-finding="') == 3
    assert listed.count('class="sla-overdue"') == 3


def test_a_scoped_user_counts_their_accounts_only(client_for, scoped_frank, spread):
    cards = _overdue(client_for(scoped_frank).get("/").content.decode())
    assert cards["Critical"][0] == "2"


def test_the_count_is_capped(client_for, viewer_carol, spread, monkeypatch):
    monkeypatch.setattr(counts, "OVERDUE_CAP", 2)
    monkeypatch.setattr(queries, "OVERDUE_CAP", 2)
    cards = _overdue(client_for(viewer_carol).get("/").content.decode())
    assert cards["Critical"][0] == "2+"
    assert cards["High"][0] == "1"


def test_the_link_is_the_overdue_list_of_the_band(client_for, viewer_carol, spread):
    cards = _overdue(client_for(viewer_carol).get("/").content.decode())
    assert cards["High"][1] == reverse("findings:list") + "?severity=3&sla=overdue"

"""The dashboard is live: a write of a finding shows on the next page load (no cache)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guardduty_hub.findings.models import Finding
from tests.dashboard.conftest import _cards
from tests.factories import make_finding

pytestmark = pytest.mark.django_db


def _get(client, user):
    """(cards, queries that read the findings table itself)"""
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    return _cards(html), sum('"findings_finding"' in q["sql"] for q in captured)


def test_new_and_archived_findings_show_at_once(client, viewer_carol, scoped_frank, findings):
    assert _get(client, viewer_carol)[0]["Critical"] == (1, 1)
    make_finding(severity=9.6)  # in 111111111111 (both may see it), first seen 3 days ago
    assert _get(client, viewer_carol)[0]["Critical"] == (2, 1)
    assert _get(client, scoped_frank)[0]["Critical"] == (2, 1)

    # Archiving (what triage's Archive writes locally) takes it off every number at once.
    Finding.objects.filter(severity=9.6).update(archived=True)
    assert _get(client, viewer_carol)[0]["Critical"] == (1, 1)
    Finding.objects.filter(severity=9.5).update(archived=True)
    assert _get(client, viewer_carol)[0]["Critical"] == (0, 0)


def test_only_the_24_hour_window_reads_the_findings(client, viewer_carol, findings):
    # Everything else comes from the counts the writes keep: the findings table is read once,
    # for "new in 24 h" (an index range), however many findings there are.
    assert _get(client, viewer_carol)[1] == 1

"""The findings numbers are kept for DASHBOARD_CACHE_SECONDS per account scope."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboard.conftest import _cards, make_finding

pytestmark = pytest.mark.django_db


def _get(client, user):
    """(cards, queries that read the findings table)"""
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    return _cards(html), sum("findings_finding" in q["sql"] for q in captured)


def test_numbers_are_kept_per_scope_until_they_expire(
    client, settings, viewer_carol, scoped_frank, findings
):
    settings.DASHBOARD_CACHE_SECONDS = 60
    before, first_reads = _get(client, viewer_carol)
    assert first_reads == 1  # every findings number in one pass (dashboard/counts.py)
    make_finding(severity=9.6)  # in 111111111111 (both may see it), first seen 3 days ago
    cached, cached_reads = _get(client, viewer_carol)
    assert cached == before
    assert cached_reads == 0
    # Another scope has its own entry, computed now.
    assert _get(client, scoped_frank)[0]["Critical"] == (2, 1)
    cache.clear()  # what expiry does
    assert _get(client, viewer_carol)[0]["Critical"] == (2, 1)


def test_zero_means_live(client, settings, viewer_carol, findings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    assert _get(client, viewer_carol)[0]["Critical"] == (1, 1)
    make_finding(severity=9.6)
    assert _get(client, viewer_carol)[0]["Critical"] == (2, 1)

"""The clock on a finding's page, and the list with the SLA filter costs no more queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.findings.choices import FindingStatus
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "ago", "sentence"),
    [
        (FindingStatus.NEW, 3 * DAY, "To acknowledge: overdue by 2 days."),
        (FindingStatus.INVESTIGATING, 2 * DAY, "To resolve: due in 4 days."),
        (FindingStatus.RESOLVED, 30 * DAY, "No SLA clock: the finding is resolved"),
    ],
)
def test_the_detail_page_says_the_clock(client_for, viewer_carol, status, ago, sentence):
    finding = make_finding(severity=8.0, status=status, first_seen_ago=ago)
    html = client_for(viewer_carol).get(reverse("findings:detail", args=[finding.pk]))
    html = html.content.decode()
    assert sentence in html
    # The due time itself, in the user's zone, when a clock runs.
    assert ('<span class="muted">Due <time' in html) == (status != FindingStatus.RESOLVED)


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("findings:list"), params).status_code == 200
    return len(captured)


def test_the_sla_filter_and_column_cost_no_query(client_for, analyst_bob):
    for i in range(30):
        make_finding(severity=[2.0, 5.0, 8.0, 9.5][i % 4], first_seen_ago=i * DAY)
    client = client_for(analyst_bob)
    client.get(reverse("findings:list"))  # session warm-up
    plain = _queries(client, {})
    for value in ("overdue", "due_24h", "within"):
        assert _queries(client, {"sla": value}) == plain, value

"""The findings-over-time chart: an empty chart says so; the y-axis ticks are distinct whole
numbers, evenly spaced, whatever the tallest day (1, 2, 3 findings as well as thousands)."""

import itertools
import re
from datetime import date, timedelta

import pytest

from guardduty_hub.accounts.models import AccountScope
from guardduty_hub.core import roles
from guardduty_hub.dashboard.chart import findings_over_time
from guardduty_hub.findings.choices import SeverityBand
from tests.factories import make_finding
from tests.fixtures.personas import make_user

EMPTY_NOTE = "Nothing yet: no findings first seen in the last 30 days."


def _series(*per_day: int) -> dict[date, dict[int, int]]:
    """One day per number, oldest first, all of it High."""
    first = date(2025, 1, 1)
    return {first + timedelta(days=i): {SeverityBand.HIGH.value: n} for i, n in enumerate(per_day)}


def _labels(chart) -> list[int]:
    """The tick labels from the bottom of the axis up."""
    ticks = sorted(chart.ticks, key=lambda t: -t.y)
    return [int(t.label.replace(",", "")) for t in ticks]


@pytest.mark.parametrize(
    ("tallest", "labels"),
    [
        (1, [0, 1]),
        (2, [0, 1, 2]),
        (3, [0, 1, 2, 3]),
        (4, [0, 1, 2, 3, 4]),
        (5, [0, 2, 4, 6]),
        (9, [0, 5, 10]),
        (10, [0, 5, 10]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_small_and_large_maxima_get_whole_distinct_ticks(tallest, labels):
    assert _labels(findings_over_time(_series(0, tallest, 1))) == labels


@pytest.mark.parametrize("tallest", range(1, 260))
def test_ticks_are_distinct_evenly_spaced_whole_numbers_over_the_tallest_bar(tallest):
    chart = findings_over_time(_series(tallest))
    labels = _labels(chart)
    assert labels[0] == 0 and labels[-1] >= tallest
    assert 2 <= len(labels) <= 5
    steps = {b - a for a, b in itertools.pairwise(labels)}
    assert len(steps) == 1 and steps.pop() > 0
    # The grid lines sit where their numbers are: the tallest bar reaches its own height.
    bottom, top = (t.y for t in sorted(chart.ticks, key=lambda t: -t.y)[:: len(labels) - 1])
    (bar,) = chart.bars
    assert bar.y == pytest.approx(bottom - (bottom - top) * tallest / labels[-1], abs=0.01)


@pytest.mark.parametrize("series", [{}, _series(0, 0, 0)])
def test_empty_chart_is_empty_with_only_a_zero_baseline(series):
    chart = findings_over_time(series)
    assert chart.empty and chart.total == 0 and chart.bars == []
    assert _labels(chart) == [0]


def test_chart_with_findings_is_not_empty():
    assert not findings_over_time(_series(0, 1)).empty


def _y_labels(html: str) -> list[str]:
    return re.findall(r'class="ylabel">([^<]*)</text>', html)


@pytest.mark.django_db
def test_member_owner_without_findings_reads_nothing_yet(client, accounts):
    owner = make_user("olga", roles.MEMBER_OWNER)
    AccountScope.objects.create(user=owner, account=accounts[2], is_owner=True)
    make_finding(account_id="111111111111", first_seen_ago=timedelta(days=1))  # not hers
    client.force_login(owner)
    html = client.get("/").content.decode()
    assert EMPTY_NOTE in html
    assert _y_labels(html) == ["0"]


@pytest.mark.django_db
def test_one_finding_reads_zero_and_one_on_the_axis(client, accounts, viewer_carol):
    make_finding(first_seen_ago=timedelta(days=1))
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    assert EMPTY_NOTE not in html
    assert sorted(_y_labels(html)) == ["0", "1"]

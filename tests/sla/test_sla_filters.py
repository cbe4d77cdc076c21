"""The SLA conditions in the database agree with the clock in memory, at the boundaries; the
list's and the API's `sla` filter use them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import FindingStatus, SeverityBand
from guardduty_hub.findings.models import Finding
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)
SEVERITY = {
    SeverityBand.LOW: 2.0,
    SeverityBand.MEDIUM: 5.0,
    SeverityBand.HIGH: 8.0,
    SeverityBand.CRITICAL: 9.5,
}
OPEN = [FindingStatus.NEW, FindingStatus.ACKNOWLEDGED, FindingStatus.INVESTIGATING]
# Due time relative to NOW -> (overdue, due within 24 h, within SLA).
EDGES = {
    -TICK: (True, False, False),
    timedelta(0): (False, True, True),
    sla.SOON: (False, True, True),
    sla.SOON + TICK: (False, False, True),
}


def _phase(status):
    return sla.ACKNOWLEDGE if status == FindingStatus.NEW else sla.RESOLVE


@pytest.fixture
def edges(db):
    """For every band and open status, one finding at each edge; labelled by its title."""
    expected = {}
    for band, severity in SEVERITY.items():
        for status in OPEN:
            for offset, flags in EDGES.items():
                first_seen = NOW + offset - sla.allowed(band, _phase(status))
                f = make_finding(severity=severity, status=status, first_seen_at=first_seen)
                expected[f.pk] = flags
    return expected


@pytest.fixture
def no_clock(db):
    """Long past any due time, but closed or archived: in none of the three."""
    long_ago = NOW - timedelta(days=400)
    return [
        make_finding(severity=9.5, status=FindingStatus.RESOLVED, first_seen_at=long_ago).pk,
        make_finding(severity=9.5, status=FindingStatus.FALSE_POSITIVE, first_seen_at=long_ago).pk,
        make_finding(severity=9.5, archived=True, first_seen_at=long_ago).pk,
        make_finding(severity=9.5, first_seen_at=None).pk,
    ]


def _ids(condition) -> set[int]:
    return set(Finding.objects.filter(condition).values_list("pk", flat=True))


def test_overdue_due_soon_and_within_at_every_edge(edges, no_clock):
    for i, condition in enumerate((sla.overdue(NOW), sla.due_within(NOW), sla.within_sla(NOW))):
        assert _ids(condition) == {pk for pk, flags in edges.items() if flags[i]}, condition


def test_the_database_and_the_clock_in_memory_agree(edges, no_clock):
    overdue = _ids(sla.overdue(NOW))
    for finding in Finding.objects.all():
        assert sla.is_overdue(finding, NOW) == (finding.pk in overdue), finding.pk


def test_overdue_of_some_bands(edges):
    found = Finding.objects.filter(sla.overdue(NOW, bands=(SeverityBand.HIGH,)))
    assert set(found.values_list("severity_band", flat=True)) == {SeverityBand.HIGH}
    assert found.count() == len(OPEN)


# --- through the list and the API (the filter reads the clock at the current minute) ----------

MARGIN = timedelta(minutes=3)


@pytest.fixture
def around_now(db):
    """High findings either side of their due time by a few minutes, and one due tomorrow."""
    now = datetime.now(UTC)
    ack = sla.allowed(SeverityBand.HIGH, sla.ACKNOWLEDGE)
    res = sla.allowed(SeverityBand.HIGH, sla.RESOLVE)

    def make(title, due_in, status=FindingStatus.NEW):
        allowed = ack if status == FindingStatus.NEW else res
        return make_finding(
            title=title, severity=8.0, status=status, first_seen_at=now + due_in - allowed
        )

    return {
        "late": make("late", -MARGIN),
        "late-investigating": make("late-investigating", -MARGIN, FindingStatus.INVESTIGATING),
        "soon": make("soon", MARGIN),
        "tomorrow": make("tomorrow", sla.SOON + timedelta(hours=2), FindingStatus.ACKNOWLEDGED),
        "done": make("done", -timedelta(days=30), FindingStatus.RESOLVED),
    }


@pytest.mark.parametrize(
    ("value", "titles"),
    [
        ("overdue", {"late", "late-investigating"}),
        ("due_24h", {"soon"}),
        ("within", {"soon", "tomorrow"}),
        ("", {"late", "late-investigating", "soon", "tomorrow", "done"}),
    ],
)
def test_the_api_filter(api_for, analyst_bob, around_now, value, titles):
    response = api_for(analyst_bob).get(reverse("api:finding-list"), {"sla": value})
    assert response.status_code == 200, response.content
    assert {row["title"] for row in response.json()["results"]} == titles


def test_the_api_rows_carry_the_clock(api_for, analyst_bob, around_now):
    response = api_for(analyst_bob).get(reverse("api:finding-list"))
    rows = {row["title"]: row for row in response.json()["results"]}
    assert rows["late"]["sla_overdue"] is True
    assert rows["soon"]["sla_overdue"] is False
    assert rows["done"]["sla_overdue"] is False
    assert rows["done"]["sla_due_at"] is None
    due = around_now["soon"].first_seen_at + sla.allowed(SeverityBand.HIGH, sla.ACKNOWLEDGE)
    assert datetime.fromisoformat(rows["soon"]["sla_due_at"].replace("Z", "+00:00")) == due


def test_the_api_refuses_an_unknown_value(api_for, analyst_bob, around_now):
    response = api_for(analyst_bob).get(reverse("api:finding-list"), {"sla": "someday"})
    assert response.status_code == 400


@pytest.fixture
def clock_at_around_now(around_now, monkeypatch):
    """The clock stopped at the instant `around_now` was built from: "soon" is due in exactly
    MARGIN, "late" overdue by exactly MARGIN, however long the test takes to get there."""
    soon = around_now["soon"]
    instant = soon.first_seen_at + sla.allowed(SeverityBand.HIGH, sla.ACKNOWLEDGE) - MARGIN
    monkeypatch.setattr("django.utils.timezone.now", lambda: instant)
    return instant


def test_the_list_filter_and_due_column(client_for, viewer_carol, around_now, clock_at_around_now):
    page = client_for(viewer_carol).get(reverse("findings:list"), {"sla": "overdue"})
    html = page.content.decode()
    assert ">late<" in html and ">late-investigating<" in html
    assert ">soon<" not in html and ">tomorrow<" not in html and ">done<" not in html
    assert 'data-label="Due"><span class="sla-overdue"' in html
    assert "overdue by 3 min" in html
    # The chip says what the list is narrowed to.
    assert "Overdue" in html


def test_the_due_column_says_due_in(client_for, viewer_carol, around_now, clock_at_around_now):
    html = client_for(viewer_carol).get(reverse("findings:list")).content.decode()
    assert "due in 3 min" in html and "due in 2 min" not in html
    assert "due in 1 day" in html

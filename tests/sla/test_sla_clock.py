"""The SLA clock of one finding, computed in memory: every band, every status."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from guardduty_hub.env_config import env_durations
from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import FindingStatus, SeverityBand

FIRST_SEEN = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
H, D = timedelta(hours=1), timedelta(days=1)
# The defaults (settings.py, README): acknowledge, resolve.
DEFAULTS = {
    SeverityBand.CRITICAL: (1 * H, 1 * D),
    SeverityBand.HIGH: (4 * H, 7 * D),
    SeverityBand.MEDIUM: (1 * D, 30 * D),
    SeverityBand.LOW: (3 * D, 90 * D),
}


def _finding(band, status, archived=False, first_seen_at=FIRST_SEEN):
    return SimpleNamespace(
        severity_band=band, status=status, archived=archived, first_seen_at=first_seen_at
    )


@pytest.mark.parametrize("band", list(SeverityBand))
def test_a_new_finding_is_due_to_be_acknowledged(band):
    found = sla.finding_clock(_finding(band, FindingStatus.NEW))
    assert found == sla.Clock(sla.ACKNOWLEDGE, FIRST_SEEN + DEFAULTS[band][0])


@pytest.mark.parametrize("band", list(SeverityBand))
@pytest.mark.parametrize("status", [FindingStatus.ACKNOWLEDGED, FindingStatus.INVESTIGATING])
def test_an_open_finding_is_due_to_be_resolved(band, status):
    found = sla.finding_clock(_finding(band, status))
    assert found == sla.Clock(sla.RESOLVE, FIRST_SEEN + DEFAULTS[band][1])


@pytest.mark.parametrize("band", list(SeverityBand))
@pytest.mark.parametrize("status", [FindingStatus.RESOLVED, FindingStatus.FALSE_POSITIVE])
def test_a_closed_finding_has_no_clock(band, status):
    assert sla.finding_clock(_finding(band, status)) is None


@pytest.mark.parametrize("status", list(FindingStatus))
def test_an_archived_finding_has_no_clock(status):
    assert sla.finding_clock(_finding(SeverityBand.HIGH, status, archived=True)) is None


def test_without_a_first_seen_there_is_no_clock():
    finding = _finding(SeverityBand.HIGH, FindingStatus.NEW, first_seen_at=None)
    assert sla.finding_clock(finding) is None
    assert sla.clock_sentence(finding, FIRST_SEEN) == (
        "No SLA clock: GuardDuty gave no first seen time."
    )


@pytest.mark.parametrize("band", list(SeverityBand))
def test_overdue_only_after_the_due_time(band):
    finding = _finding(band, FindingStatus.NEW)
    due = FIRST_SEEN + DEFAULTS[band][0]
    assert not sla.is_overdue(finding, due)
    assert sla.is_overdue(finding, due + timedelta(microseconds=1))


def test_the_durations_come_from_settings(settings):
    settings.SLA_ACKNOWLEDGE = {**settings.SLA_ACKNOWLEDGE, "high": 600}
    found = sla.finding_clock(_finding(SeverityBand.HIGH, FindingStatus.NEW))
    assert found.due_at == FIRST_SEEN + timedelta(minutes=10)


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (-3 * D - 5 * H, "overdue by 3 days"),
        (-D, "overdue by 1 day"),
        (-2 * H, "overdue by 2 h"),
        (-timedelta(seconds=1), "overdue by 1 min"),
        (timedelta(0), "due in 1 min"),
        (5 * H + timedelta(minutes=59), "due in 5 h"),
        (timedelta(minutes=12), "due in 12 min"),
        (40 * D, "due in 40 days"),
    ],
)
def test_due_in_words(delta, words):
    now = FIRST_SEEN
    assert sla.due_words(sla.Clock(sla.RESOLVE, now + delta), now) == words


def test_the_detail_sentence_names_the_phase():
    now = FIRST_SEEN + 3 * H
    assert sla.clock_sentence(_finding(SeverityBand.CRITICAL, "new"), now) == (
        "To acknowledge: overdue by 2 h."
    )
    assert sla.clock_sentence(_finding(SeverityBand.CRITICAL, "investigating"), now) == (
        "To resolve: due in 21 h."
    )
    assert sla.clock_sentence(_finding(SeverityBand.CRITICAL, "resolved"), now).startswith(
        "No SLA clock"
    )


def test_durations_setting_parses_units_and_keeps_defaults(monkeypatch):
    monkeypatch.setenv("SLA_TEST", "critical=30m, HIGH=2h,low=10d")
    found = env_durations(
        "SLA_TEST",
        {"critical": 1, "high": 1, "low": 1, "medium": 7},
        keys=("critical", "high", "medium", "low"),
    )
    assert found == {"critical": 1800, "high": 7200, "medium": 7, "low": 864000}


@pytest.mark.parametrize("raw", ["urgent=1d", "high=1w", "high=", "high=0d", "high=-1d", "high"])
def test_durations_setting_refuses_bad_values(monkeypatch, raw):
    monkeypatch.setenv("SLA_TEST", raw)
    with pytest.raises(ImproperlyConfigured, match="SLA_TEST"):
        env_durations("SLA_TEST", {}, keys=("critical", "high", "medium", "low"))

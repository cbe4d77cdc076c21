"""An SLA-filtered list (the sparse filters read as per (band, phase) ranges, sla.parts, merged;
overdue as one condition) shows the rows of a brute-force computation of every finding's clock
in Python, in the list's order, page by page, within the user's scope, in as many queries as
any other list."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.findings import sla
from guardduty_hub.findings.choices import FindingStatus, SeverityBand
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.pagination import SORTS, parse_sort
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

SEVERITIES = (1.0, 3.9, 4.0, 6.9, 7.0, 8.9, 9.0, 9.9)  # both ends of every band
STATUSES = list(FindingStatus)
ACCOUNTS = ["111111111111", "222222222222", "333333333333"]


def _matches(value: str, finding, now: datetime) -> bool:
    """What the filter `value` means for one finding, from its clock (sla.clock) alone."""
    found = sla.finding_clock(finding)
    if found is None:
        return False
    if value == sla.OVERDUE:
        return found.due_at < now
    if value == sla.DUE_SOON:
        return now <= found.due_at <= now + sla.SOON
    return found.due_at >= now


def _in_list_order(findings, sort: str) -> list[int]:
    name, descending = parse_sort(sort)

    def key(f):
        values = {"seen_at": f.last_seen_at or f.updated_at}
        return tuple(values[k] if k in values else getattr(f, k) for k in (*SORTS[name].keys, "id"))

    return [f.pk for f in sorted(findings, key=key, reverse=descending)]


@pytest.fixture
def spread(member_accounts):
    """Every band edge and status, archived or not, first seen from 100 days ago to now: due
    times on both sides of now and of now + 24 h in every band and phase, none within a few
    minutes of an edge (the filter reads the clock at the current minute)."""
    rng = random.Random(5)
    now = datetime.now(UTC)
    rows = []
    for i in range(260):
        hours = rng.randrange(0, 100 * 24)
        rows.append(
            make_finding(
                severity=SEVERITIES[i % len(SEVERITIES)],
                status=STATUSES[i % len(STATUSES)],
                archived=i % 11 == 0,
                first_seen_at=now - timedelta(hours=hours, minutes=30),
                last_seen_at=now - timedelta(minutes=rng.randrange(0, 5000)),
                account_id=ACCOUNTS[i % 3],
            )
        )
    rows.append(make_finding(severity=9.5, first_seen_at=None, account_id=ACCOUNTS[0]))
    return rows


def _all_pages(client, params: dict) -> tuple[list[int], int]:
    """Every id of the list page by page (cursor links), and the first page's total."""
    ids, cursor, total = [], None, None
    while True:
        query = {**params, "per_page": 25, **({"cursor": cursor} if cursor else {})}
        # As htmx asks (no redirect to the shorter URL when a value is the default).
        answer = client.get(reverse("findings:list"), query, headers={"HX-Request": "true"})
        page = answer.context["page"]
        total = page.total if total is None else total
        ids += [f.pk for f in page.rows]
        cursor = page.next_cursor
        if not cursor:
            return ids, total


@pytest.mark.parametrize("value", [sla.OVERDUE, sla.DUE_SOON, sla.WITHIN])
@pytest.mark.parametrize("sort", ["-severity", "severity", "-last_seen", "account"])
def test_the_pages_are_the_brute_force_clock_in_list_order(
    spread, client_for, admin_alice, value, sort
):
    now = sla.truncated_now(datetime.now(UTC))
    expected = [f for f in Finding.objects.all() if _matches(value, f, now)]
    assert expected, "the data must hold some of each"
    ids, total = _all_pages(client_for(admin_alice), {"sla": value, "sort": sort})
    assert ids == _in_list_order(expected, sort)
    assert total == len(expected)


@pytest.mark.parametrize("value", [sla.OVERDUE, sla.DUE_SOON, sla.WITHIN])
def test_a_scoped_analyst_sees_only_their_accounts(spread, client_for, scoped_frank, value):
    now = sla.truncated_now(datetime.now(UTC))
    expected = [
        f for f in Finding.objects.filter(account_id=ACCOUNTS[0]) if _matches(value, f, now)
    ]
    ids, total = _all_pages(client_for(scoped_frank), {"sla": value})
    assert ids == _in_list_order(expected, "-severity")
    assert total == len(expected)


def test_overdue_is_read_as_one_condition():
    assert sla.parts(sla.OVERDUE, datetime.now(UTC)) is None


@pytest.mark.parametrize("value", [sla.DUE_SOON, sla.WITHIN])
def test_the_parts_are_the_filter_at_every_edge(value):
    """At a fixed minute, in every band and open status, a finding at each edge of the due time:
    the union of the parts is what the single condition matches, and no row is in two parts."""
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    tick = timedelta(microseconds=1)
    for band, severity in zip(SeverityBand, (2.0, 5.0, 8.0, 9.5), strict=True):
        for status in (FindingStatus.NEW, FindingStatus.ACKNOWLEDGED, FindingStatus.INVESTIGATING):
            phase = sla.PHASE_OF_STATUS[status]
            for offset in (-tick, timedelta(0), sla.SOON, sla.SOON + tick):
                first_seen = now + offset - sla.allowed(band, phase)
                make_finding(severity=severity, status=status, first_seen_at=first_seen)
    make_finding(severity=9.5, status=FindingStatus.RESOLVED, first_seen_at=now - sla.SOON * 100)
    whole = set(Finding.objects.filter(sla.FILTERS[value](now)).values_list("pk", flat=True))
    seen: list[int] = []
    for part in sla.parts(value, now):
        seen += Finding.objects.filter(part).values_list("pk", flat=True)
    assert sorted(seen) == sorted(whole)
    assert {f.pk for f in Finding.objects.all() if _matches(value, f, now)} == whole


def test_an_sla_page_costs_the_queries_of_any_list(spread, client_for, admin_alice):
    client = client_for(admin_alice)
    client.get(reverse("findings:list"))  # warm the session and caches alike
    counts = {}
    for params in ({}, {"sla": sla.OVERDUE}, {"sla": sla.DUE_SOON}, {"sla": sla.WITHIN}):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("findings:list"), params).status_code == 200
        counts[params.get("sla", "none")] = len(queries.captured_queries)
    assert len(set(counts.values())) == 1, counts


@pytest.mark.parametrize("value", [sla.DUE_SOON, sla.WITHIN])
def test_the_api_pages_are_the_brute_force_clock(spread, api_for, scoped_frank, value):
    """The API reads the same parts (its filter backend hands them to the paginator)."""
    now = sla.truncated_now(datetime.now(UTC))
    expected = [
        f for f in Finding.objects.filter(account_id=ACCOUNTS[0]) if _matches(value, f, now)
    ]
    client, ids = api_for(scoped_frank), []
    url, params = reverse("api:finding-list"), {"sla": value, "per_page": 25}
    while url:
        answer = client.get(url, params).json()
        ids += [row["id"] for row in answer["results"]]
        url, params = answer["next"], None
    assert ids == _in_list_order(expected, "-severity")


@pytest.mark.parametrize("value", [sla.DUE_SOON, sla.WITHIN])
def test_whole_reads_of_the_filter_are_its_one_condition(spread, rf, admin_alice, value):
    """Outside a page (exports, bulk actions, subqueries, an OR with another list) the parts'
    condition is the single condition, aliases and all."""
    from django.http import QueryDict

    from guardduty_hub.findings.filters import FindingFilterSet

    now = sla.truncated_now(datetime.now(UTC))
    expected = {f.pk for f in Finding.objects.all() if _matches(value, f, now)}
    request = rf.get("/findings/")
    request.user = admin_alice
    found = FindingFilterSet(
        QueryDict(f"sla={value}"), queryset=Finding.objects.all(), request=request
    ).qs
    assert set(found.values_list("pk", flat=True)) == expected
    assert found.count() == len(expected)
    inside = Finding.objects.filter(pk__in=found.values("pk"))
    assert set(inside.values_list("pk", flat=True)) == expected
    other = Finding.objects.exclude(pk__in=expected).order_by("pk").first()
    either = found | Finding.objects.filter(pk=other.pk)
    assert set(either.values_list("pk", flat=True)) == expected | {other.pk}


@pytest.mark.parametrize("value", [sla.DUE_SOON, sla.WITHIN])
def test_samples_and_archived_left_open_split_every_part(spread, client_for, admin_alice, value):
    """sample=any / archived=any: each part is read once per open flag too, samples included."""
    now = datetime.now(UTC)
    for band_severity in (2.0, 9.5):
        make_finding(
            severity=band_severity,
            is_sample=True,
            first_seen_at=now - timedelta(minutes=30),
            account_id=ACCOUNTS[1],
        )
    minute = sla.truncated_now(now)
    expected = [f for f in Finding.objects.all() if _matches(value, f, minute)]
    assert any(f.is_sample for f in expected)
    params = {"sla": value, "sample": "any", "archived": "any"}
    ids, total = _all_pages(client_for(admin_alice), params)
    assert ids == _in_list_order(expected, "-severity")
    assert total == len(expected)

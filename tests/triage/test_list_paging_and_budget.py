"""Keyset paging walks every row once in order; query counts do not grow with the page size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.pagination import COUNT_CAP, KeysetPage, paginate
from tests.factories import NOW, make_finding
from tests.triage.conftest import MEMBER_IDS

LIST_BUDGET = 10  # the "at most 10 queries per page whatever the page size"
DETAIL_BUDGET = 12


@pytest.fixture
def many(accounts, admin_alice):
    # Ties on severity and on last seen: the id breaks them.
    return [
        make_finding(
            severity=(2.0, 5.0, 8.0)[i % 3],
            last_seen_at=NOW - timedelta(minutes=i // 4),
            assignee=admin_alice if i % 2 else None,
            # Two accounts: each scoped persona of the budget test sees some.
            account_id=MEMBER_IDS[i % 2],
        )
        for i in range(60)
    ]


@pytest.mark.parametrize(
    "sort",
    ["-severity", "severity", "-last_seen", "count", "type", "-account", "region", "-updated"],
)
def test_keyset_walks_every_row_once_in_order(many, sort):
    forwards = []
    page = paginate(Finding.objects.all(), sort=sort, per_page=7)
    forwards += page.rows
    while page.next_cursor:
        page = paginate(Finding.objects.all(), sort=sort, per_page=7, cursor=page.next_cursor)
        forwards += page.rows
    assert len(forwards) == len({f.pk for f in forwards}) == 60
    everything = list(paginate(Finding.objects.all(), sort=sort, per_page=200).rows)
    assert [f.pk for f in forwards] == [f.pk for f in everything]
    # And back again, page by page, to the first row.
    backwards = []
    while page.prev_cursor:
        page = paginate(Finding.objects.all(), sort=sort, per_page=7, cursor=page.prev_cursor)
        backwards = page.rows + backwards
    assert [f.pk for f in backwards] == [f.pk for f in everything[: len(backwards)]]
    assert backwards[0].pk == everything[0].pk


def test_default_order_is_severity_then_last_seen_newest_first(many):
    rows = paginate(Finding.objects.all(), per_page=200).rows
    keys = [(-f.severity, -f.seen_at.timestamp(), -f.pk) for f in rows]
    assert keys == sorted(keys)


def test_bad_cursor_means_first_page(many):
    first = paginate(Finding.objects.all(), per_page=5)
    bad = paginate(Finding.objects.all(), per_page=5, cursor="not-a-cursor!")
    assert [f.pk for f in bad.rows] == [f.pk for f in first.rows]


def test_total_is_capped():
    assert KeysetPage([], "-severity", 50, total=COUNT_CAP).total_display == "10,000"
    assert KeysetPage([], "-severity", 50, total=COUNT_CAP + 1).total_display == "10,000+"


def test_total_counts_exactly_below_the_cap(many, client_for, admin_alice):
    answer = client_for(admin_alice).get(reverse("findings:list"))
    assert answer.context["page"].total == 60
    assert "<strong>60</strong>" in answer.content.decode()


@pytest.mark.parametrize("per_page", [25, 200])
@pytest.mark.parametrize("persona", ["admin_alice", "scoped_frank", "member_owner_dave"])
def test_list_query_budget(
    request, many, client_for, django_assert_max_num_queries, per_page, persona
):
    client = client_for(request.getfixturevalue(persona))
    client.get(reverse("findings:list"))  # session warm-up (time zone read once per session)
    with django_assert_max_num_queries(LIST_BUDGET):
        answer = client.get(reverse("findings:list"), {"per_page": per_page, "archived": "any"})
    assert answer.status_code == 200
    assert len(answer.context["page"].rows) > 0
    with django_assert_max_num_queries(LIST_BUDGET):
        partial = client.get(
            reverse("findings:list"), {"per_page": per_page}, headers={"HX-Request": "true"}
        )
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()


@pytest.mark.parametrize("others", [0, 25])
def test_detail_query_budget(
    accounts, admin_alice, client_for, django_assert_max_num_queries, others
):
    finding = make_finding(resource_id="i-shared")
    for _ in range(others):
        make_finding(resource_id="i-shared")
    client = client_for(admin_alice)
    client.get(reverse("findings:list"))
    from guardduty_hub.findings import services

    for n in range(5):
        services.finding_note_add(admin_alice, finding, f"note {n}")
    with django_assert_max_num_queries(DETAIL_BUDGET):
        answer = client.get(reverse("findings:detail", args=[finding.pk]))
    assert answer.status_code == 200


@pytest.mark.parametrize("persona", ["scoped_frank", "member_owner_dave"])
def test_a_scoped_list_page_reads_the_users_scope_once(request, many, client_for, persona):
    # The access rule and the navigation ("My member accounts" only for owners) share it.
    client = client_for(request.getfixturevalue(persona))
    client.get(reverse("findings:list"))
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("findings:list"))
    assert answer.status_code == 200
    scope_reads = [q for q in queries.captured_queries if "accounts_accountscope" in q["sql"]]
    assert len(scope_reads) == 1

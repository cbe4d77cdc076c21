"""The finding list's fast read paths return exactly the rows of a plain sort.

On PostgreSQL a list that leaves `archived` or `is_sample` open is read as one index range per
flag value, merged; the account sort follows the account index; a total over the cap is
remembered; an account filter outside the user's scope is answered without reading findings.
Each is checked for what the user sees (the rows, their order, the total), on both databases.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.findings import pagination
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.pagination import SORTS, paginate
from guardduty_hub.findings.split_reads import Compiled, open_flags
from tests.factories import NOW, make_finding
from tests.fixtures.services import need
from tests.triage.conftest import MEMBER_IDS

ON_POSTGRES = connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _no_remembered_totals():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mixed(accounts):
    """Current, archived and sample findings, with ties on every sort key but the id."""
    return [
        make_finding(
            severity=(2.0, 5.0, 8.0, 9.5)[i % 4],
            archived=i % 3 == 0,
            is_sample=i % 5 == 0,
            count=1 + i % 4,
            last_seen_at=NOW - timedelta(minutes=i // 3),
            account_id=MEMBER_IDS[i % 3],
            region=("us-east-1", "eu-west-1")[i % 2],
        )
        for i in range(45)
    ]


def in_sort_order(findings, sort: str) -> list[int]:
    """The ids of `findings` in a list sort, computed here rather than by the database."""
    name, descending = pagination.parse_sort(sort)

    def key(f):
        seen = f.last_seen_at or f.updated_at
        values = {"seen_at": seen}
        return tuple(values.get(k, getattr(f, k, None)) for k in (*SORTS[name].keys, "id"))

    return [f.pk for f in sorted(findings, key=key, reverse=descending)]


def walk(queryset, sort: str, per_page: int = 7) -> tuple[list[int], list[int]]:
    """Every id page by page to the end, then back again page by page to the start."""
    forwards, page = [], paginate(queryset, sort=sort, per_page=per_page)
    forwards += [f.pk for f in page.rows]
    while page.next_cursor:
        page = paginate(queryset, sort=sort, per_page=per_page, cursor=page.next_cursor)
        forwards += [f.pk for f in page.rows]
    backwards = [f.pk for f in page.rows]
    while page.prev_cursor:
        page = paginate(queryset, sort=sort, per_page=per_page, cursor=page.prev_cursor)
        backwards = [f.pk for f in page.rows] + backwards
    return forwards, backwards


@pytest.mark.parametrize(
    "sort",
    [
        "-severity",
        "severity",
        "-updated",
        "-last_seen",
        "count",
        "account",
        "-account",
        "region",
        "-region",
    ],
)
@pytest.mark.parametrize(
    "narrowed",
    [{}, {"archived": False}, {"is_sample": True}, {"account_id": MEMBER_IDS[1]}],
    ids=["both-open", "samples-open", "archived-open", "one-account"],
)
def test_pages_with_open_flags_are_the_plain_sort(mixed, sort, narrowed):
    queryset = Finding.objects.filter(**narrowed)
    expected = in_sort_order(list(queryset), sort)
    forwards, backwards = walk(queryset, sort)
    assert forwards == expected
    assert backwards == expected


def test_open_flags_are_the_ones_no_filter_pins():
    assert open_flags(Finding.objects.all()) == ["archived", "is_sample"]
    assert open_flags(Finding.objects.filter(archived=True)) == ["is_sample"]
    assert open_flags(Finding.objects.filter(archived=False, is_sample=False)) == []
    # Pinned only inside an OR is not pinned: the split stays (and stays correct).
    either = Finding.objects.filter(archived=True) | Finding.objects.filter(count=3)
    assert "archived" in open_flags(either)


def test_a_compiled_condition_pins_the_flags_its_top_holds():
    """The SLA filters' conditions start with archived=False: no range of archived rows."""
    pinning = Compiled(Q(archived=False) & (Q(count=1) | Q(count=2)))
    assert pinning.pinned() == {"archived"}
    assert open_flags(Finding.objects.filter(pinning)) == ["is_sample"]
    assert Compiled(Q(archived__exact=True, is_sample=False)).pinned() == {"archived", "is_sample"}
    # Inside an OR or a NOT it pins nothing.
    assert Compiled(Q(archived=False) | Q(count=1)).pinned() == set()
    assert Compiled(~Q(archived=False)).pinned() == set()
    assert Compiled(Q(count__gt=1, severity__lt=4)).pinned() == set()


def test_current_and_archived_list_through_the_page(mixed, client_for, admin_alice):
    client = client_for(admin_alice)
    answer = client.get(
        reverse("findings:list"), {"archived": "any", "sort": "-updated", "per_page": 25}
    )
    wanted = [f for f in mixed if not f.is_sample]
    assert [f.pk for f in answer.context["page"].rows] == in_sort_order(wanted, "-updated")[:25]
    assert answer.context["page"].total == len(wanted)


def test_open_flags_read_one_range_each_in_one_query(mixed):
    need(ON_POSTGRES, "the merged read is PostgreSQL's (SQLite: one sort)")
    with CaptureQueriesContext(connection) as queries:
        paginate(Finding.objects.filter(is_sample=False), sort="-updated", per_page=5, count=False)
    assert len(queries.captured_queries) == 1
    sql = queries.captured_queries[0]["sql"]
    assert sql.count("UNION ALL") == 1
    # One range per value of the open flag, each its own condition.
    assert '(NOT "findings_finding"."archived")' in sql
    assert 'AND ("findings_finding"."archived")' in sql


def plan(queryset) -> str:
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connection.cursor() as cursor:
        # A few test rows: a sequential scan would always win. Forbidding it (and sorting)
        # asks whether an index can give this order at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("sort", "narrowed", "index"),
    [
        ("account", {"archived": False, "is_sample": False}, "findings_list_account"),
        ("-account", {"archived": True, "is_sample": False}, "findings_list_account"),
        ("-severity", {"archived": False, "is_sample": True}, "findings_list_samples"),
        ("region", {"archived": False, "is_sample": False}, "findings_list_region"),
        (
            "-severity",
            {"archived": True, "is_sample": False, "region": "eu-west-1"},
            "findings_list_region",
        ),
        (
            "-severity",
            {
                "archived": False,
                "is_sample": False,
                "account_id": MEMBER_IDS[0],
                "region": "us-east-1",
            },
            "findings_list_account",
        ),
        (
            "-severity",
            {"archived": False, "is_sample": False, "status": "investigating"},
            "findings_list_status",
        ),
    ],
)
def test_an_index_gives_the_order_without_a_sort(mixed, sort, narrowed, index):
    need(ON_POSTGRES, "PostgreSQL's plans")
    name, descending = pagination.parse_sort(sort)
    keys = [*SORTS[name].keys, "id"]
    ordered = pagination.with_sort_keys(Finding.objects.filter(**narrowed)).order_by(
        *[f"-{k}" if descending else k for k in keys]
    )
    shown = plan(ordered[:51])
    assert index in shown
    assert "Sort" not in shown


@pytest.mark.django_db
def test_a_total_over_the_cap_is_remembered_and_one_under_it_is_always_counted(
    accounts, monkeypatch
):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    big = [make_finding(region="us-east-1") for _ in range(7)]
    small = [make_finding(region="eu-west-1") for _ in range(3)]
    in_east = Finding.objects.filter(region="us-east-1")
    in_west = Finding.objects.filter(region="eu-west-1")
    assert paginate(in_east).total == 6  # COUNT_CAP + 1: "5+"
    assert paginate(in_west).total == 3
    Finding.objects.filter(pk__in=[f.pk for f in big[:4]]).delete()
    Finding.objects.filter(pk=small[0].pk).delete()
    assert paginate(in_east).total == 6  # remembered for OVER_CAP_SECONDS
    assert paginate(in_west).total == 2  # under the cap: counted every time
    # Another filter set, or another user's scope, is another total.
    assert paginate(in_east.filter(account_id__in=[MEMBER_IDS[0]])).total == 3
    cache.clear()  # as when OVER_CAP_SECONDS have passed
    assert paginate(in_east).total == 3


def test_an_account_outside_the_scope_reads_no_findings(mixed, client_for, scoped_frank):
    client = client_for(scoped_frank)
    client.get(reverse("findings:list"))
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("findings:list"), {"account": MEMBER_IDS[2]})
    assert answer.context["page"].rows == []
    assert answer.context["page"].total == 0
    assert not [q for q in queries.captured_queries if '"findings_finding"' in q["sql"]]
    # Asking for an own account and a foreign one lists the own one only.
    answer = client.get(
        reverse("findings:list"),
        {"account": [MEMBER_IDS[0], MEMBER_IDS[2]], "per_page": 50},
        follow=True,  # per_page=50 is the default: redirected to the short URL
    )
    own = [f for f in mixed if f.account_id == MEMBER_IDS[0] and not f.archived]
    own = [f for f in own if not f.is_sample]
    assert [f.pk for f in answer.context["page"].rows] == in_sort_order(own, "-severity")


@pytest.mark.parametrize(("current", "archived", "total"), [(2, 3, 5), (4, 3, 6), (0, 6, 6)])
def test_a_total_across_open_flags_is_their_sum_up_to_the_cap(
    accounts, monkeypatch, current, archived, total
):
    monkeypatch.setattr(pagination, "COUNT_CAP", 5)
    for n in range(current + archived):
        make_finding(archived=n < archived, region="eu-west-1")
    make_finding(archived=False, region="us-east-1")  # not in the list
    assert paginate(Finding.objects.filter(region="eu-west-1")).total == total

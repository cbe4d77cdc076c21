"""Keyset (cursor) pagination for the finding list, and its capped total.

OFFSET pagination reads and throws away every earlier row, so page 200 of a million findings is
slow. Here a page is "the N rows after this row in this order": the order is always a few sort
keys plus `id` (unique, so ties are stable) in one direction, and the condition is one row-value
comparison, `(severity, seen_at, id) < (8.0, '2025-..', 123)`, which PostgreSQL answers as an
index range scan (see the list indexes in migrations). The cursor is those values, encoded.

The total is exact up to 10,000; beyond that the page says "10,000+" (counting a million rows on
every page view would cost more than the page itself).

A list that leaves `archived` or `is_sample` open, or whose filter is a union of index ranges
(AnyOf, the SLA filters), is read as one ordered range per piece, merged (split_reads.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, Expression, F, QuerySet, Value
from django.db.models.functions import Coalesce

from guardduty_hub.findings.split_reads import PkIn, split

COUNT_CAP = 10_000
# A filter set found to match more than COUNT_CAP rows is remembered as such this long, so its
# later pages (and everyone else's same list) skip the count: reading 10,001 rows of a filter no
# index covers (a region, a common word) costs more than the page. A list that big does not
# fall under the cap unnoticed for long; exact totals (under the cap) are always counted.
OVER_CAP_SECONDS = 60
PER_PAGE_CHOICES = (25, 50, 100, 200)
DEFAULT_PER_PAGE = 50

# When GuardDuty gave no EventLastSeen, the finding's UpdatedAt stands in for it: the sort key
# is then never NULL, so one row comparison covers every row.
SEEN_AT = Coalesce(F("last_seen_at"), F("updated_at"))


@dataclass(frozen=True)
class Sort:
    label: str
    keys: tuple[str, ...]  # annotated or model field names, before the final `id`
    kinds: tuple[str, ...]  # how cursor values decode: float, int, str, datetime


SORTS: dict[str, Sort] = {
    "severity": Sort("Severity", ("severity", "seen_at"), ("float", "datetime")),
    "last_seen": Sort("Last seen", ("seen_at",), ("datetime",)),
    "updated": Sort("Updated", ("updated_at",), ("datetime",)),
    "count": Sort("Count", ("count",), ("int",)),
    # Then region and severity: the order of the account index (list_indexes), so an account
    # sort is a range of it and not a sort of every row.
    "account": Sort(
        "Account",
        ("account_id", "region", "severity", "seen_at"),
        ("str", "str", "float", "datetime"),
    ),
    # Then severity: the order of the region index.
    "region": Sort("Region", ("region", "severity", "seen_at"), ("str", "float", "datetime")),
    "type": Sort("Type", ("type",), ("str",)),
}
DEFAULT_SORT = "-severity"
SORT_CHOICES = [
    (f"{prefix}{name}", f"{sort.label} {arrow}")
    for name, sort in SORTS.items()
    for prefix, arrow in (("-", "↓"), ("", "↑"))
]


def parse_sort(value: str | None) -> tuple[str, bool]:
    """("severity", descending) from "-severity"; unknown values fall back to the default."""
    value = value or DEFAULT_SORT
    name = value.lstrip("-")
    if name not in SORTS:
        return parse_sort(DEFAULT_SORT)
    return name, value.startswith("-")


def parse_per_page(value: str | None) -> int:
    try:
        number = int(value or DEFAULT_PER_PAGE)
    except ValueError:
        return DEFAULT_PER_PAGE
    return number if number in PER_PAGE_CHOICES else DEFAULT_PER_PAGE


class RowCompare(Expression):
    """`(a, b, c) < (x, y, z)` as a filter condition (row values: PostgreSQL and SQLite)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, left: list, op: str, right: list):
        super().__init__()
        assert op in ("<", ">") and len(left) == len(right)
        self.left, self.op, self.right = list(left), op, list(right)

    def get_source_expressions(self):
        return [*self.left, *self.right]

    def set_source_expressions(self, exprs):
        n = len(self.left)
        self.left, self.right = list(exprs[:n]), list(exprs[n:])

    def as_sql(self, compiler, connection):
        params: list[Any] = []
        sides = []
        for side in (self.left, self.right):
            parts = []
            for expression in side:
                sql, p = compiler.compile(expression)
                parts.append(sql)
                params.extend(p)
            sides.append(f"({', '.join(parts)})")
        return f"{sides[0]} {self.op} {sides[1]}", params


@dataclass
class KeysetPage:
    rows: list
    sort: str  # e.g. "-severity"
    per_page: int
    total: int
    next_cursor: str | None = None
    prev_cursor: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def total_is_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def total_display(self) -> str:
        return f"{COUNT_CAP:,}+" if self.total_is_capped else f"{self.total:,}"


def with_sort_keys(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(seen_at=SEEN_AT)


def capped_count(queryset: QuerySet) -> int:
    """Exact up to COUNT_CAP, else COUNT_CAP + 1: COUNT(*) over LIMIT-ed subqueries (one per
    piece, as the rows are read, so that each counts from its index).

    "Over the cap" is remembered for OVER_CAP_SECONDS per count SQL (which holds the filters
    and the account scope, not the sort or the cursor)."""
    queryset = queryset.order_by().values("pk")
    if queryset.query.is_empty():
        return 0
    try:
        found = split(queryset, COUNT_CAP + 1)
        if found is not None:
            sql, params = found.sql, found.params
        else:
            limited = queryset[: COUNT_CAP + 1]
            sql, params = limited.query.get_compiler(using=limited.db).as_sql()
    except EmptyResultSet:  # a filter no row can match, found when compiled (count > 2**31)
        return 0
    key = "gdh-over-cap:" + hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()
    if cache.get(key):
        return COUNT_CAP + 1
    with connections[queryset.db].cursor() as cursor:
        # What `.count()` runs, without compiling the query a second time.
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608 (compiled SQL)
        total = min(cursor.fetchone()[0], COUNT_CAP + 1)
    if total > COUNT_CAP:
        cache.set(key, True, OVER_CAP_SECONDS)
    return total


def read_rows(rows_qs: QuerySet, limit: int) -> list:
    """The first `limit` rows of the ordered `rows_qs`: with open flags (or an AnyOf), the
    merge of the first `limit` of each piece (split_reads.split), each a range of its own index."""
    try:
        found = None if rows_qs.query.is_empty() else split(rows_qs, limit)
    except EmptyResultSet:  # no piece can match (a value beyond the column's range)
        return []
    if found is None:
        return list(rows_qs[:limit])
    if not found.has_any_of:
        return list(rows_qs.filter(PkIn(found.sql, found.params))[:limit])
    # The ids are already the condition's rows: it is not planned again (twelve SLA parts
    # with the condition kept in each took PostgreSQL 6 ms to plan, without it 1 ms).
    return list(found.rest.filter(PkIn(found.sql, found.params, array=True))[:limit])


def paginate(
    queryset: QuerySet,
    *,
    sort: str | None = None,
    cursor: str | None = None,
    per_page: int = DEFAULT_PER_PAGE,
    count: bool = True,
) -> KeysetPage:
    """One page of `queryset` (already filtered and scoped) in keyset order: two queries."""
    name, descending = parse_sort(sort)
    spec = SORTS[name]
    keys = [*spec.keys, "id"]
    queryset = with_sort_keys(queryset)
    decoded = decode_cursor(cursor, spec)
    backwards = decoded is not None and decoded[0] == "p"
    # Reading backwards = the opposite order, then the rows reversed.
    reading_desc = descending != backwards
    rows_qs = queryset.order_by(*[f"-{k}" if reading_desc else k for k in keys])
    if decoded is not None:
        values = decoded[1]
        rows_qs = rows_qs.filter(
            RowCompare(
                [F(k) for k in keys],
                "<" if reading_desc else ">",
                [Value(v) for v in values],
            )
        )
    rows = read_rows(rows_qs, per_page + 1)
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    page = KeysetPage(
        rows=rows,
        sort=f"-{name}" if descending else name,
        per_page=per_page,
        total=capped_count(queryset) if count else 0,
    )
    if rows:
        has_next = more if not backwards else True
        has_prev = (decoded is not None) if not backwards else more
        if has_next:
            page.next_cursor = encode_cursor("n", rows[-1], keys)
        if has_prev:
            page.prev_cursor = encode_cursor("p", rows[0], keys)
    return page


def encode_cursor(direction: str, row, keys: list[str]) -> str:
    values = []
    for key in keys:
        value = getattr(row, key)
        values.append(value.isoformat() if isinstance(value, datetime) else value)
    payload = json.dumps([direction, values], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, spec: Sort) -> tuple[str, list] | None:
    """(direction, values) or None for a missing or malformed cursor (then: first page)."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        direction, raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if direction not in ("n", "p") or len(raw) != len(spec.kinds) + 1:
            return None
        values = [_decode(v, kind) for v, kind in zip(raw, (*spec.kinds, "int"), strict=True)]
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
        return None
    return direction, values


def _decode(value, kind: str):
    if kind == "datetime":
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("naive time in cursor")
        return moment
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    if not isinstance(value, str):
        raise TypeError("string expected")
    return value

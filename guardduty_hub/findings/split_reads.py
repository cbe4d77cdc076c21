"""A list read as several index ranges, merged: one per value of its open flags and per part
of its AnyOf condition (pagination.read_rows and capped_count).

Every list index leads with `archived` (and the default one holds non-samples only), so a list
that leaves `archived` or `is_sample` open ("current and archived", "include samples") would
match no index and sort the whole table. Such a list is read as one ordered range per value of
the open flags, each from its index, and the ranges merged: still one query (a UNION ALL of the
ranges' ids, PostgreSQL), the same rows in the same order. A filter whose condition is a
union of index ranges (AnyOf: the SLA filters' per band and status) is read the same way: each
part's first rows, merged.

The pieces differ only in their own condition, so the SQL around it is compiled once for all of
them (`split`): as a queryset per piece, Django resolved and compiled the list's filters, order
and the part again for each of the eight SLA parts, and a page did so twice (its rows, its
total): 5 ms of the SLA lists' Python, against 1 ms.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import BooleanField, Expression, F, Q, QuerySet
from django.db.models.lookups import Exact
from django.db.models.sql import Query

# Boolean flags every list index starts with (list_indexes): left open, they split the read.
SPLIT_FLAGS = ("archived", "is_sample")


@lru_cache(maxsize=256)
def _condition_sql(using: str, model, condition: Q) -> tuple[str, tuple] | None:
    """`condition` (on `model`'s own columns: no joins) as SQL for its table under its own
    name; None when it can match no row, "" when it matches every row. Once per process per
    condition: the SLA filters' are the same for a minute (sla.truncated_now), and resolving
    and compiling their eight parts cost 1 ms of every SLA page."""
    query = Query(model)
    where = condition.resolve_expression(query)
    try:
        sql, params = query.get_compiler(using=using).compile(where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "", ()
    return sql, tuple(params)


def names_its_table(query: Query) -> bool:
    """Whether `query` names its model's table as the table is called (not a subquery's U0):
    SQL compiled once for the table's own name fits only such a query."""
    return next(iter(query.alias_map), None) == query.get_meta().db_table


def own_columns_sql(compiler, condition: Q) -> tuple[str, list]:
    """`condition` (on the model's own columns) as SQL inside `compiler`'s query."""
    query = compiler.query
    if not names_its_table(query):
        # The table is renamed (a subquery's U0): resolved for this query's names.
        return compiler.compile(condition.resolve_expression(query))
    found = _condition_sql(compiler.connection.alias, query.model, condition)
    if found is None:
        raise EmptyResultSet
    if not found[0]:
        raise FullResultSet
    return found[0], list(found[1])


class Compiled(Expression):
    """`condition`, a Q on the model's own columns, as a filter compiled once per process
    (own_columns_sql), not resolved and compiled by every query that holds it: the SLA
    filters' conditions, the same for a minute, cost a page 1 ms to resolve and 0.5 ms per
    compile (its rows and its total)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, condition: Q):
        super().__init__()
        self.condition = condition

    def resolve_expression(self, query=None, *args, **kwargs):
        # Nothing to join: compiled for the query it ends up in (as_sql).
        return self.copy()

    def as_sql(self, compiler, connection):
        return own_columns_sql(compiler, self.condition)

    def pinned(self) -> set[str]:
        """Fields the condition holds to one value at its top (`archived=False & (...)`)."""
        found, nodes = set(), [self.condition]
        while nodes:
            node = nodes.pop()
            if node.connector != Q.AND or node.negated:
                continue
            for child in node.children:
                if isinstance(child, Q):
                    nodes.append(child)
                elif "__" not in child[0].removesuffix("__exact"):
                    found.add(child[0].removesuffix("__exact"))
        return found


class AnyOf(Compiled):
    """A filter condition that is the union of `parts`, written as `condition` (the same rows
    as one SQL condition); both Q objects on the model's own columns. Read whole (an export, a
    bulk action, a count elsewhere) it is `condition`; a page and its total (read_rows,
    capped_count) read each part instead, ordered and limited, from its own index, and merge
    them (split): ordered by a sort key, PostgreSQL answers an OR by walking that sort's index,
    however few rows match and wherever in that order they lie."""

    def __init__(self, parts: list[Q], condition: Q):
        super().__init__(condition)
        self.parts = list(parts)


class PkIn(Expression):
    """`pk IN (ids)` with the ids' SQL compiled beforehand (split), or with `array`,
    `pk = ANY(ARRAY(ids))`: the ids' subquery is run once (an InitPlan) and the rows read by
    primary key. As `pk IN (ids)` PostgreSQL may instead walk the sort's index and test each
    row against the ids (a semi join), which it does when it expects few rows in the walk: on
    a late page of an SLA list, 3,300 rows each re-running the twelve parts, 4 s. Without an
    AnyOf the rest of the list's conditions are kept beside the ids, and the semi join is
    what the planner wants."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, sql: str, params: list, *, array: bool = False):
        super().__init__()
        self.pk = F("pk")
        self.ids_sql, self.ids_params, self.array = sql, params, array

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        pk, pk_params = compiler.compile(self.pk)
        template = "{} = ANY(ARRAY({}))" if self.array else "{} IN ({})"
        return template.format(pk, self.ids_sql), [*pk_params, *self.ids_params]


# Where a piece's own condition goes in the SQL compiled once for every piece, found again by
# this text and by this parameter (its position among the parameters).
_MARK = "gdh_split_piece"
_MARK_PARAM = object()


class _PieceCondition(Expression):
    conditional = True
    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        return _MARK, [_MARK_PARAM]


def _any_of(queryset: QuerySet) -> tuple[QuerySet, AnyOf | None]:
    """(the queryset without its AnyOf condition, that condition), or (queryset, None) when its
    filters hold none at the top (inside an OR or a NOT, one is read as written)."""
    where = queryset.query.where
    if where.connector != "AND" or where.negated:
        return queryset, None
    for child in where.children:
        if isinstance(child, Exact) and isinstance(child.lhs, AnyOf):
            rest = queryset.all()  # a clone: its WHERE is a copy
            rest.query.where.children = [c for c in where.children if c is not child]
            return rest, child.lhs
    return queryset, None


def open_flags(queryset: QuerySet) -> list[str]:
    """SPLIT_FLAGS the queryset's filters do not pin to one value (`archived=False`, or a
    Compiled condition's own `archived=False & ...`)."""
    where = queryset.query.where
    pinned = set()
    if where.connector == "AND" and not where.negated:
        for child in where.children:
            if not isinstance(child, Exact):
                continue
            if isinstance(child.lhs, Compiled) and child.rhs is True:
                pinned |= child.lhs.pinned()
            target = getattr(child.lhs, "target", None)
            if target is not None and target.model is queryset.model:
                pinned.add(target.name)
    return [flag for flag in SPLIT_FLAGS if flag not in pinned]


@dataclass(frozen=True)
class Split:
    rest: QuerySet  # the queryset without its AnyOf condition (itself when it had none)
    has_any_of: bool
    sql: str  # UNION ALL of every piece's first ids, in the queryset's order
    params: list


def split(queryset: QuerySet, limit: int) -> Split | None:
    """The ids of the first `limit` rows of each piece of `queryset` (one per value of its open
    flags and per part of its AnyOf condition, in place of that condition), as one UNION ALL;
    None when there is only one piece, or when the database cannot order and limit each part
    of a UNION (SQLite). Raises EmptyResultSet when no piece can match a row."""
    if not connections[queryset.db].features.supports_slicing_ordering_in_compound:
        return None
    rest, any_of = _any_of(queryset)
    flags = open_flags(queryset)
    if any_of is None and not flags:
        return None
    around = rest.filter(_PieceCondition()).values("pk")[:limit]
    compiler = around.query.get_compiler(using=around.db)
    sql, params = compiler.as_sql()
    before, after = sql.split(_MARK)  # exactly once: ValueError otherwise
    at = next(i for i, p in enumerate(params) if p is _MARK_PARAM)
    # The pieces' own conditions, for the table under its own name, as `around` names it.
    parts = (
        [_condition_sql(around.db, around.model, part) for part in any_of.parts]
        if any_of is not None
        else [("", ())]
    )
    values = [
        _condition_sql(around.db, around.model, Q(**dict(zip(flags, combination, strict=True))))
        for combination in itertools.product((False, True), repeat=len(flags))
    ] or [("", ())]
    pieces, piece_params = [], []
    for part, value in itertools.product(parts, values):
        if part is None or value is None:
            continue  # as a UNION leaves out a part that matches nothing
        condition = " AND ".join(s for s in (part[0], value[0]) if s) or "TRUE"
        pieces.append(f"({before}({condition}){after})")
        piece_params += [*params[:at], *part[1], *value[1], *params[at + 1 :]]
    if not pieces:
        raise EmptyResultSet
    return Split(rest, any_of is not None, " UNION ALL ".join(pieces), piece_params)

"""The finding list: queryset + FilterSet + filter form + table, one view.

The same view renders the whole page, or only the table when HTMX asks (filtering and paging
in place); without JavaScript the form and the links simply load the full page.
"""

import json
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.db import OperationalError
from django.db.models import CharField, Expression, OuterRef, Subquery
from django.shortcuts import redirect, render

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.bulk_actions import bulk_actions_for
from guardduty_hub.findings.filters import FindingFilterSet
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.pagination import (
    PER_PAGE_CHOICES,
    SORT_CHOICES,
    KeysetPage,
    paginate,
    parse_per_page,
    parse_sort,
)
from guardduty_hub.findings.selectors import findings_visible_to, saved_views_for
from guardduty_hub.findings.split_reads import names_its_table
from guardduty_hub.findings.tables import (
    ROW_FIELDS,
    URL_DEFAULTS,
    columns_for,
    finding_rows,
    headers,
    pager,
)
from guardduty_hub.findings.views.filter_form import render_widgets, select_options

_URL_DEFAULTS_JSON = json.dumps(URL_DEFAULTS)  # for finding-list.js, which trims the URL


def short_query(params) -> str | None:
    """`params` without empty parameters and defaults (a shared link names only the filters
    set), or None when there are none to leave out."""
    kept = [
        (name, value)
        for name, values in params.lists()
        for value in values
        if value != "" and URL_DEFAULTS.get(name) != value
    ]
    if len(kept) == sum(len(values) for _, values in params.lists()):
        return None
    return urlencode(kept)


def account_name_subquery():
    """The account's name next to each row: a lookup per shown row, not a join over all."""
    return Subquery(AwsAccount.objects.filter(account_id=OuterRef("account_id")).values("name")[:1])


@lru_cache(maxsize=4)
def _account_name_sql(using: str) -> str:
    query = Finding.objects.all().query
    sql, params = query.get_compiler(using=using).compile(
        account_name_subquery().resolve_expression(query)
    )
    assert not params, params
    return sql


class AccountName(Expression):
    """account_name_subquery, the same SQL for every list page, compiled once per process:
    as a Subquery Django built, resolved and compiled it on each (0.2 ms)."""

    output_field = CharField()

    def as_sql(self, compiler, connection):
        if not names_its_table(compiler.query):
            # The table is renamed (a subquery's U0): compiled for this query's names.
            return compiler.compile(account_name_subquery().resolve_expression(compiler.query))
        return _account_name_sql(connection.alias), []


def filtered_findings(request):
    """(filterset, queryset) for the request's filters, scoped to the user. Invalid -> none."""
    filterset = FindingFilterSet(
        request.GET, queryset=findings_visible_to(request.user), request=request
    )
    if not filterset.is_valid():
        return filterset, filterset.queryset.none()
    return filterset, filterset.qs


def is_htmx(request) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def finding_list(request):
    # The no-JS form sends every field; with JS, finding-list.js leaves the same ones out.
    shorter = None if is_htmx(request) else short_query(request.GET)
    if shorter is not None:
        return redirect(f"{request.path}?{shorter}" if shorter else request.path)
    filterset, findings = filtered_findings(request)
    # Only what the cells read: not the raw JSON (kilobytes per finding, parsed per row), the
    # description, or the columns no cell shows.
    findings = (
        findings.select_related("assignee").only(*ROW_FIELDS).annotate(account_name=AccountName())
    )
    per_page = parse_per_page(request.GET.get("per_page"))
    timed_out = False
    try:
        page = paginate(
            findings,
            sort=request.GET.get("sort"),
            cursor=request.GET.get("cursor"),
            per_page=per_page,
        )
    except OperationalError as error:
        if not is_statement_timeout(error):
            raise
        # The filters left PostgreSQL too much to read: say so, and keep the form to narrow them.
        name, descending = parse_sort(request.GET.get("sort"))
        page = KeysetPage([], f"-{name}" if descending else name, per_page, total=0)
        timed_out = True
    can_triage = request.user.has_perm(cap.TRIAGE_FINDINGS)
    sort_name, sort_desc = page.sort.lstrip("-"), page.sort.startswith("-")
    columns = columns_for(can_triage)
    context = {
        "filterset": filterset,
        "page": page,
        "column_count": len(columns),
        "can_triage": can_triage,
        "timed_out": timed_out,
        "timeout_seconds": settings.WEB_STATEMENT_TIMEOUT_MS / 1000,
        "current_query": saved_query(request.GET),
        "headers": headers(columns, sort_name, sort_desc),
        # The rows in Python (tables.py): a template per cell cost more than the SQL.
        "rows_html": finding_rows(page.rows, can_triage),
        "pager": pager(page, request.GET),
    }
    if is_htmx(request):
        # htmx swaps only successful answers: the timeout message must come as one.
        return render(request, "findings/_table.html", context)
    context.update(
        url_defaults=_URL_DEFAULTS_JSON,
        sort_options=select_options(SORT_CHOICES, page.sort),
        per_page_options=select_options([(n, n) for n in PER_PAGE_CHOICES], page.per_page),
        bulk_fields=bulk_fields(request.user),
        saved_views=saved_views_for(request.user),
        # The filter form's widgets in Python: Django's widget templates cost more than the SQL.
        widgets=render_widgets(filterset.form),
    )
    return render(request, "findings/list.html", context, status=503 if timed_out else 200)


def bulk_fields(user) -> list[tuple]:
    """(action, its argument's <option>s) for the bulk bar: the menu and its pickers."""
    return [
        (action, select_options(action.argument.choices(user)) if action.argument else "")
        for action in bulk_actions_for(user)
    ]


def is_statement_timeout(error: OperationalError) -> bool:
    """PostgreSQL cancelled the query for the web's statement timeout (SQLSTATE 57014)."""
    cause = error.__cause__
    return (getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)) == "57014"


def saved_query(params) -> str:
    """The query string a saved view keeps: filters, sort, page size; never a cursor (nor the
    page position that goes with it)."""
    kept = params.copy()
    kept.pop("cursor", None)
    kept.pop("pos", None)
    return kept.urlencode()

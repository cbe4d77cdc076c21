"""The finding table, declared once: each column is a `Column` (name, header, sort key, cell
renderer) and the header and rows are rendered from `COLUMNS`. Adding a column is adding one
`Column` to the list.

Not django-tables2: measured on 50 rows of the 1M-row bench, its table rendered in 44 ms
against 0.8 ms here (its template renders every cell), and the list's whole Python budget is
15 ms. A cell renderer returns markup; every value it did not build goes through `escape`
(finding text is hostile).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import lru_cache

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from guardduty_hub.findings.choices import FindingStatus, SeverityBand
from guardduty_hub.findings.filters import DEFAULTS
from guardduty_hub.findings.pagination import DEFAULT_PER_PAGE, DEFAULT_SORT
from guardduty_hub.findings.sla import due_words, finding_clock

_BANDS = {b.value: (b.label, b.label.lower(), b.colour) for b in SeverityBand}
_STATUSES = {s.value: (s.label, s.colour) for s in FindingStatus}

# Parameters whose value here is what the list does anyway: left out of URLs, as are empty ones.
URL_DEFAULTS = {**DEFAULTS, "sort": DEFAULT_SORT, "per_page": str(DEFAULT_PER_PAGE)}


@dataclass(frozen=True)
class Row:
    """What every cell of one render shares."""

    can_triage: bool
    detail_base: str
    now: datetime
    zone: tzinfo  # the user's time zone (timezone.localtime looks it up on every call)


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    cell: Callable[[object, Row], str]  # (finding, row) -> the <td>'s content, escaped
    sort: str | None = None  # a key of pagination.SORTS: the header links to that order
    css: str = ""  # the <td>'s class
    header_html: str = ""  # markup instead of the escaped header (the select-all box)

    @property
    def td(self) -> str:
        """The cell's opening tag; its header rides along for the narrow-screen cards."""
        css = f' class="{self.css}"' if self.css else ""
        return f'<td{css} data-label="{escape(self.header)}">'


# --- cells ----------------------------------------------------------------------------------


def relative(moment: datetime, now: datetime) -> str:
    """ "3 hours ago". Not humanize's naturaltime: it measured 26 µs a cell against 0.4 here
    (1.3 ms of a 50-row page), and its two-unit wording is longer than the column."""
    seconds = int((now - moment).total_seconds())
    if seconds < 0:
        return "in the future"
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def cut(text: str, limit: int) -> str:
    """At most `limit` characters (an ellipsis when cut); Truncator only for the few long ones."""
    return text if len(text) <= limit else Truncator(text).chars(limit)


def time_cell(moment: datetime | None, now: datetime, zone: tzinfo | None = None) -> str:
    """A time as "3 hours ago", with the local and UTC time on hover (cheap: a cell each row).
    `zone`: the user's time zone, when the caller has it at hand."""
    if moment is None:
        return '<span class="muted">-</span>'
    local = moment.astimezone(zone) if zone is not None else timezone.localtime(moment)
    utc = moment.astimezone(UTC)
    title = f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''} · {utc:%Y-%m-%d %H:%M:%S} UTC"
    return (
        f'<time datetime="{utc.isoformat()}" title="{escape(title)}">{relative(moment, now)}</time>'
    )


_PART = re.compile(r"([:/.])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
LONG_PART = 20


@lru_cache(maxsize=1024)
def type_cell(finding_type: str) -> str:
    """The type, escaped, with break opportunities after ':' '/' '.' so that a narrow column
    wraps it at its parts (Recon:EC2/ PortProbe...) and never letter by letter; a part too long
    for the column (ContainerMountsHostDirectory) may also break between its words. A few
    dozen types exist: cached."""
    shown = []
    for part in _PART.split(finding_type):
        text = escape(part)
        if len(part) > LONG_PART:
            text = _CAMEL.sub("<wbr>", text)
        shown.append(text + "<wbr>" if part in (":", "/", ".") else text)
    return "".join(shown)


def resource_text(f) -> str:
    """What the Resource cell says. An attack sequence has no resource of its own (its
    resources and signals are in the raw JSON, not read for the list): name the kind of
    resource it is about instead, from the type (AttackSequence:EKS/... -> EKS)."""
    if f.resource_type == "AttackSequence":
        affected = f.resource_type_affected
        return f"Attack sequence on {affected}" if affected else "Attack sequence"
    return f.resource_type + (f": {cut(f.resource_id, 80)}" if f.resource_id else "")


def _select(f, row: Row) -> str:
    return (
        f'<input type="checkbox" name="ids" value="{f.pk}" form="bulk-form" '
        f'aria-label="Select finding {f.pk}">'
    )


def _severity(f, row: Row) -> str:
    label, css, colour = _BANDS[f.severity_band]
    return (
        f'<span class="sev sev-{css}" style="background:{colour}" '
        f'title="Severity {f.severity}">{label} {f.severity:g}</span>'
    )


def _title(f, row: Row) -> str:
    title = f.title or f.type
    flags = (" (sample)" if f.is_sample else "") + (" (archived)" if f.archived else "")
    return (
        f'<a href="{row.detail_base}{f.pk}/" title="{escape(cut(title, 1000))}">'
        f'{escape(cut(title, 300))}</a><span class="muted">{flags}</span>'
    )


def _account(f, row: Row) -> str:
    name = getattr(f, "account_name", None)
    if not name:
        return escape(f.account_id)
    return f'{escape(name)} <span class="muted acct-id">{escape(f.account_id)}</span>'


def _status(f, row: Row) -> str:
    label, colour = _STATUSES.get(f.status, (f.status, "#555"))
    if f.assignee_id:
        assignee = f'<span class="assignee">{escape(f.assignee.get_username())}</span>'
    else:
        assignee = '<span class="assignee muted">unassigned</span>'
    return (
        f'<span class="status" style="border-color:{colour};color:{colour}">'
        f"{escape(label)}</span>{assignee}"
    )


def _due(f, row: Row) -> str:
    """The SLA clock (findings/sla.py), from the row's own fields: no query."""
    found = finding_clock(f)
    if found is None:
        return '<span class="muted">-</span>'
    words = due_words(found, row.now)
    css = "sla-overdue" if found.overdue(row.now) else "sla-due"
    title = f"{found.phase.capitalize()} by {found.due_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    return f'<span class="{css}" title="{title}">{words}</span>'


# Selects the rows of the page shown (static/js/finding-list.js reveals it); no name, so it is
# never sent with the bulk form.
SELECT_ALL = mark_safe(
    '<input type="checkbox" id="select-all-findings" hidden '
    'aria-label="Select all findings on this page">'
)

SELECT = Column("select", "Select", _select, css="pick", header_html=SELECT_ALL)
COLUMNS = [
    Column("severity", "Severity", _severity, sort="severity", css="sev-cell"),
    Column("title", "Title", _title, css="title"),
    Column("type", "Type", lambda f, row: type_cell(cut(f.type, 80)), sort="type", css="type"),
    Column("account", "Account", _account, sort="account", css="acct"),
    Column("region", "Region", lambda f, row: escape(f.region or f.api_region), sort="region"),
    Column("resource", "Resource", lambda f, row: escape(resource_text(f)), css="res"),
    Column("count", "Count", lambda f, row: str(f.count), sort="count", css="num"),
    Column(
        "last_seen",
        "Last seen",
        lambda f, row: time_cell(f.seen_at, row.now, row.zone),
        sort="last_seen",
    ),
    # One column for both: status and assignee are read together.
    Column("status", "Status / assignee", _status, css="status-cell"),
    Column("due", "Due", _due, css="due"),
]


# The finding fields the cells read (and every sort key, for the page's cursors): the list
# loads these alone. The other columns (five of them times that psycopg parses) cost 0.5 ms of
# a 50-row page for nothing; a cell reading one more field needs it added here, or each row
# would fetch it with a query of its own.
ROW_FIELDS = (
    *("id", "severity", "severity_band", "title", "type", "is_sample", "archived"),
    *("account_id", "region", "api_region", "resource_type", "resource_type_affected"),
    *("resource_id", "count", "last_seen_at", "updated_at", "first_seen_at", "status"),
    *("assignee_id", "assignee__username"),
)


def columns_for(can_triage: bool) -> list[Column]:
    """The row checkboxes are a column of their own for those who may triage."""
    return [SELECT, *COLUMNS] if can_triage else COLUMNS


def finding_rows(rows, can_triage: bool) -> SafeString:
    columns = columns_for(can_triage)
    row = Row(
        can_triage,
        reverse("findings:detail", args=[0])[: -len("0/")],
        timezone.now(),
        timezone.get_current_timezone(),
    )
    cells = [(column.td, column.cell) for column in columns]
    html_rows = "\n".join(
        f'<tr data-finding="{f.pk}">'
        + "".join(f"{td}{cell(f, row)}</td>" for td, cell in cells)
        + "</tr>"
        for f in rows
    )
    return mark_safe(html_rows)  # noqa: S308 (each cell escapes what it did not build)


@dataclass(frozen=True)
class Header:
    column: Column
    sort_param: str | None  # the `sort` its link sets (None: the default order, left out)
    arrow: str  # "↓" / "↑" on the column the list is sorted by


def headers(columns, sort_name: str, sort_desc: bool) -> list[Header]:
    """A sortable column links to its sort: descending first, ascending when it already sorts
    descending."""
    found = []
    for column in columns:
        if not column.sort:
            found.append(Header(column, None, ""))
            continue
        current = sort_name == column.sort
        param = column.sort if current and sort_desc else f"-{column.sort}"
        arrow = ("↓" if sort_desc else "↑") if current else ""
        found.append(Header(column, None if param == DEFAULT_SORT else param, arrow))
    return found


MAX_POSITION = 10_000_000


def page_start(params) -> int | None:
    """How many rows come before this page: 0 on the first page; on a cursor's page, the `pos`
    its link carries (keyset paging does not know it otherwise; None when missing)."""
    if not params.get("cursor"):
        return 0
    try:
        start = int(params.get("pos", ""))
    except ValueError:
        return None
    return start if 0 <= start <= MAX_POSITION else None


def page_range(page, start: int | None) -> str:
    """'51-100 of 2,247' (an en dash) (or 'of 10,000+'); without a known start, only the total."""
    total = page.total_display
    if not page.rows:
        return ""
    if start is None:
        return f"{len(page.rows)} of {total}"
    return f"{start + 1:,}\u2013{start + len(page.rows):,} of {total}"


@dataclass(frozen=True)
class Pager:
    """Where the page is (51-100 of 2,247) and the positions its links carry (`pos`), for the
    template's Previous / First page / Next links."""

    range: str
    has_cursor: bool
    prev_cursor: str | None
    prev_pos: str | None
    next_cursor: str | None
    next_pos: str | None


def pager(page, params) -> Pager:
    start = page_start(params)
    return Pager(
        range=page_range(page, start),
        has_cursor=bool(params.get("cursor")),
        prev_cursor=page.prev_cursor,
        prev_pos=None if start is None else str(max(start - page.per_page, 0)),
        next_cursor=page.next_cursor,
        next_pos=None if start is None else str(start + len(page.rows)),
    )

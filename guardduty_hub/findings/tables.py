"""The finding table's rows, rendered in Python.

A page of 200 rows is ~2,000 cells; through the template engine that cost more than the SQL,
and so did `format_html` (a lazy-aware wrapper and a SafeString per value). Every value that is
not already markup goes through `_esc`, which escapes the same five characters as Django's
`escape` (finding text is hostile).
"""

import html
import re
from datetime import UTC, datetime
from functools import lru_cache

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from guardduty_hub.findings.choices import FindingStatus, SeverityBand
from guardduty_hub.findings.filters import DEFAULTS
from guardduty_hub.findings.pagination import DEFAULT_PER_PAGE, DEFAULT_SORT

_BANDS = {b.value: (b.label, b.label.lower(), b.colour) for b in SeverityBand}
_STATUSES = {s.value: (s.label, s.colour) for s in FindingStatus}


def relative(moment: datetime, now: datetime) -> str:
    seconds = int((now - moment).total_seconds())
    if seconds < 0:
        return "in the future"
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def time_cell(moment: datetime | None, now: datetime) -> SafeString:
    if moment is None:
        return mark_safe('<span class="muted">-</span>')
    local = timezone.localtime(moment)
    utc = moment.astimezone(UTC)
    title = f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''} · {utc:%Y-%m-%d %H:%M:%S} UTC"
    # Safe: every interpolated value is a formatted time or escaped.
    return mark_safe(  # noqa: S308
        f'<time datetime="{utc.isoformat()}" title="{esc(title)}">{relative(moment, now)}</time>'
    )


def esc(value) -> str:
    """HTML-escaped text (quotes too): the stdlib's, cheaper per cell than Django's."""
    return html.escape(str(value), quote=True)


_PART = re.compile(r"([:/.])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
LONG_PART = 20


@lru_cache(maxsize=1024)
def type_cell(finding_type: str) -> str:
    """The type, escaped, with break opportunities after ':' '/' '.' so that a narrow column
    wraps it at its parts (Recon:EC2/ PortProbe...) and never letter by letter; a part too long
    for the column (ContainerMountsHostDirectory) may also break between its words. A few
    dozen types exist: cached."""
    parts = _PART.split(finding_type)
    shown = []
    for part in parts:
        text = esc(part)
        if len(part) > LONG_PART:
            text = _CAMEL.sub("<wbr>", text)
        shown.append(text + "<wbr>" if part in (":", "/", ".") else text)
    return "".join(shown)


def _cut(text: str, limit: int) -> str:
    """Truncator(text).chars(limit): at most `limit` characters, an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resource_text(f) -> str:
    """What the Resource cell says. An attack sequence has no resource of its own (its
    resources and signals are in the raw JSON, not read for the list): name the kind of
    resource it is about instead, from the type (AttackSequence:EKS/... -> EKS)."""
    if f.resource_type == "AttackSequence":
        affected = f.resource_type_affected
        return f"Attack sequence on {affected}" if affected else "Attack sequence"
    return f.resource_type + (f": {_cut(f.resource_id, 80)}" if f.resource_id else "")


def _row(f, can_triage: bool, detail_base: str, now: datetime) -> str:
    label, css, colour = _BANDS[f.severity_band]
    status_label, status_colour = _STATUSES.get(f.status, (f.status, "#555"))
    flags = ("" if not f.is_sample else " (sample)") + ("" if not f.archived else " (archived)")
    name = getattr(f, "account_name", None)
    account = (
        f'{esc(name)} <span class="muted acct-id">{esc(f.account_id)}</span>'
        if name
        else esc(f.account_id)
    )
    resource = resource_text(f)
    select = (
        f'<td><input type="checkbox" name="ids" value="{f.pk}" form="bulk-form" '
        f'aria-label="Select finding {f.pk}"></td>'
        if can_triage
        else ""
    )
    assignee = f.assignee.get_username() if f.assignee_id else "unassigned"
    title = f.title or f.type
    return ROW.format(
        select,
        f.pk,
        esc(css),
        esc(colour),
        esc(f.severity),
        esc(label),
        esc(f"{f.severity:g}"),
        f"{detail_base}{f.pk}/",
        esc(_cut(title, 300)),
        flags,
        type_cell(_cut(f.type, 80)),
        account,
        esc(f.region or f.api_region),
        esc(resource),
        esc(f.count),
        time_cell(f.seen_at, now),
        esc(status_colour),
        esc(status_colour),
        esc(status_label),
        esc(assignee),
        "" if f.assignee_id else " muted",
        esc(_cut(title, 1000)),
    )


ROW = (
    '<tr data-finding="{1}">{0}'
    '<td><span class="sev sev-{2}" style="background:{3}" title="Severity {4}">{5} {6}</span></td>'
    '<td class="title"><a href="{7}" title="{21}">{8}</a><span class="muted">{9}</span></td>'
    '<td class="type">{10}</td><td class="acct">{11}</td><td>{12}</td>'
    '<td class="res">{13}</td><td class="num">{14}</td><td>{15}</td>'
    '<td><span class="status" style="border-color:{16};color:{17}">{18}</span>'
    '<span class="assignee{20}">{19}</span></td></tr>'
)


def finding_rows(rows, can_triage: bool) -> SafeString:
    detail_base = reverse("findings:detail", args=[0])[: -len("0/")]
    now = timezone.now()
    # Safe: _row escapes every value that is not markup it built itself.
    html_rows = "\n".join(_row(f, can_triage, detail_base, now) for f in rows)
    return mark_safe(html_rows)  # noqa: S308


# Parameters whose value here is what the list does anyway: left out of URLs, as are empty ones.
URL_DEFAULTS = {**DEFAULTS, "sort": DEFAULT_SORT, "per_page": str(DEFAULT_PER_PAGE)}


def list_url(params, **changes) -> str:
    """`?query` of the list with some parameters changed (None or the default removes one), as
    `{% querystring %}` does; the cursor is reset unless given."""
    query = params.copy()
    changes.setdefault("cursor", None)
    changes.setdefault("pos", None)  # the position belongs to the cursor
    for key, value in changes.items():
        if value is None or URL_DEFAULTS.get(key) == value:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}"


def _link(url: str, text: str, extra: str = "") -> str:
    url = esc(url)
    return (
        f'<a{extra} href="{url}" hx-get="{url}" hx-target="#findings-results" '
        f'hx-push-url="true">{text}</a>'
    )


# Selects the rows of the page shown (static/js/finding-list.js reveals it); no name, so it is
# never sent with the bulk form.
SELECT_ALL = (
    '<th><input type="checkbox" id="select-all-findings" hidden '
    'aria-label="Select all findings on this page"></th>'
)


def header_cells(columns, sort_name: str, sort_desc: bool, params, can_triage: bool) -> SafeString:
    """The table's <th> cells; a sortable column links to its sort (descending first,
    ascending when it already sorts descending)."""
    cells = [SELECT_ALL] if can_triage else []
    for label, key in columns:
        if not key:
            cells.append(f"<th>{esc(label)}</th>")
        elif sort_name == key and sort_desc:
            cells.append(f"<th>{_link(list_url(params, sort=key), f'{esc(label)} ↓')}</th>")
        else:
            arrow = " ↑" if sort_name == key else ""
            cells.append(f"<th>{_link(list_url(params, sort=f'-{key}'), esc(label) + arrow)}</th>")
    return mark_safe("".join(cells))  # noqa: S308 (labels escaped, URLs escaped)


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


def pager(page, params) -> SafeString:
    """Where the page is (51-100 of 2,247), and Previous / First page / Next links of a keyset
    page; each link carries the position of the page it opens (`pos`)."""
    start = page_start(params)
    links = [f'<span class="muted" id="page-range">{esc(page_range(page, start))}</span>']
    if page.prev_cursor:
        before = {} if start is None else {"pos": str(max(start - page.per_page, 0))}
        links.append(
            _link(
                list_url(params, cursor=page.prev_cursor, **before),
                "← Previous",
                ' class="btn" rel="prev"',
            )
        )
    if params.get("cursor"):
        links.append(_link(list_url(params), "First page"))
    if page.next_cursor:
        after = {} if start is None else {"pos": str(start + len(page.rows))}
        links.append(
            _link(
                list_url(params, cursor=page.next_cursor, **after),
                "Next →",
                ' class="btn" rel="next"',
            )
        )
    return mark_safe("\n".join(links))  # noqa: S308 (URLs escaped, texts escaped)

"""CSV export of a filtered finding list, streamed row by row (100,000 rows in constant memory).

Finding text comes from whoever can trigger GuardDuty (instance names, bucket names, user
agents): a cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet, so
such cells get a leading apostrophe (OWASP "CSV injection").
"""

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import connection
from django.utils import timezone

from guardduty_hub.findings.explain import console_url
from guardduty_hub.findings.pagination import SORTS, parse_sort, with_sort_keys

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
COLUMNS = [
    ("id", "id"),
    ("guardduty_id", "guardduty_id"),
    ("severity", "severity"),
    ("severity_band", "severity_band"),
    ("type", "type"),
    ("title", "title"),
    ("account_id", "account_id"),
    ("account_name", None),
    ("region", "region"),
    ("resource_type", "resource_type"),
    ("resource_id", "resource_id"),
    ("count", "count"),
    ("first_seen", "first_seen_at"),
    ("last_seen", "last_seen_at"),
    ("updated", "updated_at"),
    ("archived", "archived"),
    ("sample", "is_sample"),
    ("status", "status"),
    ("assignee", "assignee__username"),
    ("feedback", "feedback"),
    ("description", "description"),
    # Links back: the finding in the hub, and in the GuardDuty console of its region.
    ("hub_url", "hub_url"),
    ("console_url", "console_url"),
]
# Read for the links only, not columns of their own.
LINK_FIELDS = ["api_region", "partition"]


def neutralise(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


def export_rows(
    findings, names: dict[str, str], sort: str | None, detail_base: str = ""
) -> Iterator[str]:
    """CSV lines: the header, then every finding in the list's order, fetched in chunks.

    `detail_base`: the absolute URL of the findings pages (".../findings/"), for hub_url."""
    name, descending = parse_sort(sort)
    keys = [*SORTS[name].keys, "id"]
    ordered = with_sort_keys(findings).order_by(*[f"-{k}" if descending else k for k in keys])
    links = {"hub_url", "console_url"}
    fields = [f for _, f in COLUMNS if f and f not in links] + LINK_FIELDS
    writer = csv.writer(_Echo())
    yield writer.writerow([label for label, _ in COLUMNS])
    with _no_statement_timeout():
        yield from _export_lines(ordered, fields, names, detail_base, writer)


@contextmanager
def _no_statement_timeout():
    """A long export is meant to take long: the web's statement timeout (gunicorn.conf.py)
    would cut it off after its header went out with a 200, a truncated file that looks whole.
    Lifted for this read, then put back as it was on the (reused) connection."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config('statement_timeout', '0', false)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [previous])


def _export_lines(ordered, fields, names, detail_base, writer) -> Iterator[str]:
    for row in ordered.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
        values = dict(zip(fields, row, strict=True))
        values["hub_url"] = f"{detail_base}{values['id']}/"
        values["console_url"] = console_url(SimpleNamespace(**values))
        cells = []
        for _, field in COLUMNS:
            if field is None:
                cells.append(neutralise(names.get(values["account_id"], "")))
            elif field == "severity_band":
                cells.append(("", "Low", "Medium", "High", "Critical")[values[field]])
            else:
                cells.append(neutralise(values[field]))
        yield writer.writerow(cells)

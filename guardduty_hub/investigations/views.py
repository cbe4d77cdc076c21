"""One page per indicator: every visible finding that mentions it, across accounts and regions,
and when it was seen where."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.selectors import account_names
from guardduty_hub.findings.tables import columns_for, finding_rows, time_cell
from guardduty_hub.investigations.choices import IndicatorKind
from guardduty_hub.investigations.extract import normalised
from guardduty_hub.investigations.selectors import (
    Cursor,
    indicator_findings,
    indicator_for,
    indicator_timeline,
)

# A busy scanner IP is seen in hundreds of account x region pairs: the earliest are shown (the
# spread's start), with how many more there are.
TIMELINE_ROWS = 100


def timeline_rows(rows: list[dict], names: dict[str, str]) -> SafeString:
    """The timeline's rows, built here as the finding list builds its rows (a template tag per
    cell cost a third of a millisecond a row)."""
    list_url = reverse("findings:list")
    now = timezone.now()
    html = "\n".join(
        f'<tr><td><a href="{list_url}?account={escape(row["account_id"])}">'
        f"{escape(_account_label(row['account_id'], names))}</a></td>"
        f"<td>{escape(row['region'])}</td><td>{row['findings']}</td>"
        f"<td>{time_cell(row['first'], now)}</td><td>{time_cell(row['last'], now)}</td></tr>"
        for row in rows
    )
    return mark_safe(html)  # noqa: S308 (every value escaped above)


def _account_label(account_id: str, names: dict[str, str]) -> str:
    name = names.get(account_id)
    return f"{name} ({account_id})" if name else account_id


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def indicator_page(request, kind: str, value: str):
    clean = normalised(kind, value) if kind in IndicatorKind.values else None
    if clean and clean != value:  # one address per indicator (IPv6 spelling, domain case)
        return redirect("investigations:indicator", kind=kind, value=clean)
    indicator = indicator_for(kind, value)
    timeline = indicator_timeline(request.user, indicator)
    if not timeline:
        # Mentioned only in findings this user may not see: as if it did not exist.
        raise Http404("No finding mentions this.")
    findings, following = indicator_findings(
        request.user, indicator, Cursor.decode(request.GET.get("after"))
    )
    names = account_names(request.user)
    for finding in findings:
        finding.account_name = names.get(finding.account_id, "")
    shown = timeline[:TIMELINE_ROWS]
    context = {
        "indicator": indicator,
        "kind_label": IndicatorKind(indicator.kind).label,
        "timeline": shown,
        "timeline_html": timeline_rows(shown, names),
        "timeline_hidden": len(timeline) - len(shown),
        "total": sum(row["findings"] for row in timeline),
        "accounts": len({row["account_id"] for row in timeline}),
        "regions": len({row["region"] for row in timeline}),
        "findings": findings,
        # The finding list's own columns and cells (findings/tables.py), read-only.
        "columns": columns_for(can_triage=False),
        "rows_html": finding_rows(findings, can_triage=False),
        "next_cursor": following.encode() if following else "",
        "paged": "after" in request.GET,
        "names": names,
    }
    return render(request, "investigations/indicator.html", context)

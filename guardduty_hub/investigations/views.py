"""One page per indicator: every visible finding that mentions it, across accounts and regions,
and when it was seen where."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render

from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.selectors import account_names
from guardduty_hub.investigations.choices import IndicatorKind
from guardduty_hub.investigations.extract import normalised
from guardduty_hub.investigations.selectors import (
    Cursor,
    indicator_findings,
    indicator_for,
    indicator_timeline,
)


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
    context = {
        "indicator": indicator,
        "kind_label": IndicatorKind(indicator.kind).label,
        "timeline": timeline,
        "total": sum(row["findings"] for row in timeline),
        "accounts": len({row["account_id"] for row in timeline}),
        "regions": len({row["region"] for row in timeline}),
        "findings": findings,
        "next_cursor": following.encode() if following else "",
        "paged": "after" in request.GET,
        "names": account_names(request.user),
    }
    return render(request, "investigations/indicator.html", context)

"""The landing page at `/`."""

from django.shortcuts import render
from django.utils import timezone

from guardduty_hub.accounts.selectors import is_member_owner
from guardduty_hub.findings.dashboard import queries
from guardduty_hub.findings.dashboard.chart import findings_over_time

RANGES = (30, 90)


def dashboard(request):
    # Anyone signed in lands here; without a role there is nothing to count.
    if not request.user.has_perm("core.view_findings"):
        return render(request, "findings/dashboard.html", {"no_role": True})
    now = timezone.now()
    days = int(request.GET["days"]) if request.GET.get("days") in ("30", "90") else RANGES[0]
    findings = queries.current_findings(request.user)
    context = {
        "cards": queries.band_cards(findings, now),
        # Days in UTC, as the list's time filters (timezone.now() is UTC).
        "chart": findings_over_time(queries.daily_counts(findings, days, now.date())),
        "days": days,
        "ranges": RANGES,
        "top_accounts": queries.top_accounts(findings),
        "top_regions": queries.top_regions(findings),
        "top_types": queries.top_types(findings),
        "member_statuses": queries.member_statuses(request.user),
        # Administrators' regions and their sync: hub-wide, not for member owners.
        "sync": None if is_member_owner(request.user) else queries.sync_health(now),
    }
    return render(request, "findings/dashboard.html", context)

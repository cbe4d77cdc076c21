"""The landing page at `/`.

Every number is live: the findings numbers come from the counts each write of a finding keeps
(counts.py, rollups.py), member statuses and sync health from small tables. Nothing is cached.
"""

from django.shortcuts import render
from django.utils import timezone

from guardduty_hub.accounts.scope import Verb, can
from guardduty_hub.core import capabilities as cap
from guardduty_hub.dashboard import queries
from guardduty_hub.dashboard.chart import findings_over_time
from guardduty_hub.dashboard.counts import findings_counts
from guardduty_hub.findings.selectors import visible_account_ids

RANGES = (30, 90)


def dashboard(request):
    # Anyone signed in lands here; without a role there is nothing to count.
    if not request.user.has_perm(cap.VIEW_FINDINGS):
        return render(request, "dashboard/dashboard.html", {"no_role": True})
    days = int(request.GET["days"]) if request.GET.get("days") in ("30", "90") else RANGES[0]
    now = timezone.now()
    context = {
        **_findings_summary(request.user, days, now),
        "days": days,
        "ranges": RANGES,
        "member_statuses": queries.member_statuses(request.user),
        # Administrators' regions and their sync: hub-wide, for those who see every account.
        "sync": queries.sync_health(now) if can(request.user, Verb.VIEW) else None,
    }
    return render(request, "dashboard/dashboard.html", context)


def _findings_summary(user, days: int, now) -> dict:
    counts = findings_counts(queries.current_findings(user), visible_account_ids(user), days, now)
    return {
        "cards": queries.band_cards(counts, now),
        "chart": findings_over_time(counts.per_day),
        "top_accounts": queries.top_accounts(counts),
        "top_regions": queries.top_regions(counts),
        "top_types": queries.top_types(counts),
        "as_of": now,
    }

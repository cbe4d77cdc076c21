"""The landing page at `/`.

The findings numbers are one pass over every current finding the user may see (counts.py), so
they are kept for DASHBOARD_CACHE_SECONDS per account scope and the page says as of when;
member statuses and sync health are cheap and always live.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from guardduty_hub.accounts.scope import Verb, can
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.dashboard import queries
from guardduty_hub.findings.dashboard.chart import findings_over_time
from guardduty_hub.findings.dashboard.counts import findings_counts
from guardduty_hub.findings.selectors import visible_account_ids

RANGES = (30, 90)


def dashboard(request):
    # Anyone signed in lands here; without a role there is nothing to count.
    if not request.user.has_perm(cap.VIEW_FINDINGS):
        return render(request, "findings/dashboard.html", {"no_role": True})
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
    return render(request, "findings/dashboard.html", context)


def _findings_summary(user, days: int, now) -> dict:
    seconds = getattr(settings, "DASHBOARD_CACHE_SECONDS", 60)
    ids = visible_account_ids(user)
    # Users with the same scope see the same numbers: one cache entry per scope, not per user.
    scope = "all" if ids is None else hashlib.sha256(",".join(sorted(ids)).encode()).hexdigest()
    key = f"gdh:dashboard:v1:{scope}:{days}"
    if seconds and (cached := cache.get(key)) is not None:
        return cached
    counts = findings_counts(queries.current_findings(user), days, now)
    summary = {
        "cards": queries.band_cards(counts, now),
        "chart": findings_over_time(counts.per_day),
        "top_accounts": queries.top_accounts(counts),
        "top_regions": queries.top_regions(counts),
        "top_types": queries.top_types(counts),
        "as_of": now,
    }
    if seconds:
        cache.set(key, summary, seconds)
    return summary

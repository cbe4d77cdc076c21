"""The Sync page: every (administrator, region), its last run, and "Sync now" for Admins."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from guardduty_hub.sync import tasks
from guardduty_hub.sync.pairs import enabled_pairs
from guardduty_hub.sync.selectors import pair_statuses, recent_runs


@permission_required("core.view_findings", raise_exception=True)
def sync_overview(request):
    return render(
        request,
        "sync/overview.html",
        {
            "pairs": pair_statuses(),
            "runs": recent_runs(),
            "can_sync": request.user.has_perm("core.manage_settings"),
        },
    )


@require_POST
@permission_required("core.manage_settings", raise_exception=True)
def sync_now(request):
    """Queue a sync of one pair (administrator + region posted) or of every enabled pair."""
    administrator = request.POST.get("administrator") or None
    region = request.POST.get("region") or None
    pairs = enabled_pairs(int(administrator) if administrator else None, region)
    if administrator and not administrator.isdigit():
        pairs = []
    full = request.POST.get("full") == "1"
    for pair in pairs:
        # After commit: the worker must see what this request wrote.
        transaction.on_commit(
            lambda p=pair: tasks.sync_region.delay(p.administrator_id, p.region, full=full)
        )
    if pairs:
        messages.success(request, f"Sync queued for {len(pairs)} region(s).")
    else:
        messages.error(request, "Nothing to sync: no enabled region matches.")
    return redirect("sync:overview")

"""The Sync page: every (administrator, region), its last run, and "Sync now" for Admins."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guardduty_hub.accounts.scope import Verb, accounts_for, activity_visible, can
from guardduty_hub.core import capabilities as cap
from guardduty_hub.core.bounds import as_db_id
from guardduty_hub.sync import tasks
from guardduty_hub.sync.models import DeadLetter, SyncRunStatus
from guardduty_hub.sync.pairs import enabled_pairs
from guardduty_hub.sync.selectors import (
    pair_statuses,
    recent_dead_letters,
    recent_runs,
    split_switched_off,
)

# After "Sync now" the page reloads itself for this long (the worker may take a moment to
# start the run), and for as long as a run is running (holds its pair's lease).
WATCH_SECONDS = 90
REFRESH_SECONDS = 5


def _watching(request, pairs) -> bool:
    # A run left RUNNING by a worker that died is not followed: its lease has run out.
    if any(
        p.last_run and p.last_run.status == SyncRunStatus.RUNNING and p.state.is_leased
        for p in pairs
    ):
        return True
    try:
        queued_at = int(request.GET.get("queued", ""))
    except ValueError:
        return False
    return 0 <= time.time() - queued_at <= WATCH_SECONDS


def sync_overview(request):
    if not activity_visible(request.user):
        raise PermissionDenied  # as /api/sync-runs/: administrators' work, not a member's
    pairs = pair_statuses(request.user)
    shown, switched_off = split_switched_off(pairs)
    can_sync = request.user.has_perm(cap.MANAGE_SETTINGS)
    # Dead letters hold whole events (any account's finding): for Admins of every account.
    sees_dead_letters = can(request.user, Verb.SYNC)
    return render(
        request,
        "sync/overview.html",
        {
            "pairs": shown,
            "switched_off": switched_off,
            "runs": recent_runs(request.user),
            "dead_letters": recent_dead_letters() if sees_dead_letters else [],
            "dead_letter_count": DeadLetter.objects.count() if sees_dead_letters else 0,
            "events_configured": bool(settings.INGEST_QUEUE_URL),
            "can_sync": can_sync,
            "refresh_seconds": REFRESH_SECONDS if _watching(request, pairs) else None,
        },
    )


@require_POST
@permission_required(cap.MANAGE_SETTINGS, raise_exception=True)
def sync_now(request):
    """Queue a sync of one pair (administrator + region posted) or of every enabled pair."""
    administrator = request.POST.get("administrator") or None
    region = request.POST.get("region") or None
    administrator_id = as_db_id(administrator) if administrator else None
    if administrator and administrator_id is None:
        pairs = []
    else:
        pairs = enabled_pairs(administrator_id, region)
        # Only the administrators the user may sync; others are as if not there.
        allowed = set(accounts_for(request.user, Verb.SYNC).values_list("pk", flat=True))
        pairs = [p for p in pairs if p.administrator_id in allowed]
    full = request.POST.get("full") == "1"
    for pair in pairs:
        # After commit: the worker must see what this request wrote.
        transaction.on_commit(
            lambda p=pair: tasks.sync_region.delay(p.administrator_id, p.region, full=full)
        )
    if not pairs:
        messages.error(request, "Nothing to sync: no enabled region matches.")
        return redirect("sync:overview")
    messages.success(
        request,
        ngettext(
            "Sync queued for %(n)d region. This page follows it until the run finishes.",
            "Sync queued for %(n)d regions. This page follows it until the runs finish.",
            len(pairs),
        )
        % {"n": len(pairs)},
    )
    return redirect(f"{reverse('sync:overview')}?queued={int(time.time())}")

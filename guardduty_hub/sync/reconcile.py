"""`reconcile_region`: bring `archived` (and presence) in line for one pair, without re-fetching.

GuardDuty does not move updatedAt when a finding is archived or unarchived outside the hub, so
incremental syncs cannot see it. Listing ids is cheap (50 per request, no finding bodies): list
the archived ids and the current ids, compare with our rows, and fetch only the findings whose
archive state differs, that we lack, or that GuardDuty no longer lists (then gone unless
GetFindings still returns them).
"""

import logging

from django.utils import timezone

from guardduty_hub.aws import gateway
from guardduty_hub.findings.upsert import UpsertCounts
from guardduty_hub.sync.fetch import PairContext, chunked, fetch_and_store, pair_context
from guardduty_hub.sync.gone import finding_mark_gone_unless_present, pair_findings
from guardduty_hub.sync.lease import lease_acquire, lease_renew, new_owner
from guardduty_hub.sync.models import SyncRun, SyncRunKind
from guardduty_hub.sync.pairs import sync_state_for
from guardduty_hub.sync.retry import call_with_retries
from guardduty_hub.sync.runs import run_recorded, run_start

log = logging.getLogger(__name__)


def reconcile_region(administrator_id: int, region: str) -> SyncRun | None:
    """Reconcile one pair; None when another run holds it. Errors as in `sync_region`."""
    state = sync_state_for(administrator_id, region)
    took_over = bool(state.lease_owner)
    owner = new_owner()
    if not lease_acquire(state.pk, owner):
        log.info("reconcile of %s/%s skipped: the pair is busy", administrator_id, region)
        return None
    run = run_start(state, SyncRunKind.RECONCILE, took_over=took_over)
    return run_recorded(
        run,
        owner,
        lambda counted: _reconcile(pair_context(state), run, owner),
        last_reconcile_at=run.started_at,
    )


def _list_ids(ctx: PairContext, archived: bool) -> set[str]:
    return set(
        call_with_retries(
            lambda: gateway.list_finding_ids(
                ctx.access, ctx.region, ctx.detector_id, archived=archived, sort_by=None
            ),
            what=f"ListFindings (archived={archived}) in {ctx.region}",
        )
    )


def _reconcile(ctx: PairContext, run: SyncRun, owner: str) -> None:
    archived_ids = _list_ids(ctx, archived=True)
    current_ids = _list_ids(ctx, archived=False)
    listed = archived_ids | current_ids
    lease_renew(run.state_id, owner)

    ours = dict(
        pair_findings(ctx)
        .filter(gone_from_guardduty_at__isnull=True)
        .values_list("guardduty_id", "archived")
    )
    flipped = [i for i, archived in ours.items() if i in listed and archived != (i in archived_ids)]
    lacking = sorted(listed - ours.keys())
    unlisted = sorted(ours.keys() - listed)

    counts = UpsertCounts()
    now = timezone.now()
    for batch in chunked(flipped + lacking):
        values, page_counts = fetch_and_store(ctx, batch, now, asynchronous_commit=True)
        counts += page_counts
        run.fetched += len(values)
        run.pages += 1
        lease_renew(run.state_id, owner)
    run.archive_changed = len(flipped)
    run.marked_gone = finding_mark_gone_unless_present(
        ctx, now=now, finding_ids=unlisted, counts=counts
    )
    run.created, run.updated, run.unchanged = counts.created, counts.updated, counts.unchanged
    run.save()

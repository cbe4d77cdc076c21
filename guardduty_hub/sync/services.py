"""`sync_region`: bring the findings of one (administrator, region) into the database.

One run, holding the pair's lease:
1. list finding ids with `updatedAt >= watermark - overlap` (everything on a full run), sorted
   by updatedAt ascending, 50 per page. An incremental run lists that as two ranges: the
   overlap window up to the watermark (rows already held at the watermark are not fetched
   again), then everything strictly after it, so k changes cost ceil(k/50) list + get pairs
   plus one window listing;
2. per page: GetFindings for those ids, upsert them in one statement, and in the same
   transaction advance the watermark to min(page's highest updatedAt, run start) and renew the
   lease. A crash loses nothing (the watermark never passes an uncommitted page) and a re-run
   repeats at most the overlap window plus one page. The next page is fetched (in a helper
   thread) while the current one is written;
3. a full run then marks the pair's findings GuardDuty no longer has as gone (with the date).

Transient AWS errors are retried inside the run (per call; a failed listing restarts from the
committed watermark), then raised for the Celery task to retry later; permanent ones are
recorded on the pair's state and shown, and not raised (retrying would not help).
"""

import logging
import time
from collections.abc import Callable, Iterable
from contextlib import closing
from datetime import datetime, timedelta
from itertools import chain

from django.conf import settings
from django.utils import timezone

from guardduty_hub.aws import gateway
from guardduty_hub.findings.mapping import FindingValues
from guardduty_hub.findings.timestamps import to_epoch_ms
from guardduty_hub.findings.upsert import UpsertCounts
from guardduty_hub.sync.fetch import PairContext, fetch_findings, pair_context, store_page
from guardduty_hub.sync.gone import finding_mark_gone_unless_present, pair_findings
from guardduty_hub.sync.lease import lease_acquire, lease_renew, new_owner
from guardduty_hub.sync.models import SyncRun, SyncRunKind, SyncState
from guardduty_hub.sync.pairs import sync_state_for, sync_state_reread
from guardduty_hub.sync.prefetch import prefetched
from guardduty_hub.sync.retry import iterate_with_retries
from guardduty_hub.sync.runs import run_recorded, run_start

log = logging.getLogger(__name__)

PageHook = Callable[[SyncRun], None]
# How often a run writes its page counters while it runs.
PROGRESS_EVERY_SECONDS = 1.0


def sync_region(
    administrator_id: int,
    region: str,
    *,
    full: bool = False,
    on_page: PageHook | None = None,
) -> SyncRun | None:
    """Sync one pair; None when another run holds it (this one exits at once).

    Returns the run (succeeded, or failed with a permanent error recorded). Transient errors
    that outlast the in-run retries are recorded and raised (TransientAwsError).
    `on_page(run)` is called after each committed page (progress display, tests).
    """
    state = sync_state_for(administrator_id, region)
    took_over = bool(state.lease_owner)
    owner = new_owner()
    if not lease_acquire(state.pk, owner):
        log.info("sync of %s/%s skipped: another run holds the lease", administrator_id, region)
        return None
    sync_state_reread(state)
    full = full or state.watermark is None
    kind = SyncRunKind.FULL if full else SyncRunKind.INCREMENTAL
    run = run_start(state, kind, took_over=took_over)
    # A run that ends well listed everything, from the time it started.
    changes = {"watermark_listed_at": run.started_at}
    if full:
        changes["last_full_sync_at"] = run.started_at
    return run_recorded(
        run,
        owner,
        lambda counted: _PairSync(state, run, owner, full, counted, on_page).sync(),
        **changes,
    )


class _PairSync:
    """The page loop of one run (state and lease already taken)."""

    def __init__(self, state: SyncState, run: SyncRun, owner: str, full: bool, counted, on_page):
        self.state = state
        self.run = run
        self.owner = owner
        self.full = full
        self.counted = counted
        self.on_page = on_page
        self.run_start: datetime = run.started_at
        self.overlap = timedelta(seconds=settings.SYNC_OVERLAP_SECONDS)
        # Highest updatedAt this run committed (capped at its start); restarts list from here.
        self.progress: datetime | None = None
        self.watermark: datetime | None = state.watermark
        self.listed_at: datetime | None = state.watermark_listed_at
        self.progress_saved_at: float | None = None

    def sync(self) -> None:
        self.ctx: PairContext = pair_context(self.state)
        after_ms = None
        if not self.full and self.watermark is not None:
            self._recheck_overlap()
            after_ms = to_epoch_ms(self.watermark)
        first = {"updated_at_gt_ms": after_ms} if after_ms is not None else None
        id_pages = self._id_pages(self._listing_bounds, first=first)
        with closing(id_pages):
            # Most pairs of a beat cycle have nothing new: their one empty listing is learnt
            # here, without starting a helper thread.
            first_ids = next(id_pages, None)
            if first_ids is not None:
                # Fetching page n+1 (network, parsing, mapping) overlaps writing page n.
                pages = prefetched(
                    lambda: self._fetched_pages(chain([first_ids], id_pages)),
                    counted=self.counted,
                )
                with closing(pages):
                    for values in pages:
                        self._store_page(values)
        if self.full:
            self.run.marked_gone = finding_mark_gone_unless_present(
                self.ctx, seen_before=self.run_start, now=timezone.now()
            )
            self.run.save(update_fields=["marked_gone"])

    def _recheck_overlap(self) -> None:
        """An incremental run's overlap window, [watermark - overlap, watermark], first.

        It is there for findings that became visible late. A listing that began at `listed_at`
        saw everything updated more than the overlap before it, so the window starts no earlier
        than that (and is skipped when that is after the watermark: the usual case for a pair
        that changes seldom). Rows already held at least as new as the watermark cannot have a
        newer copy in a window that ends there, so only the others are fetched: the findings
        at the watermark itself, listed again by every run, cost no GetFindings, and the
        changes (listed next, strictly after the watermark) fill whole pages.
        """
        since = self.watermark - self.overlap
        if self.listed_at is not None:
            since = max(since, self.listed_at - self.overlap)
        if since > self.watermark:
            return
        upper = to_epoch_ms(self.watermark)
        lower = to_epoch_ms(since)
        for ids in self._id_pages(lambda: {"updated_at_gte_ms": lower, "updated_at_lte_ms": upper}):
            held = set(
                pair_findings(self.ctx)
                .filter(guardduty_id__in=ids, updated_at__gte=self.watermark)
                .values_list("guardduty_id", flat=True)
            )
            wanted = [i for i in ids if i not in held]
            if wanted:
                self._store_page(fetch_findings(self.ctx, wanted))

    def _fetched_pages(self, id_pages: Iterable[list[str]]):
        """(In the prefetch thread) mapped pages: the listing from the watermark, fetched."""
        for ids in id_pages:
            yield fetch_findings(self.ctx, ids)

    def _listing_bounds(self) -> dict:
        start = self.progress if self.full else (self.progress or self.watermark)
        since = start - self.overlap if start is not None else None
        return {"updated_at_gte_ms": to_epoch_ms(since) if since is not None else None}

    def _id_pages(self, bounds, first: dict | None = None):
        """Pages of ids listed within `bounds()` (or `first` on the first try).

        A listing that fails (after botocore's retries) restarts within `bounds()`, which for
        the main listing starts again from the run's committed progress.
        """
        tries = 0

        def listing():
            nonlocal tries
            criteria = first if first and tries == 0 else bounds()
            tries += 1
            return gateway.list_finding_id_pages(
                self.ctx.access, self.ctx.region, self.ctx.detector_id, **criteria
            )

        return iterate_with_retries(listing, what="ListFindings")

    def _store_page(self, values: list[FindingValues]) -> None:
        store_page(
            self.ctx,
            values,
            timezone.now(),
            also_in_transaction=self._commit_progress,
            asynchronous_commit=True,
        )
        if self.on_page is not None:
            self.on_page(self.run)

    def _commit_progress(self, values: list[FindingValues], counts: UpsertCounts) -> None:
        """In the page's transaction: watermark, lease and the run's counters.

        The page commits without waiting for its WAL to reach the disk (PostgreSQL's
        asynchronous commit; the setting is read at commit). GuardDuty holds every finding and
        the watermark commits with the page, so a crash of the database server loses the last
        pages and their watermark together and the next run fetches them again; a killed worker
        loses nothing, as before. The event consumer, which deletes SQS messages after its
        commits, keeps synchronous commits.
        """
        # Copies updated after the run began do not move the watermark: findings still on
        # later pages may be older than them.
        page_max = max(
            (v.updated_at for v in values if v.updated_at <= self.run_start), default=None
        )
        if page_max is not None and (self.progress is None or page_max > self.progress):
            self.progress = page_max
        changes = {}
        if self.progress is not None and (self.watermark is None or self.progress > self.watermark):
            self.watermark = self.progress
            changes["watermark"] = self.progress
            changes["watermark_listed_at"] = self.run_start
        lease_renew(self.state.pk, self.owner, **changes)
        run = self.run
        run.pages += 1
        run.fetched += len(values)
        run.created += counts.created
        run.updated += counts.updated
        run.unchanged += counts.unchanged
        run.api_calls = self.counted.total
        # The run's row shows progress on the Sync page; once a second is enough for that, and
        # the run's end saves it whole (runs.py). Per page it was a third of the bookkeeping.
        now = time.monotonic()
        if self.progress_saved_at is None or now - self.progress_saved_at >= PROGRESS_EVERY_SECONDS:
            run.save(
                update_fields=["pages", "fetched", "created", "updated", "unchanged", "api_calls"]
            )
            self.progress_saved_at = now

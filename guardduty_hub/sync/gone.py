"""Findings GuardDuty no longer has (90-day expiry, a member that left): kept, marked gone.

A finding is marked gone only after GetFindings confirms it is absent: a listing can miss a
finding that changed while it was being paged, and a false "gone" would hide a live finding.
"""

from collections.abc import Iterable
from datetime import datetime

from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.upsert import UpsertCounts
from guardduty_hub.sync.fetch import PairContext, chunked, fetch_and_store


def pair_findings(ctx: PairContext):
    """The rows that came through this administrator's detector in this region."""
    return Finding.objects.filter(administrator_id=ctx.administrator_id, api_region=ctx.region)


def finding_mark_gone_unless_present(
    ctx: PairContext,
    *,
    now: datetime,
    seen_before: datetime | None = None,
    finding_ids: Iterable[str] | None = None,
    counts: UpsertCounts | None = None,
) -> int:
    """Confirm candidates with GetFindings; refresh those GuardDuty still has, mark the rest gone.

    Candidates: `finding_ids`, or the pair's rows not seen in GuardDuty since `seen_before`.
    Returns how many rows were marked gone; refreshed rows are added to `counts`.
    """
    current = pair_findings(ctx).filter(gone_from_guardduty_at__isnull=True)
    if finding_ids is None:
        candidates = current.filter(last_seen_in_guardduty_at__lt=seen_before)
        finding_ids = list(candidates.values_list("guardduty_id", flat=True).distinct())
    marked = 0
    for batch in chunked(finding_ids):
        values, refreshed = fetch_and_store(ctx, batch, now, asynchronous_commit=True)
        if counts is not None:
            counts += refreshed
        still_there = {v.guardduty_id for v in values}
        missing = [i for i in batch if i not in still_there]
        if missing:
            marked += current.filter(guardduty_id__in=missing).update(gone_from_guardduty_at=now)
    return marked

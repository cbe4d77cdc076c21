"""Celery tasks of the sync. Beat only fans out; each pair is its own task.

Tasks take ids, call a service and declare their retry policy. `acks_late` is safe because the
writes are idempotent (upserts on natural keys, a compare-and-set lease); the lease outlives the
hard time limit, and the broker's visibility timeout (settings) is longer than the time limit.
"""

from django.conf import settings

from guardduty_hub.core.tasks import hub_task
from guardduty_hub.sync import reconcile, services
from guardduty_hub.sync.pairs import enabled_pairs

# One (administrator, region) run; the module docstring says why acks_late is safe.
PAIR_RUN = {
    "acks_late": True,
    "retry_transient": True,
    "time_limit": settings.SYNC_TASK_TIME_LIMIT,
}


def _summary(run) -> dict | None:
    if run is None:
        return None
    return {
        "run": run.pk,
        "status": run.status,
        "pages": run.pages,
        "fetched": run.fetched,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "api_calls": run.api_calls,
        "error": run.error,
    }


@hub_task("guardduty_hub.sync.sync_region", **PAIR_RUN)
def sync_region(administrator_id: int, region: str, full: bool = False) -> dict | None:
    return _summary(services.sync_region(administrator_id, region, full=full))


@hub_task("guardduty_hub.sync.reconcile_region", **PAIR_RUN)
def reconcile_region(administrator_id: int, region: str) -> dict | None:
    return _summary(reconcile.reconcile_region(administrator_id, region))


@hub_task("guardduty_hub.sync.sync_all")
def sync_all() -> int:
    """Beat: one sync task per enabled pair; a task not started within an interval expires."""
    pairs = enabled_pairs()
    for pair in pairs:
        sync_region.apply_async(
            (pair.administrator_id, pair.region), expires=settings.SYNC_INTERVAL_SECONDS
        )
    return len(pairs)


@hub_task("guardduty_hub.sync.reconcile_all")
def reconcile_all() -> int:
    """Beat: one archive reconcile per enabled pair."""
    pairs = enabled_pairs()
    for pair in pairs:
        reconcile_region.apply_async(
            (pair.administrator_id, pair.region), expires=settings.SYNC_RECONCILE_INTERVAL_SECONDS
        )
    return len(pairs)

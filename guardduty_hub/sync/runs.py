"""Bookkeeping of runs: every run is a SyncRun row, its outcome lands on the SyncState too."""

import logging
from collections.abc import Callable

from django.db.models import F
from django.utils import timezone

from guardduty_hub.aws import AwsError, PermanentAwsError, RequestCount, count_requests
from guardduty_hub.core.log_format import log_context
from guardduty_hub.sync.lease import lease_release
from guardduty_hub.sync.models import SyncRun, SyncRunStatus, SyncState

log = logging.getLogger(__name__)

INTERRUPTED_MESSAGE = "The process running this sync stopped before it finished."


def run_start(state: SyncState, kind: str, *, took_over: bool = True) -> SyncRun:
    """A new run for a state whose lease we just took.

    Runs left RUNNING died with their process, which held the lease until it ran out: only a
    run that `took_over` such a lease (the state named a holder when it was read, just before)
    looks for them. A lease that was free means every earlier run ended and gave it back.
    """
    if took_over:
        SyncRun.objects.filter(state=state, status=SyncRunStatus.RUNNING).update(
            status=SyncRunStatus.INTERRUPTED, finished_at=timezone.now(), error=INTERRUPTED_MESSAGE
        )
    return SyncRun.objects.create(state=state, kind=kind)


def run_succeed(run: SyncRun, owner: str, **state_changes) -> None:
    now = timezone.now()
    run.status = SyncRunStatus.SUCCEEDED
    run.finished_at = now
    run.save()
    lease_release(
        run.state_id,
        owner,
        last_success_at=now,
        **SyncState.last_error_fields(""),
        last_error_permanent=False,
        consecutive_failures=0,
        **state_changes,
    )


def run_fail(run: SyncRun, owner: str, exc: BaseException) -> None:
    """Record why the run failed, on the run and on the pair's state, and free the pair."""
    now = timezone.now()
    message = exc.message if isinstance(exc, AwsError) else f"{type(exc).__name__}: {exc}"
    permanent = isinstance(exc, AwsError) and exc.permanent
    run.status = SyncRunStatus.FAILED
    run.finished_at = now
    run.error = message
    run.save()
    lease_release(
        run.state_id,
        owner,
        **SyncState.last_error_fields(message, now),
        last_error_permanent=permanent,
        consecutive_failures=F("consecutive_failures") + 1,
    )
    log.warning("sync run %s of %s failed: %s", run.pk, run.state_id, message)


def run_recorded(
    run: SyncRun, owner: str, work: Callable[[RequestCount], None], **state_changes
) -> SyncRun:
    """Run `work`, counting its AWS requests, and close the run as it ended.

    A permanent AWS error is recorded and the run returned (retrying cannot help); anything
    else (transient errors, lost leases, time limits, bugs) is recorded and re-raised for the
    caller's retry policy.
    """
    # Every line logged while the run works names it (LOG_FORMAT=json; see core/log_format.py).
    state = run.state
    with log_context(run=run.pk, pair=f"{state.administrator.account_id}/{state.region}"):
        with count_requests(current_thread_only=True) as counted:
            try:
                work(counted)
            except PermanentAwsError as exc:
                run.api_calls = counted.total
                run_fail(run, owner, exc)
                return run
            except BaseException as exc:
                run.api_calls = counted.total
                run_fail(run, owner, exc)
                raise
            run.api_calls = counted.total
        run_succeed(run, owner, **state_changes)
        return run

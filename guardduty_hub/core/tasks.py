"""The project's Celery tasks are declared one way: `@hub_task(name, ...)`.

A task states its explicit name (stable across refactors; beat and the API send by name), its
time limits, whether it may be acknowledged late, and whether transient AWS errors
(TransientAwsError: throttling beyond botocore's retries, 5xx, timeouts) are retried: by Celery,
with exponential backoff and full jitter, at most `max_retries` times. Permanent errors are
never retried; the services record them where the UI shows them. (Sentry's task decorator;
docs/style: tasks take ids, call a service, declare their retry policy.)

The queue is the name's: CELERY_TASK_ROUTES (settings) maps each app's task names to its queue,
the one declaration the worker command, the compose file and the demo read. Celery 6 drops the
per-task `queue` attribute, so a name no route covers is refused here rather than landing on
the default queue unnoticed.
"""

import fnmatch
import time

from celery import Task, shared_task
from celery.exceptions import Retry
from django.conf import settings

from guardduty_hub.aws import TransientAwsError

# The soft limit (SoftTimeLimitExceeded, which a task can clean up after) comes this much
# before the hard one (the worker kills the process).
SOFT_LIMIT_MARGIN_SECONDS = 30
# Eager mode (no broker: the embedded setup, tests) runs a retry at once, in the caller; this
# pause, growing with each attempt, stands in for the backoff countdown.
EAGER_RETRY_PAUSE_SECONDS = 0.2


class HubTask(Task):
    def apply(self, args=None, kwargs=None, *, retries=None, **options):
        """Eager runs retry in place: Celery cannot re-queue an eager task, and with
        task_eager_propagates its Retry would reach the caller as an error."""
        retries = retries or 0
        while True:
            try:
                return super().apply(args, kwargs, retries=retries, **options)
            except Retry:
                retries += 1
                time.sleep(EAGER_RETRY_PAUSE_SECONDS * retries)


def queue_for(name: str) -> str:
    """The queue CELERY_TASK_ROUTES sends task `name` to."""
    for pattern, route in settings.CELERY_TASK_ROUTES.items():
        if fnmatch.fnmatchcase(name, pattern):
            return route["queue"]
    raise LookupError(f"No CELERY_TASK_ROUTES entry routes task {name!r}: add its app's.")


def hub_task(
    name: str,
    *,
    time_limit: int | None = None,
    retry_transient: bool = False,
    max_retries: int = 5,
    backoff_seconds: int = 30,
    backoff_max_seconds: int = 600,
    acks_late: bool = False,
    bind: bool = False,
    **options,
):
    """`shared_task` with the project's declarations; extra options go to Celery as they are.

    `acks_late=True` only for idempotent work: a worker lost mid-task runs it again.
    With `retry_transient`, retry n waits a random time up to
    min(backoff_max_seconds, backoff_seconds * 2**n).
    """
    queue_for(name)
    limit = time_limit or settings.CELERY_TASK_TIME_LIMIT
    declared = {
        "name": name,
        "base": HubTask,
        "bind": bind,
        "acks_late": acks_late,
        "time_limit": limit,
        "soft_time_limit": max(limit - SOFT_LIMIT_MARGIN_SECONDS, 1),
        "max_retries": max_retries if retry_transient else 0,
    }
    if retry_transient:
        declared |= {
            "autoretry_for": (TransientAwsError,),
            "retry_backoff": backoff_seconds,
            "retry_backoff_max": backoff_max_seconds,
            "retry_jitter": True,
        }
    return shared_task(**declared | options)


@hub_task("guardduty_hub.core.ping", time_limit=30, ignore_result=False)
def ping() -> str:
    """Diagnostic: proves a worker consumes from the configured broker (used by tests)."""
    return "pong"

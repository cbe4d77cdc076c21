"""Retries of transient AWS errors inside a sync run: exponential backoff with full jitter.

botocore already retries each request a few times; these outer loops ride out bursts longer than
that (throttling storms, a few seconds of 5xx) without failing the whole run. What still fails
goes up to the Celery task, which retries later with its own backoff (core/tasks.py).
`call_with_retries` also retries other errors a caller names, with the caller's delays: the
event consumer's batch write after a deadlock (sync/events/consumer.py).
"""

import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from django.conf import settings

from guardduty_hub.aws import TransientAwsError
from guardduty_hub.core.backoff import backoff_delay

log = logging.getLogger(__name__)
T = TypeVar("T")


def _pause(attempt: int, what: str, exc: Exception, sleep, rng, delay=None) -> None:
    if delay is not None:
        seconds = delay(attempt)
    else:
        seconds = backoff_delay(
            attempt, settings.SYNC_RETRY_BASE_SECONDS, settings.SYNC_RETRY_MAX_SECONDS, rng
        )
    # AWS's error code; other errors (the database's) have none, their text says what failed.
    reason = getattr(exc, "code", "") or exc
    log.info("%s failed (%s); retry %d in %.2fs", what, reason, attempt + 1, seconds)
    sleep(seconds)


def call_with_retries(
    call: Callable[[], T],
    *,
    what: str,
    attempts: int | None = None,
    retry_on: tuple[type[Exception], ...] = (TransientAwsError,),
    delay: Callable[[int], float] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
) -> T:
    """`call()`, retried on `retry_on`; the last error is raised when attempts run out.

    `delay(attempt)` gives the pause after the failed attempt (from 0); without it, the sync's
    backoff (SYNC_RETRY_BASE_SECONDS doubling, full jitter, SYNC_RETRY_MAX_SECONDS at most).
    """
    attempts = attempts or settings.SYNC_PAGE_ATTEMPTS
    for attempt in range(attempts):
        try:
            return call()
        except retry_on as exc:
            if attempt + 1 >= attempts:
                raise
            _pause(attempt, what, exc, sleep, rng, delay)
    raise AssertionError("unreachable")


def iterate_with_retries(
    start: Callable[[], Iterable[T]],
    *,
    what: str,
    attempts: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
) -> Iterator[T]:
    """The items of `start()`; when iterating fails with a TransientAwsError, `start()` again.

    `start` decides where a restart begins (a listing: from the run's committed progress).
    Failures count since the last item that came through; the last error is raised when
    `attempts` in a row have failed.
    """
    attempts = attempts or settings.SYNC_PAGE_ATTEMPTS
    failures = 0
    while True:
        try:
            for item in start():
                yield item
                failures = 0
            return
        except TransientAwsError as exc:
            failures += 1
            if failures >= attempts:
                raise
            _pause(failures - 1, what, exc, sleep, rng)

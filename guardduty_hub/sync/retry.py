"""Retries of transient AWS errors inside a sync run: exponential backoff with full jitter.

botocore already retries each request a few times; these outer loops ride out bursts longer than
that (throttling storms, a few seconds of 5xx) without failing the whole run. What still fails
goes up to the Celery task, which retries later with its own backoff (core/tasks.py).
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


def _pause(attempt: int, what: str, exc: TransientAwsError, sleep, rng) -> None:
    delay = backoff_delay(
        attempt, settings.SYNC_RETRY_BASE_SECONDS, settings.SYNC_RETRY_MAX_SECONDS, rng
    )
    log.info("%s failed (%s); retry %d in %.2fs", what, exc.code, attempt + 1, delay)
    sleep(delay)


def call_with_retries(
    call: Callable[[], T],
    *,
    what: str,
    attempts: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
) -> T:
    """`call()`, retried on TransientAwsError; the last error is raised when attempts run out."""
    attempts = attempts or settings.SYNC_PAGE_ATTEMPTS
    for attempt in range(attempts):
        try:
            return call()
        except TransientAwsError as exc:
            if attempt + 1 >= attempts:
                raise
            _pause(attempt, what, exc, sleep, rng)
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

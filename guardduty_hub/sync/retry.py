"""Retries of transient AWS errors inside a sync run: exponential backoff with full jitter.

botocore already retries each request a few times; this outer loop rides out bursts longer than
that (throttling storms, a few seconds of 5xx) without failing the whole run. What still fails
goes up to the Celery task, which retries later with its own backoff.
"""

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from guardduty_hub.aws import TransientAwsError

log = logging.getLogger(__name__)
T = TypeVar("T")


def backoff_delay(attempt: int, base: float, cap: float, rng: Callable[[], float]) -> float:
    """Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2**attempt)]."""
    return rng() * min(cap, base * (2**attempt))


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
    base = settings.SYNC_RETRY_BASE_SECONDS
    cap = settings.SYNC_RETRY_MAX_SECONDS
    for attempt in range(attempts):
        try:
            return call()
        except TransientAwsError as exc:
            if attempt + 1 >= attempts:
                raise
            delay = backoff_delay(attempt, base, cap, rng)
            log.info("%s failed (%s); retry %d in %.2fs", what, exc.code, attempt + 1, delay)
            sleep(delay)
    raise AssertionError("unreachable")

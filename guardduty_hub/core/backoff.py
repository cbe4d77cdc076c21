"""One backoff formula for every retry the hub schedules itself (sync pages, notifications)."""

import random
from collections.abc import Callable


def backoff_delay(
    attempt: int, base: float, cap: float, rng: Callable[[], float] = random.random
) -> float:
    """Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2**attempt)]."""
    return rng() * min(cap, base * (2**attempt))

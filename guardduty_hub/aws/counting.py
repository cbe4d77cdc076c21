"""Count every HTTP request the hub's AWS clients send (STS and retries included).

The sync benchmark bounds the requests of an incremental run; this is how it measures them:

    with count_requests() as counted:
        sync_region(...)
    counted.total, counted.by_operation["guardduty.ListFindings"]

A botocore `before-send` handler is registered on every client the factory makes; it runs once
per HTTP attempt, so botocore's own retries are counted too. Counters nest. By default a counter
sees every thread of the process; `count_requests(current_thread_only=True)` counts only the
requests of the thread that opened it (a sync run among others in a threaded worker or bench),
plus those of helper threads that join it with `counted.include_current_thread()` (a run's
prefetching thread).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

_lock = threading.Lock()
_active: list[RequestCount] = []


@dataclass
class RequestCount:
    total: int = 0
    # "<service>.<Operation>" -> requests, e.g. "sts.AssumeRole", "guardduty.ListDetectors".
    by_operation: Counter[str] = field(default_factory=Counter)
    # Only requests sent from these threads count (None: all threads).
    threads: set[int] | None = None

    def reset(self) -> None:
        with _lock:
            self.total = 0
            self.by_operation.clear()

    def include_current_thread(self) -> None:
        """Count the calling thread's requests too (a helper thread of the counted work)."""
        with _lock:
            if self.threads is not None:
                self.threads.add(threading.get_ident())


@contextmanager
def count_requests(current_thread_only: bool = False) -> Iterator[RequestCount]:
    counter = RequestCount(threads={threading.get_ident()} if current_thread_only else None)
    with _lock:
        _active.append(counter)
    try:
        yield counter
    finally:
        with _lock:
            _active.remove(counter)


def on_before_send(event_name: str = "", **_: Any) -> None:
    """botocore handler; returning None lets the request go on."""
    if not _active:
        return None
    # event_name is "before-send.<service>.<Operation>".
    operation = event_name.partition(".")[2] or "unknown"
    thread_id = threading.get_ident()
    with _lock:
        for counter in _active:
            if counter.threads is not None and thread_id not in counter.threads:
                continue
            counter.total += 1
            counter.by_operation[operation] += 1
    return None


def register(client: Any) -> None:
    # First, so that a stubbing handler (moto's mock_aws answers in before-send and stops the
    # chain) cannot hide the request from us.
    client.meta.events.register_first("before-send", on_before_send, unique_id="gdh-count")

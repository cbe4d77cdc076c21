"""Fetch the next page while the current one is written: an iterator run in a helper thread.

A sync page costs a network round trip (ListFindings, GetFindings, parsing) and a database
write; they use different resources, so the run overlaps them. The helper stays at most `depth`
pages ahead (memory stays bounded), its errors are raised in the consuming thread where the
page loop handles them, and it stops when the consumer stops early (error, lost lease, time
limit). The helper's AWS requests count towards the run (`include_current_thread`).
"""

import contextvars
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_ITEM, _DONE, _ERROR = "item", "done", "error"
# How often a helper blocked on a full queue checks whether the consumer left.
_POLL_SECONDS = 0.1


def prefetched(
    produce: Callable[[], Iterator[T]],
    *,
    depth: int = 1,
    counted: Any = None,
    name: str = "sync-prefetch",
) -> Iterator[T]:
    """Yield what `produce()` yields, computed in a helper thread up to `depth` items ahead."""
    handoff: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(kind: str, item: Any) -> bool:
        while not stop.is_set():
            try:
                handoff.put((kind, item), timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        if counted is not None:
            counted.include_current_thread()
        try:
            for item in produce():
                if not put(_ITEM, item):
                    return
            put(_DONE, None)
        except BaseException as exc:  # handed over: the consumer raises it
            put(_ERROR, exc)

    # The helper runs in a copy of this thread's context: its log lines name the same run.
    helper = threading.Thread(
        target=contextvars.copy_context().run, args=(run,), name=name, daemon=True
    )
    helper.start()
    try:
        while True:
            kind, item = handoff.get()
            if kind == _DONE:
                return
            if kind == _ERROR:
                raise item
            yield item
    finally:
        stop.set()
        helper.join()

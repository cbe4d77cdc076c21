"""bench/load.py's tally: every request's latency, by filter kind and by 10-second window,
and its errors (threads add to it at once, hence the lock)."""

import threading

from bench.findings_data import percentile


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.by_kind: dict[str, list[float]] = {}
        self.by_window: dict[int, list[float]] = {}  # 10-second window of the start -> ms
        self.slowest: list[tuple[float, float, str]] = []  # (ms, start offset, kind)

    def add(self, ms: float, error: str | None, kind: str, offset: float) -> None:
        with self.lock:
            self.latencies.append(ms)
            self.by_kind.setdefault(kind, []).append(ms)
            self.by_window.setdefault(int(offset // 10) * 10, []).append(ms)
            self.slowest = sorted([*self.slowest, (ms, offset, kind)], reverse=True)[:10]
            if error:
                self.errors.append(error)

    def windows(self) -> list[dict]:
        """Latency by when the request started: a slow start (cold caches) or a slow middle
        (the sync) tell different stories."""
        rows = []
        for start, values in sorted(self.by_window.items()):
            rows.append(
                {
                    "from_s": start,
                    "requests": len(values),
                    "p50_ms": round(percentile(values, 0.5)),
                    "p99_ms": round(percentile(values, 0.99)),
                    "max_ms": round(max(values)),
                }
            )
        return rows

    def slowest_kinds(self, n: int = 6) -> list[dict]:
        """Which filters (and first or later pages) cost most: for whoever tunes the list."""
        rows = []
        for kind, values in self.by_kind.items():
            rows.append(
                {
                    "kind": kind,
                    "requests": len(values),
                    "p50_ms": round(percentile(values, 0.5)),
                    "p95_ms": round(percentile(values, 0.95)),
                }
            )
        return sorted(rows, key=lambda r: -r["p95_ms"])[:n]

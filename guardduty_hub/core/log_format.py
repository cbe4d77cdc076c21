"""Structured logs: with LOG_FORMAT=json every line is one JSON object, carrying the context the
code around it declared (`log_context(run=..., pair=...)`: a sync run's lines all name the run
and the pair, its prefetching thread's too)."""

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_context: ContextVar[dict] = ContextVar("gdh_log_context", default={})  # noqa: B039 (never mutated)

# Attributes a `logger.x(..., extra={...})` call may add that belong in the JSON line.
EXTRA_FIELDS = ("run", "pair", "status_code", "task_id", "task_name")


@contextmanager
def log_context(**fields) -> Iterator[None]:
    """Fields added to every log line written inside the block (this thread and its context)."""
    token = _context.set({**_context.get(), **fields})
    try:
        yield
    finally:
        _context.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
            "thread": record.threadName,
        }
        entry.update(_context.get())
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)

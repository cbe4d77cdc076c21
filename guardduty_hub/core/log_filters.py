"""Logging filters the settings' LOGGING names."""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """A refused request (status below 500: a 403, a suspicious Host header) is logged as its one
    line, without the traceback Django attaches: it is the client's mistake, not the hub's, and
    a probe would otherwise fill the log with stack traces. Server errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True

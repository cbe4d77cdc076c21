"""A 403 is one line in the web log, not a traceback; a 500 keeps its traceback (issue 13.12)."""

import io
import logging
import sys

import pytest
from django.urls import reverse


@pytest.fixture
def web_log():
    """What the hub's console handler (settings.LOGGING) writes, captured."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    captured = io.StringIO()
    original = handler.setStream(captured)
    yield captured
    handler.setStream(original)


def test_a_forbidden_page_logs_one_line(client_for, viewer_carol, web_log):
    response = client_for(viewer_carol).get(reverse("accounts:administrators"))
    assert response.status_code == 403
    lines = web_log.getvalue().splitlines()
    assert lines == ["Forbidden (Permission denied): /accounts/administrators/"]


def test_a_suspicious_host_logs_one_line(client, web_log, settings):
    settings.ALLOWED_HOSTS = ["hub.example"]
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    output = web_log.getvalue()
    assert "Traceback" not in output
    assert "Invalid HTTP_HOST header" in output


def test_a_server_error_keeps_its_traceback(web_log):
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", None, None)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    record.status_code = 500
    logging.getLogger("django.request").handle(record)
    assert "Traceback" in web_log.getvalue()

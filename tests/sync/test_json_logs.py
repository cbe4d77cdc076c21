"""LOG_FORMAT=json: one JSON object per line, and every line a sync run writes (its prefetching
thread's too) names the run and the pair."""

import io
import json
import logging

from guardduty_hub.core.log_format import JsonFormatter
from guardduty_hub.simulator import controls
from guardduty_hub.sync.services import sync_region
from tests.fixtures.sync_world import REGION, recent_window
from tests.foundation.envtools import hub_env, run_python


def test_every_line_of_a_run_names_the_run_and_the_pair(sync_world):
    sync_world.populate(60, **recent_window())
    # Throttled past botocore's two attempts: the run logs, from its fetching thread, that it
    # tries again.
    controls.inject_fault("throttle", burst=2, operations=["GetFindings"])
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("guardduty_hub")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        run = sync_region(sync_world.admin.pk, REGION)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    retried = [line for line in lines if line["message"].startswith("GetFindings")]
    assert retried and retried[0]["thread"] == "sync-prefetch", lines
    for line in lines:
        assert line["run"] == run.pk and line["pair"] == f"{sync_world.admin.account_id}/{REGION}"
        assert {"time", "level", "logger", "message"} <= set(line)


def test_the_setting_switches_the_console_to_json(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('guardduty_hub.sync').warning('hello <%s>', 'there')"
    )
    done = run_python(code, hub_env(tmp_path, LOG_FORMAT="json"))
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello <there>" and line["level"] == "WARNING"
    text = run_python(code, hub_env(tmp_path))
    assert text.stderr.strip().endswith("hello <there>")

"""In the demo, a High finding the simulator publishes is in the finding list within seconds,
without a sync: the demo wires the simulator's EventBridge to a queue and runs the consumer."""

import signal
import time
from datetime import UTC, datetime

import pytest
import requests

from tests.fixtures.demo import sign_in_to_demo, start_demo, wait_for_line
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.simulator.findings_support import finding

SUFFIX = "e7e7e7"


@pytest.mark.server
def test_a_high_finding_appears_within_seconds_without_a_sync(tmp_path):
    demo, _, simulator_port = start_demo(tmp_path / "var", "--activity", "0")
    try:
        wait_for_line(demo, r"(finding events: \d+ region rule)", timeout=120)
        url, _ = wait_for_line(demo, r"GuardDuty Hub is running: (\S+)", timeout=120)
        browser, _ = sign_in_to_demo(url)
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        high = finding(SUFFIX, severity=8.0, created=now, updated=now)
        answer = requests.post(
            f"http://127.0.0.1:{simulator_port}/moto-api/static/guardduty/findings",
            json={
                "accountId": ADMIN_ACCOUNT,
                "region": "us-east-1",
                "findings": [high],
                "publish": True,
            },
            timeout=30,
        )
        answer.raise_for_status()
        published = time.monotonic()
        listed = ""
        while time.monotonic() - published < 15:
            listed = browser.get(
                url + "findings/", params={"q": f"finding {SUFFIX}"}, timeout=10
            ).text
            if f"finding {SUFFIX}" in listed:
                break
            time.sleep(0.25)
        seconds = time.monotonic() - published
        assert f"finding {SUFFIX}" in listed, "not in the list 15 s after it was published"
        print(f"visible after {seconds:.1f}s")
        # It came as an event. The demo's first sync may still be listing us-east-1 and reach
        # the new finding before the consumer stores its event: the event is counted then.
        events = ""
        while time.monotonic() - published < 30:
            sync_page = browser.get(url + "sync/", timeout=10).text
            row = sync_page[sync_page.index(f'data-pair="{ADMIN_ACCOUNT}/us-east-1"') :]
            events = row[: row.index("</tr>")]
            if "1 received" in events:
                break
            time.sleep(0.25)
        assert "1 received" in events
    finally:
        demo.send_signal(signal.SIGTERM)
        rest, _ = demo.communicate(timeout=60)
    assert demo.returncode == 0, rest

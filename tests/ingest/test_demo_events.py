"""In the demo, a High finding the simulator publishes is in the finding list within seconds,
without a sync: the demo wires the simulator's EventBridge to a queue and runs the consumer."""

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
import requests

from guardduty_hub.demo.users import DEMO_PASSWORD
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.foundation.envtools import REPO_ROOT, hub_env
from tests.foundation.test_demo_launcher import free_port, wait_for_line
from tests.simulator.findings_support import finding

SUFFIX = "e7e7e7"


def signed_in(url: str) -> requests.Session:
    browser = requests.Session()
    browser.get(url + "login/", timeout=10)
    browser.post(
        url + "login/",
        data={
            "username": "admin",
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": url + "login/"},
        timeout=10,
    )
    return browser


@pytest.mark.server
def test_a_high_finding_appears_within_seconds_without_a_sync(tmp_path):
    port, simulator_port = free_port(), free_port()
    argv = [sys.executable, "-m", "guardduty_hub.demo", "--port", str(port)]
    argv += ["--simulator-port", str(simulator_port), "--activity", "0"]
    demo = subprocess.Popen(
        argv,
        env=hub_env(tmp_path / "var"),
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_line(demo, r"(finding events: \d+ region rule)", timeout=120)
        url, _ = wait_for_line(demo, r"GuardDuty Hub is running: (\S+)", timeout=120)
        browser = signed_in(url)
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

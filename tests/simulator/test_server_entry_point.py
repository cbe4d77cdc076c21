"""`python -m guardduty_hub.simulator --world demo`: ready line, demo data, clean SIGTERM stop."""

import signal
import subprocess
import sys
import time

import boto3
import pytest

from guardduty_hub.simulator.process import REPO_ROOT, free_port

pytestmark = pytest.mark.server


def test_demo_server_serves_and_stops_on_sigterm():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "guardduty_hub.simulator", "--port", str(port), "--world", "demo"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        ready = proc.stdout.readline()
        assert f"ready on http://127.0.0.1:{port}" in ready and "world: demo" in ready
        gd = boto3.client(
            "guardduty", region_name="ap-southeast-2", endpoint_url=f"http://127.0.0.1:{port}"
        )
        detector = gd.list_detectors()["DetectorIds"][0]
        statuses = {
            m["RelationshipStatus"]
            for m in gd.list_members(DetectorId=detector, OnlyAssociated="false")["Members"]
        }
        assert {"Enabled", "Invited", "EmailVerificationFailed", "Resigned"} <= statuses
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert time.monotonic() - started < 5
        assert "stopped" in proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

"""`python -m guardduty_hub.demo`: the whole product comes up, a person signs in, and SIGTERM
stops every process it started."""

import re
import signal
import subprocess
from pathlib import Path

import pytest
import requests

from guardduty_hub.demo.users import DEMO_PASSWORD, DEMO_USERS, create_demo_users
from tests.fixtures.demo import sign_in_to_demo, start_demo, wait_for_line


@pytest.mark.django_db
def test_demo_users_are_created_idempotently(django_user_model):
    create_demo_users()
    create_demo_users()
    assert django_user_model.objects.count() == len(DEMO_USERS)
    for spec in DEMO_USERS:
        user = django_user_model.objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert [g.name for g in user.groups.all()] == [spec.role]
    assert any(spec.staff for spec in DEMO_USERS), "someone must reach the admin site"


def processes_with(var_dir: Path) -> list[int]:
    """PIDs whose environment names this demo's var dir: the launcher and all its children."""
    marker = f"GDH_VAR_DIR={var_dir}".encode()
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker in environ.read_bytes().split(b"\0"):
                pids.append(int(environ.parent.name))
        except OSError:
            continue
    return pids


@pytest.mark.server
def test_demo_comes_up_signs_in_and_stops_cleanly(tmp_path):
    var_dir = tmp_path / "var"
    demo, port, _ = start_demo(var_dir)
    try:
        url, _ = wait_for_line(demo, r"GuardDuty Hub is running: (\S+)", timeout=120)
        assert url == f"http://127.0.0.1:{port}/"
        _, banner = wait_for_line(demo, r"(press Ctrl-C to stop)", timeout=10)
        assert f"password for all: {DEMO_PASSWORD}" in banner
        for spec in DEMO_USERS:
            assert re.search(rf"^\[demo\]\s+{spec.username}\s+{spec.role}$", banner, re.M)

        health = requests.get(url + "healthz", timeout=10).json()
        assert health["broker"] == {"ok": True, "detail": "filesystem"}

        _, answer = sign_in_to_demo(url)
        assert answer.url == url
        assert "<h1>Dashboard</h1>" in answer.text
        started = processes_with(var_dir)
        assert len(started) >= 4  # launcher, worker, beat, web (+ simulator)
    finally:
        demo.send_signal(signal.SIGTERM)
        try:
            rest, _ = demo.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise
    assert demo.returncode == 0, rest
    assert "stopped." in rest
    assert processes_with(var_dir) == []

"""Start the simulator server as a child process (tests and benches), ready to be called."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_simulator_process(*args: str, timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """`python -m guardduty_hub.simulator` on a free port; returns the process and its URL.

    Waits for the ready line, then keeps draining the server's output so a chatty server never
    blocks on a full pipe. Endpoint variables are dropped: the server must not call itself.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL")}
    argv = [sys.executable, "-m", "guardduty_hub.simulator", "--host", "127.0.0.1"]
    proc = subprocess.Popen(
        [*argv, "--port", str(port), *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    line = proc.stdout.readline()
    while "ready" not in line:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"simulator did not start: {line}{proc.stdout.read()}")
        line = proc.stdout.readline()
    threading.Thread(target=proc.stdout.read, name="simulator-output", daemon=True).start()
    return proc, f"http://127.0.0.1:{port}"

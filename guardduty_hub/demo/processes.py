"""Child processes of the demo: start, watch, and stop them all together.

Each child runs in its own session (process group), so a Ctrl-C in the terminal reaches only the
launcher, which then stops the children in order and waits for each (Celery's prefork children
included, since the whole group gets the signal). Output goes to one log file per child so the
terminal shows the launcher's own lines and the URL stays visible.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

STOP_GRACE_SECONDS = 10


@dataclass
class Child:
    name: str
    argv: list[str]
    log_path: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self, env: dict[str, str]) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            log.write(f"\n--- starting {self.name}: {' '.join(self.argv)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                self.argv,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def exited(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def signal_group(self, sig: int, *, after_exit: bool = False) -> None:
        if self.process is None or (self.process.poll() is not None and not after_exit):
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


class Supervisor:
    """Starts children in order; stops them in reverse order."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.children: list[Child] = []

    def start(self, child: Child) -> Child:
        child.start(self.env)
        self.children.append(child)
        return child

    def first_exited(self) -> Child | None:
        return next((c for c in self.children if c.exited() is not None), None)

    def stop_all(self) -> None:
        running = [c for c in reversed(self.children) if c.exited() is None]
        for child in running:
            child.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.signal_group(signal.SIGKILL)
                child.process.wait()
            # A group may still hold grandchildren whose parent exited first.
            child.signal_group(signal.SIGKILL, after_exit=True)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def wait_for_port(host: str, port: int, child: Child, timeout: float) -> bool:
    """True once host:port accepts connections; False if the child died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.exited() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False

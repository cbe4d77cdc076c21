"""Notifications world: a webhook receiver (http.server in a thread on 127.0.0.1, port 0) that
records every request and answers what the test tells it, and channel/rule builders. The
consumer against moto's SQS (`ingest`) is tests/fixtures/event_ingest.py's."""

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.notifications import sealed
from guardduty_hub.notifications.choices import ChannelKind
from guardduty_hub.notifications.models import Channel, Rule

SECRET = "receiver-shared-secret"


@dataclass
class Received:
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    # Statuses to answer, in order (then 200); a number < 0 sleeps that many seconds first.
    answers: deque = field(default_factory=deque)
    stall_seconds: float = 0

    def wait_for(self, count: int, timeout: float = 20) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.requests


@pytest.fixture
def receiver(settings):
    # A local receiver (http://127.0.0.1): what the hub refuses unless told (addresses.py).
    settings.NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES = True
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            if state.stall_seconds:
                time.sleep(state.stall_seconds)
            status = state.answers.popleft() if state.answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def make_channel(receiver_url: str, *, kind=ChannelKind.WEBHOOK, name="SOC webhook", **extra):
    return Channel.objects.create(
        name=name,
        kind=kind,
        url=sealed.seal(receiver_url) if receiver_url else "",
        signing_secret=sealed.seal(SECRET) if kind == ChannelKind.WEBHOOK else "",
        **extra,
    )


def make_rule(channel, *, bands=(SeverityBand.HIGH, SeverityBand.CRITICAL), **extra):
    return Rule.objects.create(
        name=extra.pop("name", "High and up"),
        channel=channel,
        bands=[int(b) for b in bands],
        **extra,
    )


@pytest.fixture
def fast_notifications(settings):
    """No gathering wait, tiny retry backoff (eager retries pause by themselves), 1 s timeout."""
    settings.NOTIFICATIONS_GATHER_SECONDS = 0
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 1
    settings.NOTIFICATIONS_TIMEOUT_SECONDS = 1
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3

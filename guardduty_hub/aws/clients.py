"""boto3 clients per (account access, service, region), cached for the process.

boto3 clients are thread-safe and carry botocore's retry state (the adaptive mode's rate
limiter lives in the client), so reusing them matters. The cache key includes the settings and
endpoint variables a client was built with: changing them gives a new client.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings

from guardduty_hub.aws import factory, sessions
from guardduty_hub.aws.errors import on_credentials_rejected
from guardduty_hub.aws.sessions import AccountAccess

# Far more than one process uses (accounts x regions x services); a bound keeps a
# misbehaving caller from growing it forever.
MAX_CACHED_CLIENTS = 4096

_lock = threading.Lock()
_clients: dict[tuple[Any, ...], Any] = {}


def client(access: AccountAccess, service: str, region: str) -> Any:
    """A boto3 client acting in `access.account_id`. AssumeRole errors raise AwsError."""
    key = (access, service, region, *factory.config_fingerprint(service))
    with _lock:
        found = _clients.get(key)
    if found is not None:
        return found
    # Outside the lock: the session may call STS. A rare duplicate client is harmless.
    made = factory.new_client(sessions.session_for(access), service, region)
    with _lock:
        if len(_clients) >= MAX_CACHED_CLIENTS:
            _clients.clear()
        return _clients.setdefault(key, made)


def guardduty(access: AccountAccess, region: str) -> Any:
    return client(access, "guardduty", region)


def sts(access: AccountAccess) -> Any:
    return client(access, "sts", settings.AWS_DEFAULT_REGION)


@on_credentials_rejected
def forget(access: AccountAccess) -> None:
    """Drop the clients of `access`: each holds the credentials AWS rejected, and would go on
    sending them after sessions.forget dropped the session they came from."""
    with _lock:
        for key in [key for key in _clients if key[0] == access]:
            del _clients[key]


def reset() -> None:
    with _lock:
        _clients.clear()

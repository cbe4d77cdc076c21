"""Sign-in throttling: repeated failures lock the user name and the client address for a while.

Password sign-ins (the sign-in page and Django admin, through `ThrottledModelBackend`) count
failures per user name and per client address; API token failures count per address. A key
that reaches its limit is locked for SIGN_IN_LOCKOUT_SECONDS, right password or not. Counts
live in Django's default cache (Redis with CACHE_URL, else per process), never in the database:
a request that does not sign in costs nothing, a token request one cache read.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from guardduty_hub.core.permission_lookup import OnePermissionQuery

USER = "user"
ADDRESS = "address"
TOKEN_ADDRESS = "token-address"

# Set on the request when a sign-in was refused for a lock: the form says so (core/forms.py).
LOCKED_ATTRIBUTE = "gdh_sign_in_locked_for"


def client_address(request) -> str:
    """The client's IP address; behind a proxy (USE_X_FORWARDED_FOR) the one it appended last."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or "unknown"


def _limit(kind: str) -> int:
    if kind == USER:
        return settings.SIGN_IN_FAILURE_LIMIT
    return settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def _key(prefix: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"gdh:{prefix}:{kind}:{digest}"


def locked_for(keys: list[tuple[str, str]]) -> int:
    """Seconds until every (kind, value) is unlocked; 0 when none is locked."""
    until = cache.get_many([_key("locked", kind, value) for kind, value in keys]).values()
    remaining = max((u - time.time() for u in until), default=0)
    return max(0, math.ceil(remaining))


def record_failure(keys: list[tuple[str, str]]) -> None:
    """Count one failure for each (kind, value); a count at its limit locks that key."""
    window = settings.SIGN_IN_LOCKOUT_SECONDS
    for kind, value in keys:
        key = _key("failures", kind, value)
        cache.add(key, 0, window)  # the window starts at the first failure
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
        if count >= _limit(kind):
            cache.set(_key("locked", kind, value), time.time() + window, window)
            cache.delete(key)


def forget_failures(kind: str, value: str) -> None:
    cache.delete(_key("failures", kind, value))


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed attempts. Try again in {minutes} {unit}."


class ThrottledModelBackend(OnePermissionQuery, ModelBackend):
    """Django's username and password check, refused while the name or address is locked;
    permissions read in one query (permission_lookup)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:  # not a web sign-in (management commands, tests' login())
            return super().authenticate(request, username, password, **kwargs)
        name = username or kwargs.get("username") or ""
        keys = [(USER, name), (ADDRESS, client_address(request))]
        wait = locked_for(keys)
        if not wait:
            user = super().authenticate(request, username, password, **kwargs)
            if user is not None:
                forget_failures(USER, name)
                return user
            record_failure(keys)
            wait = locked_for(keys)
        if wait:
            setattr(request, LOCKED_ATTRIBUTE, wait)
            # Stops authenticate() here: no other backend may sign in a locked name.
            raise PermissionDenied
        return None


def token_locked_for(request) -> int:
    return locked_for([(TOKEN_ADDRESS, client_address(request))])


def token_failed(request) -> int:
    """Count a bad token from the request's address; seconds it is now locked for (or 0)."""
    keys = [(TOKEN_ADDRESS, client_address(request))]
    record_failure(keys)
    return locked_for(keys)

"""Channel secrets at rest: sealed with Fernet, or a reference to the environment.

A stored value is one of
    ""                       not set
    "fernet:<token>"         encrypted with the notifications key
    "env:NOTIFY_SLACK_URL"   read from that environment variable when a message is sent

The key is NOTIFICATIONS_KEY (a Fernet key, or any passphrase, which is hashed into one), else
derived from SECRET_KEY: rotating SECRET_KEY without NOTIFICATIONS_KEY makes the stored
secrets unreadable (deliveries then fail with that reason; re-enter them). Referenced variables
must start with NOTIFY_, so an admin cannot send e.g. DATABASE_URL to a URL of their choosing.
"""

import base64
import binascii
import hashlib
import os
import re

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

FERNET = "fernet:"
ENV = "env:"
ENV_NAME = re.compile(r"^NOTIFY_[A-Z0-9_]{1,100}$")


class SecretUnavailable(Exception):
    """The secret cannot be read (a missing variable, a token of another key)."""


def _fernet() -> Fernet:
    configured = settings.NOTIFICATIONS_KEY
    if configured:
        try:
            if len(base64.urlsafe_b64decode(configured.encode())) == 32:
                return Fernet(configured.encode())
        except (binascii.Error, ValueError):
            pass
        material = configured
    else:
        material = settings.SECRET_KEY
    digest = hashlib.sha256(b"guardduty-hub notifications\0" + material.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def is_env_reference(value: str) -> bool:
    return value.startswith(ENV)


def valid_env_reference(value: str) -> bool:
    return bool(ENV_NAME.match(value[len(ENV) :]))


def seal(value: str) -> str:
    """The stored form of a secret typed into a form (an env reference stays as it is)."""
    value = value.strip()
    if not value:
        return ""
    if is_env_reference(value):
        if not valid_env_reference(value):
            raise ValueError("An environment reference is env:NOTIFY_<NAME> (capitals, digits, _).")
        return value
    return FERNET + _fernet().encrypt(value.encode()).decode()


def unseal(stored: str) -> str:
    """The secret itself, for sending only (never for a page)."""
    if not stored:
        return ""
    if stored.startswith(FERNET):
        try:
            return _fernet().decrypt(stored[len(FERNET) :].encode()).decode()
        except InvalidToken:
            raise SecretUnavailable(
                "The stored secret cannot be decrypted (SECRET_KEY or NOTIFICATIONS_KEY changed):"
                " enter it again."
            ) from None
    if is_env_reference(stored):
        name = stored[len(ENV) :]
        if not ENV_NAME.match(name):
            raise SecretUnavailable(f"{name} is not a NOTIFY_ variable.")
        value = os.environ.get(name, "")
        if not value:
            raise SecretUnavailable(f"The environment variable {name} is not set.")
        return value
    raise SecretUnavailable("The stored secret has an unknown form.")


def describe(stored: str) -> str:
    """What a page may say about a stored secret."""
    if not stored:
        return "not set"
    if is_env_reference(stored):
        return f"from the environment ({stored[len(ENV) :]})"
    return "set (encrypted)"

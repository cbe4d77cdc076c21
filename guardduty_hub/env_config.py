"""Typed readers for settings taken from the environment.

Every reader fails loudly (ImproperlyConfigured naming the variable) on a value it cannot
parse: a typo in production configuration must stop the process, not silently fall back.
"""

import os
import secrets
import warnings
from collections.abc import Iterable
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class _Env:
    """A plain string reader that also exposes django-environ's URL parsers."""

    def __call__(self, name: str, default: str = "") -> str:
        return os.environ.get(name, default)

    @staticmethod
    def db_url_config(url: str) -> dict:
        try:
            with warnings.catch_warnings():
                # An unknown scheme only warns and returns {}: refused below instead.
                warnings.simplefilter("ignore")
                config = environ.Env.db_url_config(url)
        except Exception as exc:  # django-environ raises several types for bad URLs
            raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
        if not config.get("ENGINE") or not config.get("NAME"):
            raise ImproperlyConfigured(
                "DATABASE_URL is not a valid database URL (expected e.g. "
                "postgres://user:password@host:5432/name)."
            )
        return config


env = _Env()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false/1/0/yes/no), got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}.")
    return value


def env_list(name: str, default: Iterable[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    allowed = tuple(choices)
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in allowed:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(allowed)}, got {raw!r}.")
    return value


def env_secret(name: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    value = os.environ.get(name, "")
    file_name = os.environ.get(f"{name}_FILE", "")
    if value and file_name:
        raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE cannot be read: {exc}") from exc
    return value


def local_secret_key(var_dir: Path) -> str:
    """A development key generated once and kept in var/, so sessions survive restarts."""
    path = var_dir / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


_DURATION_UNITS = {"m": 60, "h": 3600, "d": 86400}


def env_durations(name: str, default: dict[str, int], *, keys: Iterable[str]) -> dict[str, int]:
    """Seconds per key from `key=<n><m|h|d>,...` ("critical=1d,high=7d"); a key left out keeps
    its default, an unknown key or a malformed duration stops the process."""
    allowed = tuple(keys)
    result = dict(default)
    raw = os.environ.get(name, "")
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key, _, value = (s.strip().lower() for s in item.partition("="))
        unit = _DURATION_UNITS.get(value[-1:])
        if key not in allowed or unit is None or not value[:-1].isdigit() or int(value[:-1]) < 1:
            raise ImproperlyConfigured(
                f"{name} must be comma-separated key=<number><m|h|d> with keys among "
                f"{', '.join(allowed)} (e.g. {allowed[0]}=1d), got {item!r}."
            )
        result[key] = int(value[:-1]) * unit
    return result

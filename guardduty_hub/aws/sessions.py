"""How the hub reaches an AWS account: its own credentials, or STS AssumeRole.

Assumed-role credentials are botocore `RefreshableCredentials`: every client made from the
session shares them, and they renew themselves (thread-safe, under botocore's lock) a few
minutes before they expire. Sessions are cached per (role ARN, external id) for the process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
from botocore.credentials import RefreshableCredentials
from django.conf import settings

from guardduty_hub.aws import factory, partitions
from guardduty_hub.aws.errors import PermanentAwsError, on_credentials_rejected, translate

# Renew this long before expiry; below the mandatory margin no call may use the old ones.
REFRESH_BEFORE_EXPIRY = timedelta(minutes=5)
MANDATORY_REFRESH_BEFORE_EXPIRY = timedelta(minutes=1)


@dataclass(frozen=True)
class AccountAccess:
    """How to reach one AWS account. Built by the accounts app from its AwsAccount rows."""

    account_id: str
    role_arn: str = ""
    external_id: str = ""
    # The hub's own account: boto3's default chain, no AssumeRole.
    use_hub_credentials: bool = False
    # aws, aws-us-gov or aws-cn; empty: that of the role ARN, else the hub's (partitions.py).
    partition: str = ""

    @property
    def partition_name(self) -> str:
        return (
            self.partition or partitions.partition_of(self.role_arn) or partitions.hub_partition()
        )

    def role_arn_or_default(self) -> str:
        """The role to assume: the account's own, else the configured default role name (in
        the account's partition)."""
        if self.role_arn:
            return self.role_arn
        name = (getattr(settings, "AWS_DEFAULT_ROLE_NAME", "") or "").strip()
        if not name or not self.account_id:
            return ""
        return partitions.role_arn(self.partition_name, self.account_id, name)

    def __str__(self) -> str:
        how = "hub credentials" if self.use_hub_credentials else self.role_arn_or_default()
        return f"{self.account_id} via {how}"


def _now() -> datetime:
    # The one clock of this module (credential expiry); tests move it forward.
    return datetime.now(UTC)


def _clock() -> datetime:
    return _now()


_lock = threading.Lock()
_key_locks: dict[tuple[str, str], threading.Lock] = {}
_sessions: dict[tuple[str, str], tuple[boto3.Session, RefreshableCredentials]] = {}
_sts_clients: dict[tuple[Any, ...], Any] = {}


def session_for(access: AccountAccess) -> boto3.Session:
    """A boto3 session acting in `access.account_id`. Raises AwsError (e.g. AccessDeniedError)."""
    if access.use_hub_credentials:
        return factory.hub_session()
    role_arn = access.role_arn_or_default()
    if not role_arn:
        raise PermanentAwsError(
            f"No way to reach account {access.account_id}: it has no role ARN, the hub's "
            "credentials are not to be used for it, and AWS_DEFAULT_ROLE_NAME is empty.",
            code="NoRoleConfigured",
            operation="AssumeRole",
            account_id=access.account_id,
        )
    key = (role_arn, access.external_id)
    with _lock:
        cached = _sessions.get(key)
        if cached is not None:
            return cached[0]
        key_lock = _key_locks.setdefault(key, threading.Lock())
    # One AssumeRole per key even when many threads ask at once; other keys are not blocked.
    with key_lock:
        with _lock:
            cached = _sessions.get(key)
        if cached is not None:
            return cached[0]
        credentials = _assumed_role_credentials(access, role_arn)
        session = factory.session_with_credentials(credentials)
        with _lock:
            _sessions[key] = (session, credentials)
        return session


@on_credentials_rejected
def forget(access: AccountAccess) -> None:
    """Drop cached credentials for `access` (AWS rejected them, or the role changed)."""
    key = (access.role_arn_or_default(), access.external_id)
    with _lock:
        _sessions.pop(key, None)


def reset() -> None:
    with _lock:
        _sessions.clear()
        _key_locks.clear()
        _sts_clients.clear()


def assume_role_client() -> Any:
    """The STS client AssumeRole goes through: hub credentials, regional endpoint."""
    region = settings.AWS_DEFAULT_REGION
    key = (region, *factory.config_fingerprint("sts"))
    with _lock:
        client = _sts_clients.get(key)
        if client is None:
            client = factory.new_client(factory.hub_session(), "sts", region)
            _sts_clients.clear()
            _sts_clients[key] = client
    return client


def _assumed_role_credentials(access: AccountAccess, role_arn: str) -> RefreshableCredentials:
    def refresh() -> dict[str, Any]:
        params: dict[str, Any] = {
            "RoleArn": role_arn,
            "RoleSessionName": settings.AWS_ROLE_SESSION_NAME,
        }
        if access.external_id:
            params["ExternalId"] = access.external_id
        with translate(
            "AssumeRole",
            account_id=access.account_id,
            role_arn=role_arn,
            region=settings.AWS_DEFAULT_REGION,
        ):
            answer = assume_role_client().assume_role(**params)["Credentials"]
        return {
            "access_key": answer["AccessKeyId"],
            "secret_key": answer["SecretAccessKey"],
            "token": answer["SessionToken"],
            "expiry_time": answer["Expiration"].isoformat(),
        }

    metadata = refresh()  # eagerly: a wrong role shows up where the session is asked for
    return RefreshableCredentials(
        access_key=metadata["access_key"],
        secret_key=metadata["secret_key"],
        token=metadata["token"],
        expiry_time=datetime.fromisoformat(metadata["expiry_time"]),
        refresh_using=refresh,
        method="assume-role",
        time_fetcher=_clock,
        advisory_timeout=int(REFRESH_BEFORE_EXPIRY.total_seconds()),
        mandatory_timeout=int(MANDATORY_REFRESH_BEFORE_EXPIRY.total_seconds()),
    )

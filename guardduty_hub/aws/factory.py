"""Low-level construction of boto3 sessions and clients with the hub's configuration.

Endpoints: we never pass `endpoint_url`. boto3 itself honours `AWS_ENDPOINT_URL_<SERVICE>` and
`AWS_ENDPOINT_URL` (and `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`), so the same code reaches AWS in
production and the simulator in the demo and tests. STS is forced onto regional endpoints.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from django.conf import settings

from guardduty_hub.aws import counting, fast_parse

USER_AGENT_EXTRA = "guardduty-hub"

_lock = threading.Lock()
_create_lock = threading.RLock()  # re-entrant: making a client may refresh credentials
_hub_session: boto3.Session | None = None
_loader: Any = None


def client_config() -> Config:
    return Config(
        retries={
            "mode": settings.AWS_RETRY_MODE,
            # AWS_MAX_ATTEMPTS counts the first attempt too (AWS's own meaning of the variable);
            # botocore's "max_attempts" key would count retries only.
            "total_max_attempts": settings.AWS_MAX_ATTEMPTS,
        },
        connect_timeout=settings.AWS_CONNECT_TIMEOUT,
        read_timeout=settings.AWS_READ_TIMEOUT,
        user_agent_extra=USER_AGENT_EXTRA,
    )


# botocore names the endpoint variable after the service id, not the client name.
_SERVICE_IDS = {"events": "eventbridge"}


def config_fingerprint(service: str) -> tuple[Any, ...]:
    """What a cached client depends on besides credentials; a change means a new client."""
    service_id = _SERVICE_IDS.get(service, service)
    env_name = "AWS_ENDPOINT_URL_" + service_id.upper().replace("-", "_").replace(" ", "_")
    return (
        settings.AWS_RETRY_MODE,
        settings.AWS_MAX_ATTEMPTS,
        settings.AWS_CONNECT_TIMEOUT,
        settings.AWS_READ_TIMEOUT,
        os.environ.get("AWS_ENDPOINT_URL", ""),
        os.environ.get(env_name, ""),
        os.environ.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""),
    )


def _new_botocore_session() -> Any:
    global _loader
    session = botocore.session.get_session()
    # Regional STS endpoints (sts.<region>.amazonaws.com): they work in every enabled region and
    # keep AssumeRole traffic out of us-east-1.
    session.set_config_variable("sts_regional_endpoints", "regional")
    # Service models are large JSON files: load them once per process, not per account. The
    # loader holds only botocore's static data, so it outlives reset().
    with _lock:
        if _loader is None:
            _loader = session.get_component("data_loader")
        loader = _loader
    session.register_component("data_loader", loader)
    # GetFindings pages parse several times faster (same result): see fast_parse.py.
    if settings.AWS_FAST_PARSE:
        fast_parse.install(session)
    return session


def hub_session() -> boto3.Session:
    """The hub's own identity: boto3's default credential chain (env, profile, instance role)."""
    global _hub_session
    with _lock:
        found = _hub_session
    if found is None:
        made = boto3.Session(
            botocore_session=_new_botocore_session(), region_name=settings.AWS_DEFAULT_REGION
        )
        with _lock:
            if _hub_session is None:
                _hub_session = made
            found = _hub_session
    return found


def session_with_credentials(credentials: Any) -> boto3.Session:
    """A session that signs with `credentials` (e.g. refreshable assumed-role credentials)."""
    core = _new_botocore_session()
    core._credentials = credentials
    return boto3.Session(botocore_session=core, region_name=settings.AWS_DEFAULT_REGION)


def new_client(session: boto3.Session, service: str, region: str) -> Any:
    # Clients are thread-safe once made, but making them from a shared session is not
    # (boto3 documents sessions as not thread-safe): one at a time.
    with _create_lock:
        client = session.client(service, region_name=region, config=client_config())
    counting.register(client)
    return client


def available_regions(service: str, partition: str) -> list[str]:
    return hub_session().get_available_regions(service, partition_name=partition)


def partition_for_region(region: str) -> str:
    """botocore's partition of a region name ("" if it knows none)."""
    try:
        return hub_session().get_partition_for_region(region)
    except Exception:  # botocore raises UnknownRegionError, or ValueError on bad input
        return ""


def reset() -> None:
    global _hub_session
    with _lock:
        _hub_session = None


def preload_service_models(services: tuple[str, ...] = ("guardduty", "sts")) -> None:
    """Load the service models a worker's clients will need now (they are cached per process),
    so that they are part of the heap a process freezes at start (guardduty_hub.core.heap)."""
    session = hub_session()._session
    for service in services:
        session.get_service_model(service)

"""The hub's only seam to AWS: sessions, clients, errors and the GuardDuty gateway.

Nothing outside this package imports boto3 or botocore. Callers use `gateway` functions, which
take an `AccountAccess` and a region, return plain frozen dataclasses and raise `AwsError`
subclasses (`TransientAwsError` to retry, `PermanentAwsError` to record and show).
"""

from guardduty_hub.aws import clients, factory, sessions
from guardduty_hub.aws.counting import RequestCount, count_requests
from guardduty_hub.aws.errors import (
    AccessDeniedError,
    AwsError,
    CredentialsRejectedError,
    PermanentAwsError,
    RegionNotEnabledError,
    ThrottledError,
    TransientAwsError,
)
from guardduty_hub.aws.sessions import AccountAccess


def reset_caches() -> None:
    """Forget cached sessions, credentials and clients (tests: moto's state resets per test)."""
    clients.reset()
    sessions.reset()
    factory.reset()


__all__ = [
    "AccessDeniedError",
    "AccountAccess",
    "AwsError",
    "CredentialsRejectedError",
    "PermanentAwsError",
    "RegionNotEnabledError",
    "RequestCount",
    "ThrottledError",
    "TransientAwsError",
    "count_requests",
    "reset_caches",
]

"""The hub's own AWS errors: transient (retry later) or permanent (record and show a person).

Everything that leaves `guardduty_hub.aws` raises one of these, never a botocore exception, so
tasks can declare `autoretry_for=(TransientAwsError,)` and pages can show `error.message`.
`translate()` does the conversion; it is a context manager and also works as a decorator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionError,
    HTTPClientError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PartialCredentialsError,
)

if TYPE_CHECKING:
    from guardduty_hub.aws.sessions import AccountAccess


# Called with the AccountAccess whose credentials AWS rejected. sessions.py and clients.py (both
# import this module, so it cannot import them) register their cache evictions here.
_credentials_rejected_hooks: list[Callable[[AccountAccess], None]] = []


def on_credentials_rejected(hook: Callable[[AccountAccess], None]):
    """Register `hook(access)` for credentials AWS rejected; returns it (a decorator)."""
    _credentials_rejected_hooks.append(hook)
    return hook


class AwsError(Exception):
    """An AWS call failed. `message` is written for people; `code` is AWS's error code."""

    permanent = False

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        operation: str = "",
        account_id: str = "",
        region: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.operation = operation
        self.account_id = account_id
        self.region = region
        # Set by batched calls that failed after some chunks went through (see batching.py).
        self.partial: Any = None

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, operation={self.operation!r}, "
            f"account_id={self.account_id!r}, region={self.region!r}, message={self.message!r})"
        )


class TransientAwsError(AwsError):
    """Throttling, AWS-side 5xx, timeouts, connection failures: the same call may work later."""

    permanent = False


class ThrottledError(TransientAwsError):
    pass


class PermanentAwsError(AwsError):
    """Access denied, bad request, disabled region: retrying without a change will not help."""

    permanent = True


class AccessDeniedError(PermanentAwsError):
    pass


class CredentialsRejectedError(PermanentAwsError):
    pass


class RegionNotEnabledError(PermanentAwsError):
    pass


# botocore's standard retry mode treats these as throttling too; keep the lists aligned.
THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)
SERVER_ERROR_CODES = frozenset(
    {
        "InternalServerErrorException",
        "InternalServerError",
        "InternalFailure",
        "InternalError",
        "InternalException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "RequestTimeout",
        "RequestTimeoutException",
        "IDPCommunicationError",
    }
)
ACCESS_DENIED_CODES = frozenset(
    {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError"}
)
REJECTED_CREDENTIALS_CODES = frozenset(
    {
        "InvalidClientTokenId",
        "ExpiredToken",
        "ExpiredTokenException",
        "SignatureDoesNotMatch",
        "IncompleteSignature",
        "AuthFailure",
        "InvalidAccessKeyId",
    }
)
# GuardDuty in an opt-in region the account has not enabled answers 403 with this code.
REGION_NOT_ENABLED_CODES = frozenset({"UnrecognizedClientException", "RegionDisabledException"})


@dataclass(frozen=True)
class _Call:
    """The call that failed and where: what every message names and every AwsError carries."""

    operation: str = ""
    account_id: str = ""
    region: str = ""
    role_arn: str = ""

    @property
    def where(self) -> str:
        parts = [f"account {self.account_id}"] if self.account_id else []
        parts += [f"region {self.region}"] if self.region else []
        return " in " + ", ".join(parts) if parts else ""

    def error(self, cls: type[AwsError], message: str, code: str) -> AwsError:
        return cls(
            message,
            code=code,
            operation=self.operation,
            account_id=self.account_id,
            region=self.region,
        )


def from_client_error(exc: ClientError, call: _Call) -> AwsError:
    error = exc.response.get("Error", {}) or {}
    code = str(error.get("Code") or "")
    detail = str(error.get("Message") or "").strip() or "no details given"
    status = int((exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode") or 0)
    # The operation botocore reports wins: a credential refresh inside a GuardDuty call fails
    # with an STS error whose operation is AssumeRole.
    call = replace(call, operation=getattr(exc, "operation_name", "") or call.operation)
    operation, account_id, region, where = call.operation, call.account_id, call.region, call.where

    if code in THROTTLING_CODES or status == 429:
        return call.error(
            ThrottledError,
            # Whether anyone retries is the caller's to say (a task retries, a final attempt
            # does not): the message states only what AWS did.
            f"AWS is throttling {operation} requests{where} ({code or status}): {detail}",
            code,
        )
    if code in SERVER_ERROR_CODES or status >= 500:
        return call.error(
            TransientAwsError,
            f"AWS had an internal error on {operation}{where} ({code or status}): {detail}",
            code,
        )
    if operation == "AssumeRole" and (code in ACCESS_DENIED_CODES or status == 403):
        role = call.role_arn or "the configured role"
        acct = f" in account {account_id}" if account_id else ""
        return call.error(
            AccessDeniedError,
            f"Access denied when assuming role {role}{acct}: {detail}. Check that the role "
            "exists, trusts the hub's account and, if set, the external id matches.",
            code,
        )
    if code in REGION_NOT_ENABLED_CODES:
        acct = f" for account {account_id}" if account_id else ""
        return call.error(
            RegionNotEnabledError,
            f"GuardDuty is not available in {region or 'this region'}{acct}: the region is not "
            f"enabled ({code}: {detail})",
            code,
        )
    if code in ACCESS_DENIED_CODES:
        return call.error(
            AccessDeniedError,
            f"Access denied for {operation}{where}: {detail}. The role the hub uses lacks this "
            "GuardDuty permission, or a policy denies it (a service control policy can deny "
            "one region).",
            code,
        )
    if code in REJECTED_CREDENTIALS_CODES:
        return call.error(
            CredentialsRejectedError,
            f"AWS rejected the hub's credentials on {operation}{where} ({code}): {detail}",
            code,
        )
    if status == 403:
        # A bare 403 from GuardDuty without a known code is how a disabled region looks too.
        acct = f" for account {account_id}" if account_id else ""
        return call.error(
            RegionNotEnabledError,
            f"GuardDuty is not available in {region or 'this region'}{acct}: the region is not "
            f"enabled or the request is forbidden ({code or status}: {detail})",
            code,
        )
    return call.error(
        PermanentAwsError, f"AWS rejected {operation}{where} ({code or status}): {detail}", code
    )


def from_botocore_error(exc: BotoCoreError, call: _Call) -> AwsError:
    code, operation, where = type(exc).__name__, call.operation, call.where
    if isinstance(exc, ConnectionError | HTTPClientError):
        # Connect/read timeouts, refused connections, closed connections, DNS failures.
        return call.error(
            TransientAwsError, f"Could not reach AWS for {operation}{where}: {exc}", code
        )
    if isinstance(exc, ParamValidationError):
        return call.error(
            PermanentAwsError, f"The hub built an invalid {operation} request{where}: {exc}", code
        )
    if isinstance(exc, NoCredentialsError | PartialCredentialsError):
        return call.error(
            CredentialsRejectedError,
            f"The hub has no usable AWS credentials for {operation}{where}: {exc}",
            code,
        )
    if isinstance(exc, NoRegionError):
        return call.error(
            PermanentAwsError, f"No AWS region configured for {operation}: {exc}", code
        )
    return call.error(PermanentAwsError, f"AWS call {operation}{where} failed: {exc}", code)


def to_aws_error(
    exc: BaseException,
    *,
    operation: str = "",
    account_id: str = "",
    region: str = "",
    role_arn: str = "",
) -> AwsError | None:
    """Our error for a botocore exception, or None when `exc` is not an AWS failure."""
    if isinstance(exc, AwsError):
        return exc
    call = _Call(operation, account_id, region, role_arn)
    if isinstance(exc, ClientError):
        return from_client_error(exc, call)
    if isinstance(exc, BotoCoreError):
        return from_botocore_error(exc, call)
    return None


@contextmanager
def translate(
    operation: str,
    access: AccountAccess | None = None,
    region: str = "",
    *,
    account_id: str = "",
    role_arn: str = "",
) -> Iterator[None]:
    """Turn botocore exceptions raised inside the block into AwsError subclasses."""
    try:
        yield
    except AwsError:
        raise
    except (ClientError, BotoCoreError) as exc:
        if access is not None:
            account_id = account_id or access.account_id
            role_arn = role_arn or access.role_arn_or_default()
        error = to_aws_error(
            exc, operation=operation, account_id=account_id, region=region, role_arn=role_arn
        )
        if isinstance(error, CredentialsRejectedError) and access is not None:
            # Cached temporary credentials AWS no longer accepts: fetch new ones next time.
            for hook in _credentials_rejected_hooks:
                hook(access)
        raise error from exc

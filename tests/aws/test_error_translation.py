"""botocore exceptions become our transient/permanent errors with words a person can act on.

The table builds botocore's own exceptions as AWS's answers would produce them: that tests our
translator, not a mock of it. The tests at the bottom go through real calls to moto.
"""

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ParamValidationError,
    ReadTimeoutError,
)

from guardduty_hub.aws import (
    AccessDeniedError,
    AccountAccess,
    AwsError,
    CredentialsRejectedError,
    PermanentAwsError,
    RegionNotEnabledError,
    ThrottledError,
    TransientAwsError,
    count_requests,
    gateway,
)
from guardduty_hub.aws.errors import translate

ACCESS = AccountAccess("123456789012", role_arn="arn:aws:iam::123456789012:role/HubAccess")


def client_error(code, status, operation="ListFindings", message="details from AWS"):
    return ClientError(
        {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": status},
        },
        operation,
    )


CASES = [
    # (code, HTTP status, operation, expected class, words in the message)
    ("TooManyRequestsException", 429, "ListFindings", ThrottledError, "throttling"),
    ("ThrottlingException", 400, "AssumeRole", ThrottledError, "throttling"),
    ("Throttling", 400, "AssumeRole", ThrottledError, "throttling"),
    ("RequestLimitExceeded", 503, "ListDetectors", ThrottledError, "throttling"),
    ("", 429, "GetFindings", ThrottledError, "throttling"),
    ("InternalServerErrorException", 500, "GetFindings", TransientAwsError, "internal error"),
    ("ServiceUnavailable", 503, "ListMembers", TransientAwsError, "internal error"),
    ("SomethingNew", 502, "ListMembers", TransientAwsError, "internal error"),
    ("AccessDenied", 403, "AssumeRole", AccessDeniedError, "Access denied when assuming role"),
    ("AccessDeniedException", 403, "ArchiveFindings", AccessDeniedError, "Access denied for"),
    ("BadRequestException", 400, "CreateMembers", PermanentAwsError, "rejected CreateMembers"),
    ("UnrecognizedClientException", 403, "ListDetectors", RegionNotEnabledError, "not enabled"),
    ("", 403, "ListDetectors", RegionNotEnabledError, "not enabled"),
    ("InvalidClientTokenId", 403, "GetCallerIdentity", CredentialsRejectedError, "credentials"),
    ("ExpiredToken", 400, "AssumeRole", CredentialsRejectedError, "credentials"),
    ("ExpiredTokenException", 403, "ListFindings", CredentialsRejectedError, "credentials"),
]


@pytest.mark.parametrize(("code", "status", "operation", "expected", "words"), CASES)
def test_client_errors_are_classified(code, status, operation, expected, words):
    with pytest.raises(AwsError) as caught, translate(operation, ACCESS, "eu-south-2"):
        raise client_error(code, status, operation)
    error = caught.value
    assert type(error) is expected
    assert error.permanent is issubclass(expected, PermanentAwsError)
    assert words in error.message
    assert "details from AWS" in error.message
    assert error.code == code
    assert error.operation == operation
    assert error.account_id == "123456789012"
    assert error.region == "eu-south-2"
    assert isinstance(error.__cause__, ClientError)


def test_assume_role_denial_names_the_role_and_account():
    with pytest.raises(AccessDeniedError) as caught, translate("AssumeRole", ACCESS):
        raise client_error(
            "AccessDenied", 403, "AssumeRole", "not authorized to perform sts:AssumeRole"
        )
    assert caught.value.message.startswith(
        "Access denied when assuming role arn:aws:iam::123456789012:role/HubAccess "
        "in account 123456789012: not authorized to perform sts:AssumeRole"
    )


def test_region_not_enabled_message():
    with (
        pytest.raises(RegionNotEnabledError) as caught,
        translate("ListDetectors", ACCESS, "eu-south-2"),
    ):
        raise client_error("UnrecognizedClientException", 403, "ListDetectors")
    assert caught.value.message.startswith(
        "GuardDuty is not available in eu-south-2 for account 123456789012: the region is not enabled"
    )


def test_botocore_operation_name_wins_over_the_callers():
    # A credential refresh inside a GuardDuty call fails with STS's error and operation.
    with pytest.raises(AccessDeniedError) as caught, translate("ListFindings", ACCESS, "us-east-1"):
        raise client_error("AccessDenied", 403, "AssumeRole")
    assert caught.value.operation == "AssumeRole"


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            EndpointConnectionError(endpoint_url="https://guardduty.x.amazonaws.com"),
            TransientAwsError,
        ),
        (ConnectTimeoutError(endpoint_url="https://guardduty.x.amazonaws.com"), TransientAwsError),
        (ReadTimeoutError(endpoint_url="https://guardduty.x.amazonaws.com"), TransientAwsError),
        (ParamValidationError(report="Invalid length for parameter AccountId"), PermanentAwsError),
        (NoCredentialsError(), CredentialsRejectedError),
    ],
)
def test_botocore_errors_are_classified(exc, expected):
    with pytest.raises(AwsError) as caught, translate("ListFindings", ACCESS, "us-east-1"):
        raise exc
    assert type(caught.value) is expected
    assert caught.value.code == type(exc).__name__


def test_other_exceptions_pass_through_untouched():
    with pytest.raises(KeyError), translate("ListFindings", ACCESS, "us-east-1"):
        raise KeyError("not an AWS failure")


def test_translate_works_as_a_decorator():
    @translate("GetFindings", ACCESS, "us-east-1")
    def failing():
        raise client_error("TooManyRequestsException", 429, "GetFindings")

    with pytest.raises(ThrottledError):
        failing()


def test_rejected_credentials_drop_the_cached_session(aws):
    gateway.caller_identity(ACCESS)
    with pytest.raises(CredentialsRejectedError), translate("ListFindings", ACCESS, "us-east-1"):
        raise client_error("ExpiredTokenException", 403)
    # The next call assumes the role again, and then keeps the new credentials.
    with count_requests() as counted:
        gateway.caller_identity(ACCESS)
        gateway.caller_identity(ACCESS)
    assert counted.by_operation["sts.AssumeRole"] == 1


# Through real calls (moto)


def test_client_side_validation_is_permanent(aws, hub):
    detector = gateway.ensure_detector(hub, "us-east-1")
    with pytest.raises(PermanentAwsError) as caught:
        gateway.create_members(hub, "us-east-1", detector, [("12345", "short@example.com")])
    assert caught.value.code == "ParamValidationError"
    assert caught.value.operation == "CreateMembers"


def test_unknown_detector_is_a_permanent_bad_request(aws, hub):
    with pytest.raises(PermanentAwsError) as caught:
        gateway.get_detector_config(hub, "us-east-1", "0" * 32)
    assert caught.value.operation == "GetDetector"
    assert caught.value.account_id == hub.account_id
    assert caught.value.region == "us-east-1"

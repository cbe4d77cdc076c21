"""From our rows to the AWS seam: how to reach an account, and where its errors are recorded."""

from django.utils import timezone

from guardduty_hub.aws import AccountAccess, AwsError
from guardduty_hub.aws.errors import AccessDeniedError, CredentialsRejectedError


def access_for(account) -> AccountAccess:
    """AccountAccess for an AwsAccount: its role ARN, else the default role name, else ours."""
    return AccountAccess(
        account.account_id,
        role_arn=account.role_arn,
        external_id=account.external_id,
        use_hub_credentials=account.uses_hub_credentials,
    )


def is_access_problem(exc: AwsError) -> bool:
    """The account as a whole cannot be reached (role not assumable), not one region."""
    return exc.operation == "AssumeRole" or isinstance(
        exc, AccessDeniedError | CredentialsRejectedError
    )


def record_account_error(account, exc: AwsError | None) -> None:
    """Show (or clear, with None) why the hub cannot reach the account."""
    message = exc.message if exc else ""
    if account.last_error == message:
        return
    account.last_error = message
    account.last_error_at = timezone.now() if exc else None
    account.save(update_fields=["last_error", "last_error_at", "updated_at"])

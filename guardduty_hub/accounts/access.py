"""From our rows to the AWS seam: how to reach an account, and where its errors are recorded."""

from django.db.models import Q

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.aws import AccountAccess, AwsError, gateway
from guardduty_hub.aws.errors import CredentialsRejectedError


def access_for(account) -> AccountAccess:
    """AccountAccess for an AwsAccount: its role ARN, else the default role name, else ours;
    in the account's partition (partition_for)."""
    return AccountAccess(
        account.account_id,
        role_arn=account.role_arn,
        external_id=account.external_id,
        use_hub_credentials=account.uses_hub_credentials,
        partition=partition_for(account),
    )


def partition_for(account) -> str:
    """aws, aws-us-gov or aws-cn: that of the account's role ARN; for a member reached through
    the default role name, that of an administrator it belongs to (or was invited by), since
    membership never crosses partitions; else "" (the hub's own partition)."""
    own = gateway.partition_of(account.role_arn)
    if own or account.uses_hub_credentials or not account.pk:
        return own
    administrators = AwsAccount.objects.filter(
        Q(memberships_administered__member=account)
        | Q(account_id__in=account.invitations.values("administrator_account_id"))
    ).exclude(role_arn="")
    for role_arn in administrators.values_list("role_arn", flat=True)[:1]:
        return gateway.partition_of(role_arn)
    return ""


def is_access_problem(exc: AwsError) -> bool:
    """The account as a whole cannot be reached: its role is not assumable or AWS rejects the
    credentials. A GuardDuty call's AccessDenied is not one: it can hold in one region only (a
    service control policy denying it there), so it stays with that region."""
    return exc.operation == "AssumeRole" or isinstance(exc, CredentialsRejectedError)


def record_account_error(account, exc: AwsError | None) -> None:
    """Show (or clear, with None) why the hub cannot reach the account."""
    message = exc.message if exc else ""
    if account.last_error == message:
        return
    account.error_note(message)
    account.save(update_fields=["last_error", "last_error_at", "updated_at"])

"""Accounts app models, one module per concern; import them from here."""

from guardduty_hub.accounts.models.audit import AuditEvent
from guardduty_hub.accounts.models.aws_account import (
    AccountKind,
    AwsAccount,
    JoinMethod,
    account_id_validator,
)
from guardduty_hub.accounts.models.membership import (
    AdministratorRegion,
    Invitation,
    MemberRegionState,
    Membership,
)
from guardduty_hub.accounts.models.operations import (
    DANGEROUS_KINDS,
    ItemState,
    MembershipOperation,
    OperationItem,
    OperationKind,
    OperationState,
)
from guardduty_hub.accounts.models.scope import AccountScope, ScopedUser

__all__ = [
    "DANGEROUS_KINDS",
    "AccountKind",
    "AccountScope",
    "AdministratorRegion",
    "AuditEvent",
    "AwsAccount",
    "Invitation",
    "ItemState",
    "JoinMethod",
    "MemberRegionState",
    "Membership",
    "MembershipOperation",
    "OperationItem",
    "OperationKind",
    "OperationState",
    "ScopedUser",
    "account_id_validator",
]

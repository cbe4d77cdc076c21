"""Reads that encode access. Every page and the triage app ask these, nothing else.

The scope rule (documented on models.scope.AccountScope):
- member owners (core.respond_invitations without core.manage_accounts) see only their scoped
  accounts, none when they have no scope rows;
- other users with scope rows see only those accounts;
- other users without scope rows see all accounts.
"""

from django.db.models import Prefetch, QuerySet

from guardduty_hub.accounts.models import (
    AccountKind,
    AccountScope,
    AdministratorRegion,
    AwsAccount,
    Membership,
)


def is_member_owner(user) -> bool:
    return user.has_perm("core.respond_invitations") and not user.has_perm("core.manage_accounts")


def accounts_visible_to(user) -> QuerySet[AwsAccount]:
    accounts = AwsAccount.objects.all()
    if not user.is_authenticated:
        return accounts.none()
    if user.is_superuser:
        return accounts
    if is_member_owner(user) or scope_rows(user):
        return accounts.filter(scopes__user=user)
    return accounts


# Per request: request.user is a new object for every request, so nothing outlives it.
_SCOPE_ROWS = "_gdh_scope_rows"


def scope_rows(user) -> list[tuple[str, bool]]:
    """(12-digit account id, is owner) of the user's scope rows: one query per request, shared
    by the access rule and the navigation."""
    if not hasattr(user, _SCOPE_ROWS):
        setattr(
            user,
            _SCOPE_ROWS,
            list(
                AccountScope.objects.filter(user=user).values_list(
                    "account__account_id", "is_owner"
                )
            ),
        )
    return getattr(user, _SCOPE_ROWS)


def owns_member_accounts(user) -> bool:
    return user.is_authenticated and any(is_owner for _, is_owner in scope_rows(user))


def account_ids_visible_to(user) -> set[str] | None:
    """The 12-digit ids a user may see, or None meaning "all" (cheap filter for findings)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return None
    rows = scope_rows(user)
    if rows or is_member_owner(user):
        return {account_id for account_id, _ in rows}
    return None


def owned_member_accounts(user) -> QuerySet[AwsAccount]:
    """Member accounts whose invitations this user may answer (member portal)."""
    return AwsAccount.objects.filter(scopes__user=user, scopes__is_owner=True).order_by(
        "account_id"
    )


def member_accounts_for_table(user) -> QuerySet[AwsAccount]:
    """Members for the accounts table, with their memberships prefetched (one query)."""
    return (
        accounts_visible_to(user)
        .exclude(kind=AccountKind.ADMINISTRATOR)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.order_by("region"),
                to_attr="membership_list",
            )
        )
        .order_by("name", "account_id")
    )


def administrators() -> QuerySet[AwsAccount]:
    return AwsAccount.objects.filter(kind=AccountKind.ADMINISTRATOR).order_by("account_id")


def hub_regions() -> list[str]:
    """Regions the status strip shows: every enabled administrator region, sorted."""
    return sorted(
        set(AdministratorRegion.objects.filter(enabled=True).values_list("region", flat=True))
    )

"""The hub's one access rule: which accounts a user may see, and which they may act on.

Every page, API view, task start and export asks here, with the verb it needs:

    accounts_for(user, Verb.MANAGE)          # QuerySet[AwsAccount] the user may act on
    account_ids_for(user, Verb.VIEW)         # 12-digit ids, or None meaning "every account"
    can(user, Verb.MANAGE, account)          # one account (an AwsAccount or its 12-digit id)
    can(user, Verb.MANAGE)                   # hub-wide: every account, present and future
    account_for(user, Verb.ANSWER, "1111…")  # the account, else Http404
    require(user, Verb.MANAGE)               # can(), else PermissionDenied (403)

A verb needs a capability (core/capabilities.py), and reaches the accounts of the user's scope:

    VIEW    see the account, its memberships, findings and sync runs     core.view_findings
    TRIAGE  change the workflow of its findings                          core.triage_findings
    MANAGE  membership operations, an administrator's regions and state  core.manage_accounts
    SYNC    start a sync of an administrator                             core.manage_settings
    ANSWER  answer the member's invitations, leave its administrator     see below

The scope (models/scope.py): superusers reach every account; a scoped user (ScopedUser row,
made with their first AccountScope row; member owners always) reaches only the accounts of their
AccountScope rows, none when they have none; everybody else reaches every account.

ANSWER (the member portal and /api/member-accounts/ alike): a member owner
(core.respond_invitations) answers for the accounts they own (AccountScope.is_owner); someone
with core.manage_accounts answers on the member's behalf for every non-administrator account
they may MANAGE.

Outside the answer an account is "not found" (404), never 403: a refusal would confirm it
exists. Work that is hub-wide (adding accounts, onboarding an administrator, the audit log, sync
dead letters) needs `can(user, verb)` without an account: scoped users are refused it. Hub
activity (membership operations, sync runs) spans accounts: member owners never see it
(`activity_visible`), others only rows whose every account is in their scope
(accounts.selectors.operations_for, sync.selectors.sync_runs_for). Shared saved views follow
the same idea (findings.selectors.saved_views_for, with `scopes_of` and `covers`).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from guardduty_hub.accounts.models import AccountKind, AwsAccount
from guardduty_hub.core import capabilities as cap


class Verb(StrEnum):
    VIEW = "view"
    TRIAGE = "triage"
    MANAGE = "manage"
    SYNC = "sync"
    ANSWER = "answer"


# The capability each verb needs (ANSWER: either, each reaching its own accounts).
CAPABILITY = {
    Verb.VIEW: cap.VIEW_FINDINGS,
    Verb.TRIAGE: cap.TRIAGE_FINDINGS,
    Verb.MANAGE: cap.MANAGE_ACCOUNTS,
    Verb.SYNC: cap.MANAGE_SETTINGS,
}


@dataclass(frozen=True)
class _Scope:
    limited: bool
    account_ids: frozenset[str]
    owned_ids: frozenset[str]


# Per request: request.user is a new object for every request, so nothing outlives it.
_SCOPE_CACHE = "_gdh_scope"


def _scope(user) -> _Scope:
    """The user's scope in one query (flag and rows through LEFT JOINs), once per request."""
    cached = getattr(user, _SCOPE_CACHE, None)
    if cached is not None:
        return cached
    rows = list(
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list(
            "account_scope_limit__user_id",
            "account_scopes__account__account_id",
            "account_scopes__is_owner",
        )
    )
    ids = frozenset(account_id for _, account_id, _ in rows if account_id)
    scope = _Scope(
        limited=bool(ids) or any(flag for flag, _, _ in rows) or is_member_owner(user),
        account_ids=ids,
        owned_ids=frozenset(account_id for _, account_id, owner in rows if owner),
    )
    setattr(user, _SCOPE_CACHE, scope)
    return scope


def is_member_owner(user) -> bool:
    """Member owners answer invitations and are always limited to their scope."""
    return user.has_perm(cap.RESPOND_INVITATIONS) and not user.has_perm(cap.MANAGE_ACCOUNTS)


def is_scoped(user) -> bool:
    """The user reaches only some accounts (never true of superusers)."""
    if not user.is_authenticated:
        return True
    return not user.is_superuser and _scope(user).limited


def account_ids_for(user, verb: Verb) -> frozenset[str] | None:
    """The 12-digit ids `user` may `verb`, or None meaning every account (cheap filter for
    findings and sync runs, which carry the id rather than a key)."""
    if not user.is_authenticated:
        return frozenset()
    if verb == Verb.ANSWER:
        return frozenset(accounts_for(user, verb).values_list("account_id", flat=True))
    if not user.has_perm(CAPABILITY[verb]):
        return frozenset()
    if not is_scoped(user):
        return None
    return _scope(user).account_ids


def accounts_for(user, verb: Verb) -> QuerySet[AwsAccount]:
    """The accounts `user` may `verb` (no ordering: callers add theirs)."""
    accounts = AwsAccount.objects.all()
    if not user.is_authenticated:
        return accounts.none()
    if verb == Verb.ANSWER:
        owned = _scope(user).owned_ids if user.has_perm(cap.RESPOND_INVITATIONS) else frozenset()
        managed = account_ids_for(user, Verb.MANAGE)
        members = accounts.exclude(kind=AccountKind.ADMINISTRATOR)
        if managed is None:
            return members
        return members.filter(account_id__in=sorted(owned | managed))
    ids = account_ids_for(user, verb)
    if ids is None:
        return accounts
    return accounts.filter(account_id__in=sorted(ids))


def can(user, verb: Verb, account: AwsAccount | str | None = None) -> bool:
    """May `user` `verb` this account (an AwsAccount or a 12-digit id)? Without an account:
    may they `verb` every account, present and future (hub-wide work such as onboarding an
    administrator or adding accounts)?"""
    if account is None:
        if verb == Verb.ANSWER:
            return False
        return user.is_authenticated and account_ids_for(user, verb) is None
    account_id = account if isinstance(account, str) else account.account_id
    if verb == Verb.ANSWER:
        return accounts_for(user, verb).filter(account_id=account_id).exists()
    ids = account_ids_for(user, verb)
    return ids is None or account_id in ids


def require(user, verb: Verb, account: AwsAccount | str | None = None) -> None:
    """`can`, or PermissionDenied: for work whose target the user already knows (hub-wide
    work, services checking their caller again)."""
    if not can(user, verb, account):
        raise PermissionDenied(f"Not allowed to {verb} {account or 'every account'}.")


def account_for(user, verb: Verb, account_id: str, *, kind: str | None = None) -> AwsAccount:
    """The account `user` may `verb`, by its 12-digit id, else Http404 (also when it exists)."""
    accounts = accounts_for(user, verb).filter(account_id=str(account_id))
    if kind is not None:
        accounts = accounts.filter(kind=kind)
    account = accounts.first()
    if account is None:
        raise Http404("No such account.")
    return account


def owns_member_accounts(user) -> bool:
    """The user owns a member account (the member portal is for them)."""
    return user.is_authenticated and bool(_scope(user).owned_ids)


def owned_member_accounts(user) -> QuerySet[AwsAccount]:
    """The member accounts `user` owns (not those they may answer for on a member's behalf)."""
    if not user.is_authenticated:
        return AwsAccount.objects.none()
    return AwsAccount.objects.filter(account_id__in=sorted(_scope(user).owned_ids))


def answers_invitations(user) -> bool:
    """Has the capability to answer some member's invitations (the member portal and API)."""
    return user.is_authenticated and (
        user.has_perm(cap.RESPOND_INVITATIONS) or user.has_perm(cap.MANAGE_ACCOUNTS)
    )


def activity_visible(user) -> bool:
    """May `user` read hub activity (membership operations, sync runs) at all? Those span
    accounts and name administrators: member owners never, the others within their scope
    (`covers`)."""
    return user.is_authenticated and user.has_perm(cap.VIEW_FINDINGS) and not is_member_owner(user)


def covers(allowed: frozenset[str] | None, wanted: frozenset[str] | None) -> bool:
    """Does a scope (account_ids_for's answer, None = every account) reach all of `wanted`
    (ids, or None = every account)?"""
    if allowed is None:
        return True
    return wanted is not None and wanted <= allowed


def scopes_of(user_ids) -> dict[int, frozenset[str] | None]:
    """The scope of other users by id ({id: 12-digit ids, or None = every account}), in one
    query: to show one user's work (a shared saved view) only to those who see all it could
    name. Capabilities are not considered here: callers filter on them first."""
    found: dict[int, frozenset[str] | None] = {}
    limited: dict[int, set[str]] = {}
    rows = (
        get_user_model()
        .objects.filter(pk__in=list(user_ids))
        .values_list(
            "pk",
            "is_superuser",
            "account_scope_limit__user_id",
            "account_scopes__account__account_id",
        )
    )
    for pk, superuser, flag, account_id in rows:
        if superuser or not (flag or account_id):
            found[pk] = None
            continue
        limited.setdefault(pk, set())
        if account_id:
            limited[pk].add(account_id)
    found.update({pk: frozenset(ids) for pk, ids in limited.items()})
    return found

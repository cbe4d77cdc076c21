"""Reads that encode access to findings: every page, action, export and API endpoint asks here.

The one rule: a user sees the findings of the accounts `accounts.scope` lets them VIEW (which
needs core.view_findings). Anything outside that is "not found" (a 404, never
a 403 that would confirm the finding exists).
"""

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.http import Http404

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.accounts.scope import Verb, account_ids_for, covers, scopes_of
from guardduty_hub.core import capabilities as cap
from guardduty_hub.core.bounds import as_db_id, db_ids
from guardduty_hub.findings.models import Finding, SavedView

# Cached on the user object, which lives for one request: the list, its filter form and the
# account names all need them.
_ACCOUNTS_CACHE = "_gdh_visible_accounts"


def visible_account_ids(user) -> frozenset[str] | None:
    """12-digit ids the user may see findings of; None = every account (the scope is worked
    out once per request by accounts.scope)."""
    return account_ids_for(user, Verb.VIEW)


def findings_visible_to(user) -> QuerySet[Finding]:
    """Every finding `user` may see (no ordering, no filters: callers add those)."""
    ids = visible_account_ids(user)
    findings = Finding.objects.all()
    if ids is None:
        return findings
    if not ids:
        return findings.none()
    return findings.filter(account_id__in=sorted(ids))


def finding_for(user, pk) -> Finding:
    """One visible finding by primary key, else Http404 (also for findings that exist)."""
    pk = as_db_id(pk)
    if pk is None:
        raise Http404("No such finding.")
    finding = findings_visible_to(user).select_related("administrator", "assignee").filter(pk=pk)
    found = finding.first()
    if found is None:
        raise Http404("No such finding.")
    return found


def findings_by_ids(user, ids) -> QuerySet[Finding]:
    """The visible findings among `ids` (bulk actions): unknown or foreign ids simply drop out."""
    return findings_visible_to(user).filter(pk__in=db_ids(ids))


def visible_accounts(user) -> list[AwsAccount]:
    """Accounts for the filter form and names in tables, (account_id, name) only, sorted."""
    if hasattr(user, _ACCOUNTS_CACHE):
        return getattr(user, _ACCOUNTS_CACHE)
    ids = visible_account_ids(user)
    accounts = AwsAccount.objects.only("id", "account_id", "name").order_by("name", "account_id")
    if ids is not None:
        accounts = accounts.filter(account_id__in=sorted(ids))
    found = list(accounts)
    if getattr(user, "is_authenticated", False):
        setattr(user, _ACCOUNTS_CACHE, found)
    return found


def account_names(user) -> dict[str, str]:
    """account_id -> name, for showing "name (id)" without a join on a million rows."""
    return {a.account_id: a.name for a in visible_accounts(user)}


@lru_cache(maxsize=4)
def _saved_views_sql(using: str) -> str:
    """The user's own and the shared saved views, with their owner's name (`owner_name`), in
    their order, as SQL whose one parameter is the user's id: compiled once per process (the
    list page compiled it on every request, 0.5 ms of its 15 ms of Python)."""
    views = (
        SavedView.objects.using(using)
        .filter(Q(owner_id=0) | Q(shared=True))
        .annotate(owner_name=F(f"owner__{get_user_model().USERNAME_FIELD}"))
    )
    sql, params = views.query.get_compiler(using=using).as_sql()
    assert list(params) == [0], params  # the owner's id, and nothing else, is a parameter
    return sql


def saved_views_for(user) -> list[SavedView]:
    """The user's own saved views, and the shared views they may see.

    A shared view's query names what its sharer saw (account ids, host names, people), so it
    is listed only to users whose scope covers the sharer's whole scope: an unscoped sharer's
    views reach unscoped users only; a sharer scoped to 111 reaches everyone who sees 111.
    Sharing needs core.triage_findings (saved_view_save); views shared by someone who has lost
    it are no longer listed to others.
    """
    views = list(SavedView.objects.raw(_saved_views_sql(SavedView.objects.db), [user.pk]))
    others = {view.owner_id for view in views if view.owner_id != user.pk}
    if not others:
        return views
    # Asked only when someone else shares a view: every list page calls this, and the
    # permission query is the costly part to build.
    sharers = set(
        get_user_model()
        .objects.with_perm(cap.TRIAGE_FINDINGS)
        .filter(pk__in=others)
        .values_list("pk", flat=True)
    )
    mine = visible_account_ids(user)
    theirs = scopes_of(others & sharers)
    return [
        view
        for view in views
        if view.owner_id == user.pk
        or (view.owner_id in sharers and covers(mine, theirs[view.owner_id]))
    ]

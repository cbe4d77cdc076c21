"""Reads for the accounts pages. Which accounts a user may see or act on is decided only in
accounts/scope.py; these build on its answer."""

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet

from guardduty_hub.accounts.models import (
    AccountKind,
    AdministratorRegion,
    AwsAccount,
    Membership,
    MembershipOperation,
    OperationItem,
)
from guardduty_hub.accounts.scope import Verb, account_ids_for, accounts_for, activity_visible


def member_accounts_for_table(user) -> QuerySet[AwsAccount]:
    """Members for the accounts table, with their memberships prefetched (one query)."""
    return (
        accounts_for(user, Verb.VIEW)
        .exclude(kind=AccountKind.ADMINISTRATOR)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("administrator").order_by("region"),
                to_attr="membership_list",
            )
        )
        .order_by("name", "account_id")
    )


def administrators(user, verb: Verb = Verb.MANAGE) -> QuerySet[AwsAccount]:
    """The administrator accounts `user` may `verb`, by id."""
    return accounts_for(user, verb).filter(kind=AccountKind.ADMINISTRATOR).order_by("account_id")


def administrators_with_status_read_at(user, verb: Verb = Verb.VIEW) -> QuerySet[AwsAccount]:
    """administrators(), each with `status_read_at`: when the hub last read its members' status
    (its newest membership refresh), in the same query."""
    return administrators(user, verb).annotate(
        status_read_at=Max("memberships_administered__last_refreshed_at")
    )


def regions_by_administrator() -> dict[int, list[str]]:
    """Each administrator's enabled regions (by its pk), sorted: its cells in the strip."""
    found: dict[int, list[str]] = {}
    rows = AdministratorRegion.objects.filter(enabled=True).order_by("region")
    for administrator_id, region in rows.values_list("administrator_id", "region"):
        found.setdefault(administrator_id, []).append(region)
    return found


def hub_regions() -> list[str]:
    """Regions the status strip shows: every enabled administrator region, sorted."""
    return sorted(
        set(AdministratorRegion.objects.filter(enabled=True).values_list("region", flat=True))
    )


def operations_for(user, verb: Verb = Verb.VIEW) -> QuerySet[MembershipOperation]:
    """Membership operations `user` may `verb`: hub activity (scope.activity_visible) whose
    administrator and every account are in their scope, so a page never names an account
    (nor its result text) the user may not see."""
    operations = MembershipOperation.objects.all()
    if not activity_visible(user):
        return operations.none()
    ids = account_ids_for(user, verb)
    if ids is None:
        return operations
    outside = OperationItem.objects.filter(operation=OuterRef("pk")).exclude(
        account__account_id__in=sorted(ids)
    )
    return operations.filter(administrator__account_id__in=sorted(ids)).exclude(Exists(outside))

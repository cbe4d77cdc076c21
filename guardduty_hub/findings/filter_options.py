"""The finding list's filter options from the database (accounts, regions, people), in ONE query.

Not to be confused with choices.py: the fixed enumerations (severity, status, feedback) with their
labels and colours.

The list page has a budget of 10 queries whatever the page size; three small lookups for its
select boxes would take a third of it. A UNION of three narrow SELECTs keeps them to one.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount
from guardduty_hub.findings.selectors import visible_account_ids

TRIAGE_CODENAME = "triage_findings"


@dataclass
class ListChoices:
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (account id, label)
    # The administrators among them (the finding list's Administrator filter).
    administrators: list[tuple[str, str]] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)  # (user pk, username)


def _triage_people():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename=TRIAGE_CODENAME)
            | Q(user_permissions__codename=TRIAGE_CODENAME)
            | Q(is_superuser=True)
        )
    )


def list_choices(user) -> ListChoices:
    """Accounts the user may see (administrators marked), the hub's regions, and the people findings can go to."""
    cache = "_gdh_list_choices"
    if hasattr(user, cache):
        return getattr(user, cache)
    ids = visible_account_ids(user)
    sql, params = _choices_sql(connection.vendor, None if ids is None else tuple(sorted(ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = ListChoices()
    for kind, key, name in rows:
        if kind in ("a", "d"):
            found.accounts.append((key, f"{name} ({key})" if name else key))
        if kind == "d":
            found.administrators.append(found.accounts[-1])
        elif kind == "r":
            found.regions.append(key)
        else:
            found.people.append((str(key), name))
    found.accounts.sort(key=lambda a: a[1].lower())
    found.administrators.sort(key=lambda a: a[1].lower())
    found.regions.sort()
    found.people.sort(key=lambda p: p[1].lower())
    setattr(user, cache, found)
    return found


@lru_cache(maxsize=256)
def _choices_sql(vendor: str, ids: tuple[str, ...] | None) -> tuple[str, tuple]:
    """The UNION's SQL for one account scope, compiled once per process: building and
    compiling three querysets and a UNION took more of the list page than running it."""
    text = CharField()
    accounts = AwsAccount.objects.all()
    if ids is not None:
        accounts = accounts.filter(account_id__in=ids)
    # "d" marks an administrator: the same row serves the Account and Administrator filters.
    kind = Case(
        When(kind=AccountKind.ADMINISTRATOR, then=Value("d")),
        default=Value("a"),
        output_field=text,
    )
    parts = [
        accounts.annotate(k=kind).values_list("k", "account_id", "name"),
        AdministratorRegion.objects.filter(enabled=True)
        .annotate(k=Value("r", output_field=text), n=Value("", output_field=text))
        .values_list("k", "region", "n"),
        # PostgreSQL wants one type per UNION column: the user id as text.
        _triage_people()
        .annotate(k=Value("u", output_field=text), key=Cast("id", output_field=text))
        .values_list("k", "key", "username"),
    ]
    # Models' default orderings are not allowed inside a UNION (SQLite): cleared.
    parts = [part.order_by() for part in parts]
    rows = parts[0].union(parts[1], parts[2])  # UNION also drops duplicate regions
    sql, params = rows.query.get_compiler(connection=connection).as_sql()
    return sql, tuple(params)


def assignable_people():
    """Users a finding may be assigned to (can triage)."""
    return _triage_people().distinct().order_by("username")

"""The AWS accounts the hub knows: adding them (a form, a CSV import). Hub-local writes only.

The accounts' write modules are named by what they act on: administrators.py (onboarding,
regions), operations.py (operation_start, operation_retry, operation_run) running the steps of
steps.py, member_steps.py (member_create, member_invite, member_remove and the other
membership steps), memberships.py (what GuardDuty says about members), invitations.py
(the member side: accept, decline, leave).
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils.translation import ngettext

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.csv_import import AccountRow, RowError, parse_accounts_csv
from guardduty_hub.accounts.models import AccountKind, AwsAccount, JoinMethod

# SQLite allows 32,766 variables per statement; stay well below on every backend.
_IN_CHUNK = 900


@dataclass
class AddResult:
    created: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _already_present(account_ids: list[str]) -> set[str]:
    present: set[str] = set()
    for start in range(0, len(account_ids), _IN_CHUNK):
        chunk = account_ids[start : start + _IN_CHUNK]
        present.update(
            AwsAccount.objects.filter(account_id__in=chunk).values_list("account_id", flat=True)
        )
    return present


def _bulk_insert_accounts(accounts: list[AwsAccount]) -> None:
    """bulk_create's INSERT, without its per-value preparation.

    The ORM prepares each of 12 values of each row (~0.2 ms a row on SQLite), which alone would
    eat the 2 s budget for a 5,000-row file on a busy machine. Only account_id, name and
    root_email differ between the rows (plain strings); every other column is prepared once,
    by Django, from the first instance. Callers hold the transaction.
    """
    varying = {"account_id", "name", "root_email"}
    fields = [f for f in AwsAccount._meta.concrete_fields if not f.primary_key]
    first = accounts[0]
    prepared = {
        f.attname: f.get_db_prep_save(f.pre_save(first, add=True), connection) for f in fields
    }
    qn = connection.ops.quote_name
    # Only quoted identifiers of our own model are interpolated; values go as parameters.
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        qn(AwsAccount._meta.db_table), ", ".join(qn(f.column) for f in fields)
    )
    one_row = "({})".format(", ".join(["%s"] * len(fields)))
    # Multi-row VALUES: one round trip per batch on PostgreSQL, within SQLite's 999 parameters.
    per_batch = min(1000, (connection.features.max_query_params or 65535) // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(accounts), per_batch):
            batch = accounts[start : start + per_batch]
            params = [
                getattr(a, f.attname) if f.attname in varying else prepared[f.attname]
                for a in batch
                for f in fields
            ]
            cursor.execute(head + ", ".join([one_row] * len(batch)), params)


def accounts_add(
    rows: list[AccountRow],
    actor,
    *,
    names: dict[str, str] | None = None,
    joined_via: str = JoinMethod.INVITATION,
    errors: list[RowError] | None = None,
) -> AddResult:
    """Add member accounts to the hub: all of them, or none when there is any error.

    `errors` are problems found earlier (parsing); accounts already in the hub are added to
    them, so the person sees every problem at once. No AWS call: the accounts become GuardDuty
    members when invited (or added) later.
    """
    names = names or {}
    result = AddResult()
    present = _already_present([r.account_id for r in rows])
    result.errors = sorted(
        [
            *(errors or []),
            *(
                RowError(r.line, f"account {r.account_id} is already in the hub.")
                for r in rows
                if r.account_id in present
            ),
        ],
        key=lambda e: e.line,
    )
    if result.errors or not rows:
        return result
    accounts = [
        AwsAccount(
            account_id=r.account_id,
            root_email=r.email,
            name=names.get(r.account_id, ""),
            kind=AccountKind.MEMBER,
            joined_via=joined_via,
        )
        for r in rows
    ]
    try:
        with transaction.atomic():
            _bulk_insert_accounts(accounts)
            audit_record(
                actor,
                "accounts.add",
                ("accounts.awsaccount", "bulk"),
                label=ngettext("%(n)d account", "%(n)d accounts", len(accounts))
                % {"n": len(accounts)},
                count=len(accounts),
                account_ids=[a.account_id for a in accounts[:50]],
            )
    except IntegrityError:
        # Someone added one of these accounts between our check and the insert.
        result.errors = [RowError(0, "Some of these accounts were just added by someone else.")]
        return result
    result.created = [a.account_id for a in accounts]
    return result


def accounts_import_csv(data: bytes | str, actor) -> AddResult:
    """A whole CSV file: every account in it is added, or none and every problem is listed."""
    parsed = parse_accounts_csv(data)
    return accounts_add(parsed.rows, actor, errors=parsed.errors)

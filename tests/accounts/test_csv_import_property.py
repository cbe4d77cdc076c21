"""Property: a random file either imports completely or imports nothing and reports its errors.

Files are built from valid rows, corrupted rows (bad id, bad email, duplicate, already in the
hub, wrong column count) and noise the parser must tolerate (BOM, CRLF, blank lines, spaces,
header). The oracle knows which lines are bad, so it also checks that errors name exactly them.
"""

import string

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardduty_hub.accounts.aws_accounts import accounts_import_csv
from guardduty_hub.accounts.models import AwsAccount

EXISTING = "000011112222"

account_ids = st.text(alphabet=string.digits, min_size=12, max_size=12).filter(
    lambda v: v != EXISTING
)
local_parts = st.text(
    alphabet=string.ascii_letters + string.digits + "._+-", min_size=1, max_size=20
).filter(lambda v: not v.startswith("."))
emails = st.builds(lambda local: f"{local}@example.com", local_parts)
corruptions = st.sampled_from(
    ["short_id", "letter_id", "no_at", "bad_char", "dot_start", "existing", "duplicate", "columns"]
)


@st.composite
def csv_files(draw):
    ids = draw(st.lists(account_ids, min_size=1, max_size=30, unique=True))
    bad_at = draw(st.sets(st.integers(0, len(ids) - 1), max_size=3))
    header = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines, bad_lines = [], set()
    if draw(st.booleans()):
        lines.append("")
    if header:
        lines.append(
            draw(st.sampled_from(["Account ID,Email", "account id , email", "AccountId,Email"]))
        )
    valid: list[tuple[str, str]] = []
    for index, account_id in enumerate(ids):
        email = draw(emails)
        pad = draw(st.sampled_from(["", " ", "  "]))
        if index in bad_at:
            kind = draw(corruptions)
            if kind == "duplicate" and not valid:
                kind = "short_id"
            account_id, email, text = _corrupt(kind, account_id, email, valid)
            lines.append(text)
            bad_lines.add(len(lines))
        else:
            lines.append(f"{pad}{account_id}{pad},{pad}{email}{pad}")
            valid.append((account_id, email))
        if draw(st.integers(0, 9)) == 0:
            lines.append("")
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode(), bad_lines, valid


def _corrupt(kind, account_id, email, valid):
    match kind:
        case "short_id":
            return None, None, f"{account_id[:11]},{email}"
        case "letter_id":
            return None, None, f"{account_id[:11]}x,{email}"
        case "no_at":
            return None, None, f"{account_id},{email.replace('@', '')}"
        case "bad_char":
            return None, None, f"{account_id},a%{email}"
        case "dot_start":
            return None, None, f"{account_id},.{email}"
        case "existing":
            return None, None, f"{EXISTING},{email}"
        case "duplicate":
            return None, None, f"{valid[0][0]},{email}"
        case _:
            return None, None, f"{account_id},{email},third"


@pytest.mark.django_db
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(csv_files())
def test_random_files_import_all_or_nothing(admin_alice, generated):
    data, bad_lines, valid = generated
    with transaction.atomic():
        AwsAccount.objects.create(account_id=EXISTING, root_email="old@example.com")
        before = AwsAccount.objects.count()
        errors = accounts_import_csv(data, admin_alice).errors
        imported = AwsAccount.objects.count() - before
        if bad_lines:
            assert errors
            assert imported == 0
            assert {e.line for e in errors} == bad_lines
        else:
            assert not errors, errors
            assert imported == len(valid)
            stored = dict(
                AwsAccount.objects.exclude(account_id=EXISTING).values_list(
                    "account_id", "root_email"
                )
            )
            assert stored == dict(valid)
        transaction.set_rollback(True)

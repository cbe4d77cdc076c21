"""Counts read as English: "1 region", "2 regions", never "region(s)" (issue 15.10)."""

import io
import re
import tokenize
from pathlib import Path

import pytest
from django.urls import reverse

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.operations import operation_start
from guardduty_hub.configuration.list_files import MAX_REPORTED, txt_problems
from tests.fixtures.membership import REGIONS
from tests.fixtures.sync_world import OTHER_REGION, REGION

ROOT = Path(__file__).resolve().parents[2]
# "finding(s)", not code inside a string ("{pluralize(s)}") nor a name ("_signal(s)").
PLURAL_IN_BRACKETS = re.compile(r"(?<![\w{])[a-z]+\((s|es)\)")


def _python_strings(path: Path):
    for token in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
        if token.type == tokenize.STRING:
            yield token.start[0], token.string


def test_no_word_says_its_plural_in_brackets():
    found = []
    for path in (ROOT / "guardduty_hub").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        found += [
            f"{path}:{n}" for n, text in _python_strings(path) if PLURAL_IN_BRACKETS.search(text)
        ]
    pages = [*ROOT.glob("templates/**/*.html"), *(ROOT / "guardduty_hub").rglob("*.html")]
    # The project's own scripts: its static/ and each app's (not .venv's or collected ones).
    ours = [*ROOT.glob("static/**/*.js"), *(ROOT / "guardduty_hub").glob("**/static/**/*.js")]
    scripts = [p for p in ours if not p.name.endswith(".min.js")]
    for path in pages + scripts:
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            if PLURAL_IN_BRACKETS.search(line):
                found.append(f"{path}:{n}")
    assert found == []


@pytest.mark.parametrize(("extra", "words"), [(1, "1 more bad line."), (2, "2 more bad lines.")])
def test_list_file_problems_count_lines(extra, words):
    body = b"\n".join(b"bad%d" % n for n in range(MAX_REPORTED + extra))
    assert txt_problems(body, "threat")[-1] == f"… and {words}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("region", "words"),
    [
        (REGION, "Sync queued for 1 region. This page follows it until the run finishes."),
        ("", "Sync queued for 2 regions. This page follows it until the runs finish."),
    ],
)
def test_sync_now_counts_regions(client_for, admin_alice, sync_world, region, words):
    assert OTHER_REGION != REGION  # the world has two enabled regions
    response = client_for(admin_alice).post(
        reverse("sync:run"), {"administrator": sync_world.admin.pk, "region": region}, follow=True
    )
    assert words in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("how_many", "words"),
    [(1, "Invite: 1 account, 1 region"), (2, "Invite: 2 accounts, 2 regions")],
)
def test_operation_labels_in_the_audit_log_count(
    client_for, admin_alice, administrator, member_accounts, how_many, words
):
    operation_start(
        admin_alice, "invite", administrator, member_accounts[:how_many], REGIONS[:how_many]
    )
    html = client_for(admin_alice).get(reverse("findings:audit")).content.decode()
    assert words in html


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "words"), [(1, "Added 1 account"), (2, "Added 2 accounts")])
def test_accounts_added_count(client_for, admin_alice, administrator, count, words):
    audit_record(admin_alice, "accounts.add", ("accounts.awsaccount", "bulk"), count=count)
    html = client_for(admin_alice).get(reverse("findings:audit")).content.decode()
    assert words in html

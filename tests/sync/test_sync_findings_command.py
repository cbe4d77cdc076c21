"""`manage.py sync_findings`: the same sync in the foreground, one line per pair."""

import pytest
from django.core.management import CommandError, call_command

from guardduty_hub.findings.models import Finding
from tests.fixtures.sync_world import OTHER_REGION, REGION, recent_window


def run_command(*args) -> list[str]:
    from io import StringIO

    out = StringIO()
    call_command("sync_findings", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_syncs_every_enabled_pair_with_a_line_each(sync_world):
    sync_world.populate(60, region=REGION, **recent_window())
    sync_world.populate(5, region=OTHER_REGION, **recent_window())
    lines = run_command()
    account = sync_world.admin.account_id
    assert len(lines) == 2
    assert lines[0].startswith(f"{account} {OTHER_REGION}: full, 1 pages, 5 fetched, 5 created")
    assert lines[1].startswith(f"{account} {REGION}: full, 2 pages, 60 fetched, 60 created")
    assert Finding.objects.count() == 65
    again = run_command("--administrator", account, "--region", REGION)
    assert again[0].startswith(f"{account} {REGION}: incremental")


def test_full_and_reconcile_options(sync_world):
    sync_world.populate(7, **recent_window())
    run_command("--region", REGION)
    assert "full, 1 pages, 7 fetched, 0 created" in run_command("--region", REGION, "--full")[0]
    assert "archive reconcile" in run_command("--region", REGION, "--reconcile")[0]


def test_failures_are_printed_and_make_the_command_fail(sync_world):
    from guardduty_hub.simulator import controls

    controls.disable_region(sync_world.admin.account_id, OTHER_REGION)
    with pytest.raises(CommandError, match="1 of 2 pairs failed"):
        run_command()


def test_unknown_administrator_is_an_error(sync_world):
    with pytest.raises(CommandError, match="No administrator"):
        run_command("--administrator", "000000000000")

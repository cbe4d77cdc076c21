"""Shared by the benches that run the hub against the simulator in its own HTTP process
(bench/ingest.py, bench/fanout.py, bench/sync.py): the hub set up on a database of its own,
its administrators as bench/sync_world.py's simulated accounts know them, and stopping the
processes a bench starts.
"""

import os
import subprocess
from contextlib import contextmanager

from bench.findings_data import (
    create_database,
    drop_database,
    postgres_server_url,
    production_environment,
)
from bench.sync_world import ADMINS, ROLE


def stop_process(process: subprocess.Popen) -> None:
    """Ask a process the bench started to end; kill it if it has not within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def hub_on_simulator(label: str, **environment: str):
    """The simulator (its own process) and a PostgreSQL database the bench creates; Django set
    up on them as production runs (plus `environment`) and migrated. Yields (simulator process,
    endpoint, database URL); afterwards the simulator is stopped and the database dropped."""
    server_url = postgres_server_url()
    db_name, db_url = create_database(server_url, label)
    from guardduty_hub.simulator.process import start_simulator_process

    simulator, endpoint = start_simulator_process()
    os.environ.update(production_environment(db_url))
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ENDPOINT_URL=endpoint,
        DJANGO_SETTINGS_MODULE="guardduty_hub.settings",
        **environment,
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield simulator, endpoint, db_url
    finally:
        from django.db import connections

        connections.close_all()
        stop_process(simulator)
        drop_database(server_url, db_name)


def hub_administrator(account: str):
    """The hub's row for one of ADMINS: the first is reached with the hub's own credentials,
    the others through ROLE, as the simulator's accounts are set up."""
    from guardduty_hub.accounts.models import AwsAccount

    own = account == ADMINS[0]
    return AwsAccount.objects.create(
        account_id=account,
        kind="administrator",
        uses_hub_credentials=own,
        role_arn="" if own else f"arn:aws:iam::{account}:role/{ROLE}",
    )

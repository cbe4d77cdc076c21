"""A sync world on the simulator over HTTP, for tests that run the sync in other processes.

Those processes must reach the same database, so these tests need PostgreSQL (pytest-django's
SQLite test database lives in memory, inside the test process).
"""

import os
import subprocess
import sys
from dataclasses import dataclass

import requests
from django.db import connection

from guardduty_hub.accounts.models import AwsAccount
from tests.fixtures.services import need
from tests.fixtures.simulator import ADMIN_ACCOUNT, REPO_ROOT, Simulator
from tests.fixtures.sync_world import REGION, hub_administrator, recent_window


def need_shared_database() -> None:
    need(
        connection.vendor == "postgresql",
        "needs PostgreSQL (DATABASE_URL): other processes cannot open the in-memory SQLite test db",
    )


def need_redis(url: str) -> None:
    import redis

    try:
        ok = redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        ok = False
    need(ok, f"Redis is not reachable at {url}")


def database_url() -> str:
    s = connection.settings_dict
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    auth = s.get("USER") or "postgres"
    if s.get("PASSWORD"):
        auth += ":" + s["PASSWORD"]
    return f"postgres://{auth}@{host}:{port}/{s['NAME']}"


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment (fake AWS credentials, simulator endpoints) plus the test db."""
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url(), DEBUG="true", DB_CONN_MAX_AGE="0", **extra)
    return env


def manage(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, **kwargs)


@dataclass
class HttpWorld:
    sim: Simulator
    admin: AwsAccount
    detector: str

    def load(self, count: int, seed: int = 0, days: int = 90) -> list[str]:
        """Generate findings here, load them into the server over its control API."""
        from guardduty_hub.simulator.findings.convert import to_wire
        from guardduty_hub.simulator.findings.generate import generate_findings

        found = generate_findings(
            ADMIN_ACCOUNT, REGION, self.detector, count, seed, **recent_window(days)
        )
        # The wire shape is plain JSON (boto3's shape holds datetimes for timestamp members).
        wire = [to_wire(f) for f in found]
        answer = requests.post(
            self.sim.control_url("findings"),
            json={"accountId": ADMIN_ACCOUNT, "region": REGION, "findings": wire},
            timeout=60,
        )
        answer.raise_for_status()
        return [f["Id"] for f in found]


def make_http_world(sim: Simulator, regions=(REGION,)) -> HttpWorld:
    admin, detectors = hub_administrator(sim, regions)
    return HttpWorld(sim, admin, detectors[REGION])

"""Shared by the benches that request the hub's pages through Django's full stack (test client,
DEBUG off): bench/list_page.py, bench/dashboard.py, bench/indicators.py. Signed-in clients,
and a page's server time, SQL time and query count over repeated requests.
"""

import time

from bench.findings_data import percentile


class SqlTimer:
    """execute_wrapper: total SQL time and number of queries since the last reset."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def reset(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def bench_user(username: str, role: str, accounts=()):
    """The user `username` in the group of `role`, scoped to `accounts` (account ids) if any;
    made on the first run, found again on a kept database."""
    from django.contrib.auth.models import Group, User

    from guardduty_hub.accounts.models import AccountScope, AwsAccount

    user, _ = User.objects.get_or_create(username=username)
    user.groups.add(Group.objects.get(name=role))
    for account in AwsAccount.objects.filter(account_id__in=accounts):
        AccountScope.objects.get_or_create(user=user, account=account)
    return user


def signed_in(user):
    """A test client signed in as `user`."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def measure(client, timer, url: str, repeat: int, *, warm: int = 3, recount: bool = False) -> dict:
    """Server time, SQL time and queries of `url`, after `warm` requests that warm the caches
    (ours, PostgreSQL's) as a busy server has them. `recount`: forget remembered totals before
    each request (pagination.OVER_CAP_SECONDS), as the first visitor of a list has them."""
    from django.core.cache import cache

    for _ in range(warm):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    server, sql, overhead, queries = [], [], [], []
    for _ in range(repeat):
        if recount:
            cache.clear()
        timer.reset()
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        server.append(elapsed * 1000)
        sql.append(timer.seconds * 1000)
        overhead.append((elapsed - timer.seconds) * 1000)
        queries.append(timer.queries)
    return {
        "p50_ms": round(percentile(server, 0.5), 1),
        "p95_ms": round(percentile(server, 0.95), 1),
        "sql_p50_ms": round(percentile(sql, 0.5), 1),
        "sql_p95_ms": round(percentile(sql, 0.95), 1),
        "overhead_p95_ms": round(percentile(overhead, 0.95), 1),
        "queries": max(queries),
        "bytes": len(response.content),
    }


def highest(results: dict, figure: str) -> tuple:
    """(name, figures) of the page whose `figure` is highest: the one a metric reports."""
    return max(results.items(), key=lambda kv: kv[1][figure])

"""Dashboard benchmark: one JSON object per line, {"metric", "value", "target", "better"}.

    .venv/bin/python bench/dashboard.py [--rows 1000000] [--repeat 20] [--keep | --database NAME]

1,000,000 generated findings are COPYed into a PostgreSQL database the bench creates and drops
(bench/findings_data.py, as bench/list_page.py; server from DATABASE_URL when it is PostgreSQL,
else postgresql://postgres@127.0.0.1:5432), every migration applied, DEBUG off. The landing page
(`/`, 30- and 90-day chart) is requested `--repeat` times through Django's full stack, signed in
as an Admin (no account scope: every finding counts). Nothing is cached: every number is read
on every request from the counts the writes keep (findings/rollups.py; the COPY of the
generated rows fires the same triggers as the sync). Per view: server time p50/p95, the time of
the SQL it issued, and its query count; a user scoped to one account is shown for scale (no
target).

Metrics: dashboard_uncached_p95_ms (worst view's p95, target 100), dashboard_queries (most
queries of any view, target 15: the query budget of tests/dashboard).
"""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import findings_data, pages  # noqa: E402

VIEWS = {"30_days": "/", "90_days": "/?days=90"}
FIGURES = ("p50_ms", "p95_ms", "sql_p50_ms", "sql_p95_ms", "queries")
QUERY_BUDGET = 15  # tests/dashboard/test_dashboard_query_budget.py


def measure(client, timer, url: str, repeat: int) -> dict:
    """The figures the dashboard prints: the list's, less its overhead and page size."""
    figures = pages.measure(client, timer, url, repeat, warm=2)
    return {key: figures[key] for key in FIGURES}


def run(args) -> None:
    from django.db import connection

    from guardduty_hub.core import roles

    rows = findings_data.findings_ready(args.rows)

    client = pages.signed_in(pages.bench_user("bench-admin", roles.ADMIN))
    scoped = pages.bench_user("bench-scoped-analyst", roles.ANALYST, findings_data.ACCOUNTS[:1])
    scoped_client = pages.signed_in(scoped)

    timer = pages.SqlTimer()
    results = {}
    with connection.execute_wrapper(timer):
        for name, url in VIEWS.items():
            results[name] = figures = measure(client, timer, url, args.repeat)
            findings_data.note(f"dashboard {name}", url=url, **figures)
        findings_data.note(
            "dashboard 30_days, one account in scope (no target)",
            **measure(scoped_client, timer, "/", max(5, args.repeat // 4)),
        )

    worst = pages.highest(results, "p95_ms")
    most_queries = pages.highest(results, "queries")
    findings_data.emit(
        "dashboard_uncached_p95_ms",
        worst[1]["p95_ms"],
        100,
        "lower",
        view=worst[0],
        sql_p95_ms=worst[1]["sql_p95_ms"],
        rows=rows,
        repeat=args.repeat,
    )
    findings_data.emit(
        "dashboard_queries",
        most_queries[1]["queries"],
        QUERY_BUDGET,
        "lower",
        view=most_queries[0],
    )


def main() -> None:
    findings_data.run_on_generated_findings("dashboard", __doc__.split("\n\n")[0], run, repeat=20)


if __name__ == "__main__":
    main()

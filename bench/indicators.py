"""Indicator page benchmark: one JSON object per line, {"metric", "value", "target", "better"}.

    .venv/bin/python bench/indicators.py [--rows 1000000] [--repeat 40] [--keep | --database NAME]

1,000,000 generated findings (bench/findings_data.py, COPY) get indicators and links written in
bulk by SQL, spread as real ones are: every finding names a remote IP from a pool of 200,000 with
a heavy head (the busiest scanner IP is in about 17,000 findings), findings about keys name their
access key and principal (pools of 30,000, skewed), instances their own instance, buckets and
clusters one of a few thousand and a few hundred, one finding in five a domain. Then, through
Django's full stack (test client, DEBUG off) `--repeat` times each: the pages of the busiest IP
(first page and 20 pages deep), a middling and a rare IP, the busiest access key, a principal, an
instance, a bucket, a cluster and a domain, signed in as an Admin (every account) and as an
Analyst scoped to three accounts. A finding page naming the busiest IP (its related findings) is
measured too, for scale.

Metric: indicator_page_p95_ms (worst p95 of any indicator page, target 50). Per page: p50/p95,
SQL time, query count and how many findings it names.
"""

import gc
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import findings_data  # noqa: E402
from bench.pages import SqlTimer, bench_user, highest, measure, signed_in  # noqa: E402

IP_POOL = 200_000
KEY_POOL = 30_000
BUCKET_POOL = 5_000
CLUSTER_POOL = 500
DOMAIN_POOL = 20_000
DEEP_PAGES = 20

# SQL value of pool member n, per kind (the same expression fills the pool and the links).
VALUES = {
    "ip": "'10.' || (n >> 16) || '.' || ((n >> 8) & 255) || '.' || (n & 255)",
    "access_key": "'AKIABENCH' || lpad(n::text, 11, '0')",
    "principal": "'AIDABENCH' || lpad(n::text, 11, '0')",
    "bucket": "'bench-bucket-' || n",
    "eks_cluster": "'arn:aws:eks:us-east-1:123456789012:cluster/bench-' || n",
    "domain": "'host' || n || '.bench.example'",
}
POOLS = {
    "ip": IP_POOL,
    "access_key": KEY_POOL,
    "principal": KEY_POOL,
    "bucket": BUCKET_POOL,
    "eks_cluster": CLUSTER_POOL,
    "domain": DOMAIN_POOL,
}
# Which findings name which kind, and how skewed the pick is (random() ** skew: higher, busier
# head).
LINKS = (
    ("ip", "true", 3),
    ("access_key", "f.resource_type = 'AccessKey'", 2),
    ("principal", "f.resource_type = 'AccessKey'", 2),
    ("bucket", "f.resource_type = 'S3Bucket'", 2),
    ("eks_cluster", "f.resource_type = 'EKSCluster'", 1),
    ("domain", "f.action_type = 'DNS_REQUEST' OR f.id %% 5 = 0", 2),
)


def indicators_ready() -> int:
    """Generate the indicators and links unless a kept database has them; how many links."""
    from django.db import connection

    from guardduty_hub.investigations.models import FindingIndicator

    existing = FindingIndicator.objects.count()
    if existing:
        findings_data.note(f"reusing {existing:,} links in the kept database")
        return existing
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.17)")
        for kind, value in VALUES.items():
            cursor.execute(
                "INSERT INTO investigations_indicator (kind, value, label, asn, org, country, city)"
                f" SELECT %s, {value}, '', CASE WHEN %s = 'ip' THEN (64500 + n %% 500)::text"
                " ELSE '' END, CASE WHEN %s = 'ip' THEN 'Network ' || n %% 500 ELSE '' END,"
                " '', '' FROM generate_series(0, %s) AS n",
                [kind, kind, kind, POOLS[kind] - 1],
            )
        cursor.execute(
            "INSERT INTO investigations_indicator (kind, value, label, asn, org, country, city)"
            " SELECT DISTINCT 'instance', resource_id, '', '', '', '', '' FROM findings_finding"
            " WHERE resource_type = 'Instance'"
        )
        # The usual bulk load: the secondary index built once afterwards.
        cursor.execute("DROP INDEX investigations_link_recent")
        for kind, where, skew in LINKS:
            cursor.execute(
                "INSERT INTO investigations_findingindicator"
                " (finding_id, indicator_id, account_id, region, first_seen_at, last_seen_at)"
                " SELECT f.id, i.id, f.account_id, f.region, f.first_seen_at, f.last_seen_at"
                " FROM (SELECT f.*, floor(%s * power(random(), %s))::int AS n"
                f" FROM findings_finding f WHERE {where}) AS f"
                f" JOIN investigations_indicator i ON i.kind = %s AND i.value = {VALUES[kind]}",
                [POOLS[kind], skew, kind],
            )
        cursor.execute(
            "INSERT INTO investigations_findingindicator"
            " (finding_id, indicator_id, account_id, region, first_seen_at, last_seen_at)"
            " SELECT f.id, i.id, f.account_id, f.region, f.first_seen_at, f.last_seen_at"
            " FROM findings_finding f JOIN investigations_indicator i"
            " ON i.kind = 'instance' AND i.value = f.resource_id"
            " WHERE f.resource_type = 'Instance'"
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX investigations_link_recent ON investigations_findingindicator"
            " (indicator_id, last_seen_at DESC, finding_id DESC)"
            " INCLUDE (account_id, region, first_seen_at)"
        )
        cursor.execute("VACUUM ANALYZE investigations_indicator")
        cursor.execute("VACUUM ANALYZE investigations_findingindicator")
    links = FindingIndicator.objects.count()
    findings_data.note(f"generated {links:,} links in {time.perf_counter() - started:.0f} s")
    return links


def by_rank(kind: str, rank: int):
    """The indicator of `kind` named by the rank-th most findings (0: the busiest)."""
    from django.db.models import Count

    from guardduty_hub.investigations.models import Indicator

    ranked = (
        Indicator.objects.filter(kind=kind)
        .annotate(n=Count("finding_links"))
        .filter(n__gt=0)
        .order_by("-n", "id")
    )
    return ranked[min(rank, ranked.count() - 1)]


def indicators_to_measure() -> dict:
    return {
        "busiest_ip": by_rank("ip", 0),
        "middling_ip": by_rank("ip", 1_000),
        "rare_ip": by_rank("ip", 10**9),
        "busiest_access_key": by_rank("access_key", 0),
        "principal": by_rank("principal", 100),
        "instance": by_rank("instance", 1_000),
        "bucket": by_rank("bucket", 0),
        "eks_cluster": by_rank("eks_cluster", 0),
        "domain": by_rank("domain", 0),
    }


def deep_url(user, indicator) -> str:
    """The page DEEP_PAGES older than the first, as following "Older findings" reaches it."""
    from guardduty_hub.investigations.selectors import indicator_findings

    cursor = None
    for _ in range(DEEP_PAGES):
        _, following = indicator_findings(user, indicator, cursor)
        if following is None:
            break
        cursor = following
    url = indicator.get_absolute_url()
    return f"{url}?{urlencode({'after': cursor.encode()})}" if cursor else url


def run(args) -> None:
    from django.db import connection

    from guardduty_hub.core import roles
    from guardduty_hub.investigations.models import FindingIndicator
    from guardduty_hub.investigations.selectors import indicator_timeline

    rows = findings_data.findings_ready(args.rows)
    links = indicators_ready()
    admin = bench_user("bench-admin", roles.ADMIN)
    scoped = bench_user("bench-scoped", roles.ANALYST, findings_data.ACCOUNTS[:3])
    indicators = indicators_to_measure()
    totals = {
        name: sum(r["findings"] for r in indicator_timeline(admin, indicator))
        for name, indicator in indicators.items()
    }
    urls = {name: indicator.get_absolute_url() for name, indicator in indicators.items()}
    urls["busiest_ip_deep"] = deep_url(admin, indicators["busiest_ip"])
    totals["busiest_ip_deep"] = totals["busiest_ip"]
    clients = {"admin": signed_in(admin), "scoped": signed_in(scoped)}
    gc.collect()
    gc.freeze()
    timer = SqlTimer()
    results = {}
    with connection.execute_wrapper(timer):
        for who, client in clients.items():
            for name, url in urls.items():
                if client.get(url).status_code == 404:  # in none of the scoped accounts
                    findings_data.note(f"{name} as {who}: not visible", url=url)
                    continue
                figures = measure(client, timer, url, args.repeat)
                results[(who, name)] = figures
                findings_data.note(
                    f"{name} as {who}", url=url, findings_all_accounts=totals[name], **figures
                )
        finding = (
            FindingIndicator.objects.filter(indicator=indicators["busiest_ip"])
            .values_list("finding_id", flat=True)
            .first()
        )
        detail = measure(clients["admin"], timer, f"/findings/{finding}/", args.repeat)
        findings_data.note(
            "finding page naming the busiest IP, related findings included (no target)", **detail
        )
    worst = highest(results, "p95_ms")
    findings_data.emit(
        "indicator_page_p95_ms",
        worst[1]["p95_ms"],
        50,
        "lower",
        page=" as ".join(reversed(worst[0])),
        queries=max(r["queries"] for r in results.values()),
        rows=rows,
        links=links,
        repeat=args.repeat,
    )


def main() -> None:
    findings_data.run_on_generated_findings("indicators", __doc__.split("\n\n")[0], run, repeat=40)


if __name__ == "__main__":
    main()

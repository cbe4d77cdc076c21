"""Shared by bench/list_page.py and bench/load.py: a throwaway PostgreSQL database, and a
million plausible findings written into it with COPY (minutes, not hours).

Rows are generated straight into COPY's text format (no ORM, no mapper): the list benchmarks
measure reading, so what matters is realistic spread (accounts, regions, types, severities,
times, archived share) and a realistic table and index size, not realistic raw JSON.
"""

import io
import json
import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

RARE_WORD = "quetzalcoatlus"  # in RARE_ROWS descriptions only: the free-text view's needle
RARE_ROWS = 40
ADMIN_ACCOUNT = "123456789012"
ACCOUNTS = [f"{100000000000 + n * 7919:012d}" for n in range(60)]
REGIONS = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-central-1", "eu-north-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
    "ap-south-1", "ca-central-1", "sa-east-1", "me-south-1",
]  # fmt: skip
TYPES = [
    ("UnauthorizedAccess:EC2/SSHBruteForce", "Instance", 5.0),
    ("UnauthorizedAccess:EC2/RDPBruteForce", "Instance", 5.0),
    ("UnauthorizedAccess:EC2/TorClient", "Instance", 8.0),
    ("UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", "AccessKey", 5.0),
    ("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "AccessKey", 8.0),
    ("UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom", "AccessKey", 5.0),
    ("UnauthorizedAccess:S3/TorIPCaller", "S3Bucket", 5.0),
    ("Recon:EC2/PortProbeUnprotectedPort", "Instance", 2.0),
    ("Recon:EC2/Portscan", "Instance", 5.0),
    ("Recon:IAMUser/MaliciousIPCaller", "AccessKey", 5.0),
    ("Backdoor:EC2/C&CActivity.B!DNS", "Instance", 8.0),
    ("Backdoor:EC2/DenialOfService.Tcp", "Instance", 8.0),
    ("CryptoCurrency:EC2/BitcoinTool.B!DNS", "Instance", 8.0),
    ("CryptoCurrency:Runtime/BitcoinTool.B", "EKSCluster", 8.0),
    ("Trojan:EC2/DNSDataExfiltration", "Instance", 8.0),
    ("Trojan:EC2/BlackholeTraffic", "Instance", 5.0),
    ("Policy:IAMUser/RootCredentialUsage", "AccessKey", 2.0),
    ("Policy:S3/BucketBlockPublicAccessDisabled", "S3Bucket", 2.0),
    ("Policy:Kubernetes/AdminAccessToDefaultServiceAccount", "EKSCluster", 2.0),
    ("Discovery:S3/MaliciousIPCaller", "S3Bucket", 5.0),
    ("Discovery:Kubernetes/SuccessfulAnonymousAccess", "EKSCluster", 5.0),
    ("Exfiltration:S3/AnomalousBehavior", "S3Bucket", 8.0),
    ("Impact:EC2/WinRMBruteForce", "Instance", 8.0),
    ("Impact:S3/MaliciousIPCaller", "S3Bucket", 8.0),
    ("PrivilegeEscalation:Runtime/DockerSocketAccessed", "EKSCluster", 8.0),
    ("Execution:Runtime/NewBinaryExecuted", "EKSCluster", 5.0),
    ("Persistence:IAMUser/AnomalousBehavior", "AccessKey", 5.0),
    ("DefenseEvasion:EC2/UnusualDoHActivity", "Instance", 5.0),
    ("CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin", "RDSDBInstance", 9.0),
    ("Execution:Lambda/MaliciousIPCaller", "Lambda", 5.0),
    ("AttackSequence:IAM/CompromisedCredentials", "AccessKey", 9.5),
]
WORDS = [
    "instance",
    "probe",
    "port",
    "unusual",
    "remote",
    "address",
    "api",
    "call",
    "denied",
    "network",
    "traffic",
    "bucket",
    "credential",
    "console",
    "login",
    "anomalous",
    "behaviour",
    "observed",
    "resource",
    "known",
    "malicious",
    "host",
    "domain",
    "query",
    "outbound",
    "connection",
    "attempt",
    "principal",
    "role",
    "session",
    "key",
    "cluster",
    "pod",
    "container",
    "process",
    "binary",
    "executed",
    "database",
    "lambda",
    "function",
    "invoked",
]
ACTIONS = ("NETWORK_CONNECTION", "AWS_API_CALL", "DNS_REQUEST", "PORT_PROBE", "KUBERNETES_API_CALL")


def emit(metric: str, value, target, better: str, **extra) -> None:
    line = {"metric": metric, "value": value, "target": target, "better": better, **extra}
    print(json.dumps(line), flush=True)


def note(text: str, **extra) -> None:
    print(json.dumps({"note": text, **extra}), flush=True)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank value at `fraction` (0.5, 0.95, 0.99) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- database ---------------------------------------------------------------------------------


def postgres_server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgresql://postgres@127.0.0.1:5432/postgres"
    return url


def create_database(server_url: str, label: str) -> tuple[str, str]:
    import psycopg2

    name = f"gdh_bench_{label}_{uuid.uuid4().hex[:8]}"
    conn = psycopg2.connect(server_url, connect_timeout=5)
    conn.autocommit = True
    conn.cursor().execute(f'CREATE DATABASE "{name}"')
    conn.close()
    base = server_url.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def existing_database(server_url: str, name: str) -> tuple[str, str]:
    """(name, URL) of a database an earlier run kept (`--keep`), for `--database NAME`."""
    if not name.startswith("gdh_bench_"):
        raise SystemExit(f"--database takes a database a bench kept (gdh_bench_...), not {name}")
    return name, f"{server_url.rsplit('/', 1)[0]}/{name}"


def findings_loaded() -> int:
    """How many findings a reused database already holds (0: generate them)."""
    from guardduty_hub.findings.models import Finding

    return Finding.objects.count()


def drop_database(server_url: str, name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(server_url, connect_timeout=5)
    conn.autocommit = True
    conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def production_environment(db_url: str) -> dict[str, str]:
    """DEBUG off, as production runs, on plain HTTP on this machine."""
    return {
        "DATABASE_URL": db_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "600",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }


# --- rows -------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _ts(moment: datetime) -> str:
    return moment.isoformat()


def _severity(rng: random.Random, base: float) -> float:
    # Mostly the type's usual severity, sometimes one band away (GuardDuty varies it).
    roll = rng.random()
    if roll < 0.08:
        return min(base + 2.0, 9.9)
    if roll < 0.16:
        return max(base - 2.0, 1.0)
    return base + round(rng.random() * 0.9, 1)


def _band(severity: float) -> int:
    return 4 if severity >= 9 else 3 if severity >= 7 else 2 if severity >= 4 else 1


COLUMNS = (
    "account_id", "api_region", "guardduty_id", "arn", "region", "partition", "administrator_id",
    "detector_id", "type", "threat_purpose", "resource_type_affected", "threat_family",
    "severity", "severity_band", "title", "description", "resource_type", "resource_id",
    "action_type", "created_at", "updated_at", "first_seen_at", "last_seen_at", "count",
    "archived", "feedback", "is_sample", "raw", "status", "first_synced_at",
    "last_seen_in_guardduty_at",
)  # fmt: skip


def finding_rows(count: int, administrator_id: int, now: datetime, seed: int = 7):
    """COPY text lines, one finding each, spread over the last 90 days."""
    rng = random.Random(seed)
    rare = set(rng.sample(range(count), min(RARE_ROWS, count)))
    account_weights = [1 / (n + 1) ** 0.8 for n in range(len(ACCOUNTS))]
    region_weights = [1 / (n + 1) for n in range(len(REGIONS))]
    type_weights = [1 / (n % 11 + 1) for n in range(len(TYPES))]
    detector = "d" * 32
    for i in range(count):
        account = rng.choices(ACCOUNTS, account_weights)[0]
        region = rng.choices(REGIONS, region_weights)[0]
        kind, resource_type, base = rng.choices(TYPES, type_weights)[0]
        purpose, rest = kind.split(":", 1)
        affected, family = rest.split("/", 1)
        severity = _severity(rng, base)
        finding_id = f"{i:08x}{rng.getrandbits(96):024x}"
        first = now - timedelta(seconds=rng.randrange(90 * 86400))
        last = first + timedelta(seconds=rng.randrange(max(1, int((now - first).total_seconds()))))
        words = " ".join(rng.choices(WORDS, k=12))
        if i in rare:
            words += f" {RARE_WORD}"
        resource_id = f"i-{rng.getrandbits(64):017x}" if resource_type == "Instance" else (
            f"AKIA{rng.getrandbits(64):016X}" if resource_type == "AccessKey" else
            f"{resource_type.lower()}-{rng.getrandbits(32):08x}"
        )  # fmt: skip
        title = f"{family.split('.')[0]} activity on {resource_type} {resource_id}"
        raw = {
            "Id": finding_id,
            "AccountId": account,
            "Region": region,
            "Type": kind,
            "Severity": severity,
            "Title": title,
            "Resource": {"ResourceType": resource_type},
        }
        archived = rng.random() < 0.25
        cells = (
            account, region, finding_id,
            f"arn:aws:guardduty:{region}:{account}:detector/{detector}/finding/{finding_id}",
            region, "aws", str(administrator_id), detector, kind, purpose, affected, family,
            f"{severity:.1f}", str(_band(severity)), title, f"{title}: {words}.", resource_type,
            resource_id, rng.choice(ACTIONS), _ts(first), _ts(last), _ts(first), _ts(last),
            str(1 + int(rng.expovariate(0.3))), "t" if archived else "f", "",
            "t" if rng.random() < 0.01 else "f", json.dumps(raw), "new", _ts(first), _ts(now),
        )  # fmt: skip
        yield "\t".join(_escape(c) for c in cells) + "\n"


def copy_findings(count: int, chunk: int = 100_000) -> float:
    """Generate and COPY `count` findings (plus the administrator and account rows); seconds."""
    from django.db import connection, transaction

    from guardduty_hub.accounts.models import AccountKind, AwsAccount

    started = time.perf_counter()
    admin = AwsAccount.objects.create(
        account_id=ADMIN_ACCOUNT, name="Security", kind=AccountKind.ADMINISTRATOR,
        uses_hub_credentials=True,
    )  # fmt: skip
    AwsAccount.objects.bulk_create(
        AwsAccount(account_id=a, name=f"Workload {n:02d}", root_email=f"root+{n}@example.com")
        for n, a in enumerate(ACCOUNTS)
    )
    now = datetime.now(UTC)
    rows = finding_rows(count, admin.pk, now)
    # The usual bulk load: indexes off, COPY, indexes rebuilt in one pass each. Maintaining
    # the trigram (GIN) indexes row by row would make the load take an hour.
    indexes = _drop_secondary_indexes()
    with transaction.atomic(), connection.cursor() as cursor:
        done = 0
        while done < count:
            buffer = io.StringIO()
            for _ in range(min(chunk, count - done)):
                buffer.write(next(rows))
            buffer.seek(0)
            cursor.copy_expert(f"COPY findings_finding ({', '.join(COLUMNS)}) FROM STDIN", buffer)
            done += min(chunk, count - done)
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in indexes:
            cursor.execute(definition)
        cursor.execute("VACUUM ANALYZE findings_finding")
    return time.perf_counter() - started


def _drop_secondary_indexes() -> list[str]:
    """Drop findings_finding's indexes other than the primary key and the unique constraint;
    returns their CREATE INDEX statements (as PostgreSQL reports them) to run afterwards."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = 'findings_finding' AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def run_on_generated_findings(
    kind: str,
    description: str,
    run,
    *,
    repeat: int | None = None,
    add_arguments=None,
    environment: dict[str, str] | None = None,
) -> None:
    """The command line of a bench over generated findings in a PostgreSQL database.

    `--rows` findings are generated into a database the bench creates (and drops, unless
    `--keep`), or `--database NAME` reuses one kept earlier; Django is set up for production
    on it (plus `environment`) and `run(args)` measures. `add_arguments(parser)` adds the
    bench's own options.
    """
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--rows", type=int, default=1_000_000)
    if repeat is not None:
        parser.add_argument("--repeat", type=int, default=repeat)
    if add_arguments is not None:
        add_arguments(parser)
    parser.add_argument(
        "--keep", action="store_true", help="leave the database behind (its name is printed)"
    )
    parser.add_argument(
        "--database",
        metavar="NAME",
        help="measure again on a database an earlier --keep left (migrations applied, rows"
        " kept), without the minutes of generating the rows",
    )
    args = parser.parse_args()

    server_url = postgres_server_url()
    if args.database:
        db_name, db_url = existing_database(server_url, args.database)
        args.keep = True
    else:
        db_name, db_url = create_database(server_url, kind)
    static_root = tempfile.TemporaryDirectory(prefix="gdh-bench-static-")
    os.environ.update(production_environment(db_url))
    os.environ["STATIC_ROOT"] = static_root.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guardduty_hub.settings")
    os.environ.update(environment or {})
    try:
        import django

        django.setup()
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            note(f"kept database {db_name}", url=db_url)
        else:
            drop_database(server_url, db_name)
        static_root.cleanup()


def findings_ready(rows: int) -> int:
    """Migrate, generate `rows` findings unless a kept database holds some, collect static;
    returns how many findings the database holds."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loaded = findings_loaded()
    if loaded:
        note(f"reusing {loaded:,} findings in the kept database")
    else:
        seconds = copy_findings(rows)
        note(f"generated and copied {rows:,} findings in {seconds:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)
    return loaded or rows

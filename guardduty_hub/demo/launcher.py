"""Run the whole product locally: simulator, migrations, demo data, worker, beat, web server.

Order matters: the simulator comes first (setup steps and the worker call GuardDuty through it),
then the database and demo data, then the worker and beat, and the web server last, so the URL
is printed only once everything behind it answers.
"""

import argparse
import importlib.util
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

from guardduty_hub.celery import app
from guardduty_hub.demo.processes import Child, Supervisor, port_is_free, wait_for_port
from guardduty_hub.demo.users import DEMO_PASSWORD, DEMO_USERS
from guardduty_hub.simulator.server import add_activity_option

HOST = "127.0.0.1"
SIMULATOR_MODULE = "guardduty_hub.simulator"


class Stop(Exception):
    """Raised from the signal handler to leave the supervision loop."""


def say(message: str) -> None:
    print(f"[demo] {message}", flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m guardduty_hub.demo",
        description="Run GuardDuty Hub with its simulator on this machine (Ctrl-C stops it).",
    )
    parser.add_argument("--port", type=int, default=8000, help="web server port (8000)")
    parser.add_argument("--simulator-port", type=int, default=5000, help="simulator port (5000)")
    parser.add_argument("--world", default="demo", help="simulator world to load (demo)")
    add_activity_option(parser, default=60)
    return parser.parse_args(argv)


def demo_environment(simulator_url: str) -> dict[str, str]:
    """The environment of the launcher and every child.

    The AWS variables are forced, not defaulted: the demo must never reach real AWS with the
    credentials of whoever runs it. Database and broker keep any explicit choice.
    """
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("AWS_"):
            del env[name]
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "guardduty_hub.settings",
            "DEBUG": "true",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PYTHONUNBUFFERED": "1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_ENDPOINT_URL": simulator_url,
            "AWS_ENDPOINT_URL_GUARDDUTY": simulator_url,
            "AWS_ENDPOINT_URL_STS": simulator_url,
        }
    )
    env.setdefault("CELERY_BROKER_URL", "filesystem://")
    # Everything runs on this machine: a webhook receiver tried with the demo is local too.
    env.setdefault("NOTIFICATIONS_ALLOW_PRIVATE_ADDRESSES", "true")
    return env


def simulator_available() -> bool:
    return importlib.util.find_spec(f"{SIMULATOR_MODULE}.__main__") is not None


def start_simulator(sup: Supervisor, args, log_dir: Path) -> str | None:
    url = f"http://{HOST}:{args.simulator_port}"
    if not simulator_available():
        say(f"the GuardDuty simulator has no server entry point yet ({SIMULATOR_MODULE}.__main__);")
        say("starting without it: pages that call GuardDuty will show errors.")
        return None
    argv = [sys.executable, "-m", SIMULATOR_MODULE, "--port", str(args.simulator_port)]
    argv += ["--world", args.world, "--activity", str(args.activity)]
    child = sup.start(Child("simulator", argv, log_dir / "simulator.log"))
    if not wait_for_port(HOST, args.simulator_port, child, timeout=60):
        raise SystemExit(_failure(child, "the simulator did not start"))
    say(f"simulator listening on {url}")
    return url


def prepare_database(simulator_url: str | None) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    say("migrating the database ...")
    call_command("migrate", interactive=False, verbosity=0)

    # Imported once Django is set up: the steps load the hub's models.
    from guardduty_hub.demo.steps import DemoContext, run_steps

    run_steps(DemoContext(simulator_url=simulator_url, say=say))


def worker_queues() -> str:
    from django.conf import settings

    queues = {settings.CELERY_TASK_DEFAULT_QUEUE}
    queues.update(route["queue"] for route in settings.CELERY_TASK_ROUTES.values())
    return ",".join(sorted(queues))


def start_background(sup: Supervisor, var_dir: Path, log_dir: Path) -> None:
    celery = [sys.executable, "-m", "celery", "-A", "guardduty_hub"]
    # Solo pool: one task at a time keeps SQLite writers few. Mingle and gossip use broadcast
    # messages, which a single worker on the filesystem transport does not need.
    worker = [*celery, "worker", "-l", "INFO", "-n", "demo@%h", "--pool", "solo"]
    worker += ["-Q", worker_queues(), "--without-mingle", "--without-gossip"]
    sup.start(Child("worker", worker, log_dir / "worker.log"))
    schedule = var_dir / "celery" / "beat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    sup.start(
        Child("beat", [*celery, "beat", "-l", "INFO", "-s", str(schedule)], log_dir / "beat.log")
    )
    if queue_url := os.environ.get("INGEST_QUEUE_URL"):
        # Set by the events step: the web server's Sync page and the consumer both read it.
        sup.env["INGEST_QUEUE_URL"] = queue_url
        consumer = [sys.executable, "-m", "django", "consume_findings"]
        sup.start(Child("consumer", consumer, log_dir / "consumer.log"))
    # Beat's first tick is one interval away: sync and refresh once now, so the dashboard fills
    # while the person signs in.
    for task in ("guardduty_hub.sync.sync_all", "guardduty_hub.accounts.memberships_refresh_all"):
        app.send_task(task)


def start_web(sup: Supervisor, port: int, log_dir: Path) -> str:
    argv = [sys.executable, "-m", "django", "runserver", f"{HOST}:{port}", "--noreload"]
    child = sup.start(Child("web", argv, log_dir / "web.log"))
    url = f"http://{HOST}:{port}/"
    if not wait_for_port(HOST, port, child, timeout=60) or not _healthy(url):
        raise SystemExit(_failure(child, "the web server did not start"))
    return url


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "healthz", timeout=10) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def _failure(child: Child, what: str) -> str:
    return f"[demo] {what}; last lines of {child.log_path}:\n{child.log_tail()}"


def print_banner(url: str, log_dir: Path) -> None:
    print("", flush=True)
    say(f"GuardDuty Hub is running: {url}")
    say("sign in with any of these (password for all: " + DEMO_PASSWORD + "):")
    for user in DEMO_USERS:
        say(f"    {user.username:<10} {user.role}")
    say(f"logs: {log_dir}/  ·  press Ctrl-C to stop")


def _raise_stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for port, what in ((args.port, "web"), (args.simulator_port, "simulator")):
        if not port_is_free(HOST, port):
            say(f"port {port} ({what}) is in use: is another demo running? Choose another port")
            say("with --port / --simulator-port.")
            return 2

    os.environ.update(demo_environment(f"http://{HOST}:{args.simulator_port}"))
    from django.conf import settings

    var_dir = Path(settings.VAR_DIR)
    log_dir = var_dir / "demo-logs"
    sup = Supervisor(dict(os.environ))
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    try:
        simulator_url = start_simulator(sup, args, log_dir)
        prepare_database(simulator_url)
        start_background(sup, var_dir, log_dir)
        print_banner(start_web(sup, args.port, log_dir), log_dir)
        while (dead := sup.first_exited()) is None:
            time.sleep(0.5)
        say(_failure(dead, f"{dead.name} stopped unexpectedly (exit {dead.exited()})"))
        return 1
    except Stop as stop:
        say(f"{stop} received, stopping ...")
        return 0
    finally:
        # Ignore further Ctrl-C while children shut down, so none is left behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sup.stop_all()
        say("stopped.")

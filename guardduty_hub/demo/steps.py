"""Setup steps the demo runs after migrating, before the worker and web server start.

This is the hook later issues extend: append a function taking a DemoContext (e.g. onboarding
the simulator's administrator account, loading findings). Steps must be idempotent: the demo
runs them on every start against the same ./var database. They load the hub's models: the
launcher imports this module once Django is set up.
"""

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.utils.translation import ngettext

from guardduty_hub.aws import AwsError
from guardduty_hub.demo.configuration import configure_demo
from guardduty_hub.demo.users import create_demo_users
from guardduty_hub.demo.world import fetch_world, onboard_demo_world
from guardduty_hub.findings.models import Finding
from guardduty_hub.investigations.models import FindingIndicator
from guardduty_hub.sync.events.setup import event_ingest_setup


@dataclass(frozen=True)
class DemoContext:
    # Base URL of the GuardDuty simulator, or None when it could not be started.
    simulator_url: str | None
    say: Callable[[str], None]


def users_step(ctx: DemoContext) -> None:
    users = create_demo_users()
    ctx.say(f"demo users ready: {', '.join(u.username for u in users)}")


def _with_world(ctx: DemoContext, apply: Callable[[dict], Iterable[str]]) -> None:
    """Apply `apply` to the simulator's world and say what it did (nothing without one)."""
    if ctx.simulator_url is None:
        return
    for line in apply(fetch_world(ctx.simulator_url)):
        ctx.say(line)


def accounts_step(ctx: DemoContext) -> None:
    """The administrator onboarded with its regions, the members known, the owner scoped."""
    _with_world(ctx, onboard_demo_world)


def events_step(ctx: DemoContext) -> None:
    """The queue, its DLQ, the hub's bus and a rule in every administrator region, in the
    simulator; the consumer the launcher starts reads the queue (INGEST_QUEUE_URL), so a
    finding the simulator makes is in the list within seconds, without a sync."""
    if ctx.simulator_url is None:
        return
    try:
        done = event_ingest_setup()
    except AwsError as exc:
        ctx.say(f"finding events not set up ({exc.message}): findings arrive with the sync only")
        return
    os.environ["INGEST_QUEUE_URL"] = done.queue_url
    rules = ngettext("%(n)d region rule feeds", "%(n)d region rules feed", len(done.rules)) % {
        "n": len(done.rules)
    }
    ctx.say(f"finding events: {rules} {done.queue_url}")
    for error in done.errors:
        ctx.say(f"finding events: {error}")


def configuration_step(ctx: DemoContext) -> None:
    """The baseline, the list bucket and the coverage matrix of the demo administrator."""
    _with_world(ctx, configure_demo)


def indicators_step(ctx: DemoContext) -> None:
    """A ./var database synced before the investigations app: its findings get their
    indicators once (the sync and the event consumer keep them from then on)."""
    if Finding.objects.exists() and not FindingIndicator.objects.exists():
        call_command("backfill_indicators", stdout=StringIO())
        ctx.say(f"indicators extracted from {Finding.objects.count()} findings synced earlier")


DEMO_STEPS: list[Callable[[DemoContext], None]] = [
    users_step,
    accounts_step,
    configuration_step,
    events_step,
    indicators_step,
]


def run_steps(ctx: DemoContext) -> None:
    for step in DEMO_STEPS:
        step(ctx)

"""`manage.py consume_findings`: the long-running consumer of GuardDuty's finding events.

Reads INGEST_QUEUE_URL (in INGEST_QUEUE_REGION) with the hub's own credentials until SIGTERM or
Ctrl-C, finishing the batch in hand. `--until-idle` stops once the queue has nothing for one
long poll (scripts, tests).
"""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guardduty_hub.aws import AwsError
from guardduty_hub.sync.events.consumer import EventConsumer


class Command(BaseCommand):
    help = "Consume GuardDuty finding events from SQS into the hub until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--queue-url", default=None, help="default: INGEST_QUEUE_URL")
        parser.add_argument("--region", default=None, help="default: INGEST_QUEUE_REGION")
        parser.add_argument(
            "--until-idle", action="store_true", help="stop when a long poll returns nothing"
        )

    def handle(self, *args, queue_url=None, region=None, until_idle=False, **options):
        queue_url = queue_url or settings.INGEST_QUEUE_URL
        if not queue_url:
            raise CommandError(
                "No queue to read: set INGEST_QUEUE_URL (see README, Near-real-time findings), "
                "or run `manage.py setup_event_ingest` first."
            )
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        previous = {
            sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        consumer = EventConsumer(queue_url, region or settings.INGEST_QUEUE_REGION)
        self.stdout.write(f"consuming finding events from {queue_url}", ending="\n")
        self.stdout.flush()
        try:
            if until_idle:
                consumer.start()
                while not stop.is_set() and consumer.poll_once().received:
                    pass
            else:
                consumer.run(stop.is_set)
        except AwsError as exc:
            # A permanent error reading the queue (access denied, no such queue): say it and
            # stop; retrying cannot help until the configuration changes.
            raise CommandError(exc.message) from exc
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("consumer stopped")

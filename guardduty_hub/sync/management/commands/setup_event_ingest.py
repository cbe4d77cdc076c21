"""`manage.py setup_event_ingest`: create the queue, DLQ, bus and rules (sync/events/setup.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from guardduty_hub.aws import AwsError
from guardduty_hub.sync.events.setup import event_ingest_setup


class Command(BaseCommand):
    help = "Create or update the SQS queue and EventBridge rules that bring findings in seconds."

    def add_arguments(self, parser):
        parser.add_argument("--region", default=None, help="default: INGEST_QUEUE_REGION")

    def handle(self, *args, region=None, **options):
        try:
            done = event_ingest_setup(region)
        except AwsError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"queue: {done.queue_url}")
        self.stdout.write(f"dead-letter queue: {done.dead_letter_url}")
        self.stdout.write(f"hub event bus: {done.bus_arn}")
        for rule in done.rules:
            self.stdout.write(f"rule forwarding findings: {rule}")
        for error in done.errors:
            self.stderr.write(f"rule not created: {error}")
        self.stdout.write(f"set INGEST_QUEUE_URL={done.queue_url} for consume_findings")
        if done.errors:
            raise CommandError(
                ngettext(
                    "%(n)d rule could not be created (see above).",
                    "%(n)d rules could not be created (see above).",
                    len(done.errors),
                )
                % {"n": len(done.errors)}
            )

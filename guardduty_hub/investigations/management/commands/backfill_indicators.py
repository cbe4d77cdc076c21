"""Extract the indicators of findings stored before the investigations app (or after a change
to what it extracts). Idempotent: run it again and nothing changes; the sync keeps them from
then on.

    python manage.py backfill_indicators [--batch 500]
"""

from itertools import groupby
from types import SimpleNamespace

from django.core.management.base import BaseCommand
from django.db import transaction

from guardduty_hub.findings.models import Finding
from guardduty_hub.investigations.store import STORED_FINDING_FIELDS, indicators_store_page


class Command(BaseCommand):
    help = "Extract and store the indicators of every stored finding."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="findings per transaction")

    def handle(self, *args, batch: int, **options):
        last_pk, done, links = 0, 0, 0
        while True:
            # Keyset by primary key: constant memory, no OFFSET over a million rows.
            rows = list(
                Finding.objects.filter(pk__gt=last_pk)
                .order_by("pk")
                .values("pk", "api_region", *STORED_FINDING_FIELDS)[:batch]
            )
            if not rows:
                break
            last_pk = rows[-1]["pk"]
            rows.sort(key=lambda r: r["api_region"])
            with transaction.atomic():
                for region, group in groupby(rows, key=lambda r: r["api_region"]):
                    links += indicators_store_page(
                        [(row["pk"], SimpleNamespace(**row)) for row in group], region
                    )
            done += len(rows)
            self.stdout.write(f"{done} findings read, {links} links written")
        self.stdout.write(self.style.SUCCESS(f"Done: {done} findings, {links} links written."))

"""`manage.py rebuild_dashboard_counts`: recount the dashboard's counts from the findings.

The triggers keep them on every write (findings/rollups.py); this is for the rare write that
bypasses triggers (a restore of the findings table alone, a bulk load with triggers disabled).
Findings writes wait while it counts.
"""

from django.core.management.base import BaseCommand

from guardduty_hub.findings.rollups import rollups_rebuild


class Command(BaseCommand):
    help = "Recount the dashboard's per-day, per-region and per-type counts from the findings."

    def handle(self, *args, **options):
        for table, rows in rollups_rebuild().items():
            self.stdout.write(f"{table}: {rows} rows recounted.")

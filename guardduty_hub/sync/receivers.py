"""The sync app's answers to other apps' signals (connected in SyncConfig.ready)."""

from django.db import transaction

from guardduty_hub.accounts.models import AdministratorRegion
from guardduty_hub.sync import tasks


def sync_after_samples(sender, pairs: list[tuple[str, str]], **kwargs) -> None:
    """New sample findings show without waiting for beat: sync their regions after commit."""
    if not pairs:
        return
    regions = {r for _, r in pairs}
    rows = AdministratorRegion.objects.filter(region__in=regions, enabled=True).values_list(
        "administrator_id", "region"
    )
    for admin_id, region in set(rows):
        transaction.on_commit(
            lambda a=admin_id, r=region: tasks.sync_region.delay(a, r), robust=True
        )

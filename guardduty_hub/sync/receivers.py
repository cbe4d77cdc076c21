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


def sync_after_membership_enabled(sender, administrator_id: int, region: str, **kwargs) -> None:
    """A member just became Enabled: its findings are listed now, not at the next beat."""
    if AdministratorRegion.objects.filter(
        administrator_id=administrator_id, region=region, enabled=True
    ).exists():
        transaction.on_commit(
            lambda: tasks.sync_region.delay(administrator_id, region), robust=True
        )

"""Reading every region's trusted IP and threat lists back (beat, and "Refresh" on the page).

A list GuardDuty holds that the hub does not know is imported: it becomes a hub definition
(name, format, location and active flag as found in the first region that has it), so the page
shows it and the regions lacking it show as drift.
"""

from django.db import transaction

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.fanout import read_every_region
from guardduty_hub.configuration.intel_list_steps import record_region
from guardduty_hub.configuration.models import IntelList, IntelListRegion, ListKind


def intel_lists_refresh(administrator: AwsAccount) -> dict:
    """Returns {"regions": n, "imported": n, "errors": n}."""
    counts = {"regions": 0, "imported": 0, "errors": 0}

    def failed(region: str, exc: AwsError) -> None:
        for intel_list in IntelList.objects.filter(administrator=administrator):
            record_region(intel_list, region, None, error=exc.message)
        counts["errors"] += 1

    read = read_every_region(
        administrator,
        lambda access, region, detector_id: {
            kind: gateway.list_intel_sets(access, region, detector_id, kind)
            for kind in ListKind.values
        },
        failed,
    )
    counts["regions"] = len(read)
    with transaction.atomic():
        # Imports first, so that every region read can say whether it has each list.
        for region, found in read.items():
            for kind, sets in found.items():
                counts["imported"] += _import(administrator, region, kind, sets)
        for region, found in read.items():
            for kind, sets in found.items():
                _store(administrator, region, kind, sets)
    return counts


def _import(administrator: AwsAccount, region: str, kind: str, sets) -> int:
    known = set(
        IntelList.objects.filter(administrator=administrator, kind=kind).values_list(
            "name", flat=True
        )
    )
    ids = set(
        IntelListRegion.objects.filter(
            intel_list__administrator=administrator, intel_list__kind=kind, region=region
        ).values_list("guardduty_id", flat=True)
    )
    imported = 0
    for found in sets:
        if found.name in known or found.set_id in ids:
            continue
        intel_list = IntelList.objects.create(
            administrator=administrator,
            kind=kind,
            name=found.name,
            format=found.format,
            location=found.location,
            active=found.status != "INACTIVE",
        )
        known.add(found.name)
        imported += 1
        audit_record(None, "configuration.list_import", intel_list, region=region)
    return imported


def _store(administrator: AwsAccount, region: str, kind: str, sets) -> None:
    lists = list(IntelList.objects.filter(administrator=administrator, kind=kind))
    rows = IntelListRegion.objects.filter(intel_list__in=lists, region=region).exclude(
        guardduty_id=""
    )
    by_id = {row.guardduty_id: row.intel_list for row in rows.select_related("intel_list")}
    by_name = {intel_list.name: intel_list for intel_list in lists}
    seen = set()
    for found in sets:
        intel_list = by_id.get(found.set_id) or by_name.get(found.name)
        if intel_list is not None:
            seen.add(intel_list.pk)
            record_region(intel_list, region, found)
    for intel_list in lists:
        if intel_list.pk not in seen:
            record_region(intel_list, region, None)

"""One region's worth of a list operation, and reading a region's lists back.

Steps may run twice (a retry after throttling): applying finds the list by the id GuardDuty gave
it, else by name, and only creates it when it is not there; deleting a list that is already gone
is done. Whatever happens, the region's row says what GuardDuty holds now, or the AWS message.
"""

from django.utils import timezone
from django.utils.translation import ngettext

from guardduty_hub.accounts.steps import StepOutcome, register_step
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.models import LIST_LIMITS, IntelList, IntelListRegion, ListKind

GONE = "The list was deleted in the hub meanwhile; nothing to do."


def _listed(access, region: str, detector_id: str, intel_list: IntelList):
    """GuardDuty's lists of `intel_list`'s kind in `region`, and the one that is `intel_list`
    (None: not there): found by the id GuardDuty gave it, else by name."""
    row = IntelListRegion.objects.filter(intel_list=intel_list, region=region).first()
    sets = gateway.list_intel_sets(access, region, detector_id, intel_list.kind)
    if row is not None and row.guardduty_id:
        for found in sets:
            if found.set_id == row.guardduty_id:
                return sets, found
    return sets, next((found for found in sets if found.name == intel_list.name), None)


def record_region(intel_list: IntelList, region: str, found, error: str = "") -> None:
    """Store what GuardDuty holds for the list in `region` (None: nothing)."""
    values = {"checked_at": timezone.now(), "error": error}
    if error == "":
        values.update(
            guardduty_id=found.set_id if found else "",
            status=found.status if found else "",
            name=found.name if found else "",
            location=found.location if found else "",
        )
    IntelListRegion.objects.update_or_create(intel_list=intel_list, region=region, defaults=values)


def apply_list(access, region: str, detector_id: str, items, params) -> StepOutcome:
    intel_list = IntelList.objects.filter(pk=params["list_id"], deleting=False).first()
    if intel_list is None:
        return StepOutcome.for_items(items, note=GONE)
    try:
        sets, found = _listed(access, region, detector_id, intel_list)
        if found is None:
            limit = LIST_LIMITS[ListKind(intel_list.kind)]
            if len(sets) >= limit:
                others = ", ".join(f"“{s.name}”" for s in sets)
                message = ngettext(
                    "GuardDuty allows %(n)d such list per Region and this region already has "
                    "%(others)s; delete it there or import it into the hub.",
                    "GuardDuty allows %(n)d such lists per Region and this region already has "
                    "%(others)s; delete it there or import it into the hub.",
                    limit,
                ) % {"n": limit, "others": others}
                record_region(intel_list, region, None, error=message)
                return StepOutcome.for_items(items, failed=message)
            set_id = gateway.create_intel_set(
                access,
                region,
                detector_id,
                intel_list.kind,
                name=intel_list.name,
                format=intel_list.format,
                location=intel_list.location,
                activate=intel_list.active,
            )
            note = "Created."
        else:
            set_id = found.set_id
            gateway.update_intel_set(
                access,
                region,
                detector_id,
                intel_list.kind,
                set_id,
                name=intel_list.name,
                location=intel_list.location,
                activate=intel_list.active,
            )
            note = "Updated."
        now = gateway.get_intel_set(access, region, detector_id, intel_list.kind, set_id)
    except AwsError as exc:
        record_region(intel_list, region, None, error=exc.message)
        raise
    record_region(intel_list, region, now)
    if now.status == "ERROR":
        message = "GuardDuty could not read the list file (status ERROR); check the location."
        return StepOutcome.for_items(items, failed=message)
    return StepOutcome.for_items(items, note=f"{note} Status {now.status}.")


def delete_list(access, region: str, detector_id: str, items, params) -> StepOutcome:
    intel_list = IntelList.objects.filter(pk=params["list_id"]).first()
    if intel_list is None:
        return StepOutcome.for_items(items, note=GONE)
    try:
        _, found = _listed(access, region, detector_id, intel_list)
        if found is not None:
            gateway.delete_intel_set(access, region, detector_id, intel_list.kind, found.set_id)
    except AwsError as exc:
        record_region(intel_list, region, None, error=exc.message)
        raise
    IntelListRegion.objects.filter(intel_list=intel_list, region=region).delete()
    if not intel_list.regions.exclude(guardduty_id="").exists():
        intel_list.delete()  # gone everywhere: the definition goes too
    return StepOutcome.for_items(items, note="Deleted." if found else "Not there; nothing to do.")


register_step("list_apply", apply_list)
register_step("list_delete", delete_list)

"""Doing one thing in every enabled region of an administrator, and saying how each went.

The configuration services read and write GuardDuty region by region; an error belongs to its
region (and to the administrator's region row, where the accounts pages show it too).
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.administrators import (
    administrator_detector,
    record_region_error,
)
from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount
from guardduty_hub.accounts.operations import operation_start
from guardduty_hub.aws import AccountAccess, AwsError
from guardduty_hub.configuration.models import IntelList, SuppressionRule

Reader = Callable[[AccountAccess, str, str], Any]  # (access, region, detector id) -> result


def enabled_regions(administrator: AwsAccount) -> list[str]:
    """The regions the administrator chose for the hub (accounts' administrator page)."""
    return sorted(
        AdministratorRegion.objects.filter(administrator=administrator, enabled=True).values_list(
            "region", flat=True
        )
    )


def read_every_region(
    administrator: AwsAccount, read: Reader, on_error: Callable[[str, AwsError], None]
) -> dict[str, Any]:
    """{region: read(...)} for the regions that answered; `on_error(region, exc)` for others."""
    access = access_for(administrator)
    found = {}
    for region in enabled_regions(administrator):
        try:
            found[region] = read(access, region, administrator_detector(administrator, region))
        except AwsError as exc:
            record_region_error(administrator, region, exc)
            on_error(region, exc)
    return found


def configuration_operation(
    actor,
    kind: str,
    administrator: AwsAccount,
    regions: list[str],
    *,
    subject: str,
    page: str,
    page_label: str,
    accounts: list[AwsAccount] | None = None,
    audit_action: str = "",
    **params,
):
    """An accounts operation (per-region progress, retry of failed regions only) changing the
    configuration of `administrator` in `regions`, on `accounts` (default: the administrator
    itself), audited as configuration.<kind>; its page leads back to `page`."""
    return operation_start(
        actor,
        kind,
        administrator,
        accounts if accounts is not None else [administrator],
        regions,
        audit_action=audit_action or f"configuration.{kind}",
        subject=subject,
        back_url=reverse(page, args=[administrator.account_id]),
        back_label=page_label,
        **params,
    )


# Per kind of definition: its page, how the operation page names it, the step's id parameter.
DEFINITION_PAGES = {
    IntelList: ("configuration:lists", "trusted IP and threat lists", "list_id"),
    SuppressionRule: ("configuration:rules", "suppression rules", "rule_id"),
}


def definition_operation(actor, definition, kind: str, regions: list[str], **details):
    """An operation applying or deleting `definition` (a list or rule) in `regions`."""
    page, page_label, id_param = DEFINITION_PAGES[type(definition)]
    return configuration_operation(
        actor,
        kind,
        definition.administrator,
        regions,
        subject=str(definition),
        page=page,
        page_label=page_label,
        **{id_param: definition.pk},
        **details,
    )

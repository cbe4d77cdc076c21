"""Trusted IP lists and threat lists: the hub's write operations (named, audited).

A change saves the definition, then applies it to every enabled region of the administrator as
one operation (accounts.operations: per-region progress, retry of failed regions only). The
limits GuardDuty enforces per Region are checked here first, so a person hears about them
before anything is sent.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AwsAccount, MembershipOperation, OperationKind
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.fanout import definition_operation, enabled_regions
from guardduty_hub.configuration.list_files import txt_problems
from guardduty_hub.configuration.models import (
    LIST_LIMITS,
    AdministratorSettings,
    IntelList,
    ListFormat,
    ListKind,
)

LOCATION = re.compile(r"^(s3://[^/\s]+/\S+|https://\S+)$")


@dataclass(frozen=True)
class ListFile:
    """A file a person uploaded: its name (for the key) and bytes."""

    name: str
    body: bytes


def limit_problem(administrator: AwsAccount, kind: str, exclude: IntelList | None = None) -> str:
    """Why one more list of `kind` cannot exist, or ""."""
    lists = IntelList.objects.filter(administrator=administrator, kind=kind, deleting=False)
    if exclude is not None:
        lists = lists.exclude(pk=exclude.pk)
    names = [f"“{name}”" for name in lists.values_list("name", flat=True)]
    limit = LIST_LIMITS[ListKind(kind)]
    if len(names) < limit:
        return ""
    what = "one trusted IP list" if limit == 1 else f"{limit} threat lists"
    return (
        f"GuardDuty allows {what} per Region; this administrator has {', '.join(names)}. "
        "Delete one first."
    )


def _location(
    actor, administrator: AwsAccount, kind: str, fmt: str, location: str, upload: ListFile | None
) -> str:
    """The list's location: an uploaded file (checked, then stored in S3) or the one given."""
    if upload is None:
        location = location.strip()
        if not LOCATION.match(location):
            raise ConfigurationError("Give an s3:// or https:// location, or upload a file.")
        return location
    if fmt == ListFormat.TXT:
        problems = txt_problems(upload.body, kind)
        if problems:
            raise ConfigurationError("The file was not uploaded: fix these lines first.", problems)
    settings_row = AdministratorSettings.objects.filter(administrator=administrator).first()
    if settings_row is None or not settings_row.list_bucket:
        raise ConfigurationError(
            "Name the S3 bucket for list files in this administrator's settings first."
        )
    stem = slugify(upload.name.rsplit(".", 1)[0]) or "list"
    key = f"{settings_row.list_prefix}{kind}/{stem}.{fmt.lower()}"
    region = settings_row.list_bucket_region or (enabled_regions(administrator) or ["us-east-1"])[0]
    try:
        stored = gateway.put_list_file(
            access_for(administrator), region, settings_row.list_bucket, key, upload.body
        )
    except AwsError as exc:
        raise ConfigurationError(f"The file could not be stored in S3: {exc.message}") from exc
    audit_record(actor, "configuration.list_upload", administrator, location=stored)
    return stored


def intel_list_create(
    actor,
    administrator: AwsAccount,
    *,
    kind: str,
    name: str,
    fmt: str,
    location: str = "",
    upload: ListFile | None = None,
    active: bool = True,
) -> tuple[IntelList, MembershipOperation]:
    problem = limit_problem(administrator, kind)
    if problem:
        raise ConfigurationError(problem)
    if IntelList.objects.filter(administrator=administrator, kind=kind, name=name).exists():
        raise ConfigurationError(f"There is already a list named “{name}”.")
    location = _location(actor, administrator, kind, fmt, location, upload)
    with transaction.atomic():
        intel_list = IntelList(administrator=administrator, kind=kind, name=name, format=fmt)
        intel_list.location, intel_list.active = location, active
        intel_list.save_by(actor)
        operation = definition_operation(
            actor,
            intel_list,
            OperationKind.LIST_APPLY,
            enabled_regions(administrator),
            change="create",
        )
    return intel_list, operation


def intel_list_update(
    actor,
    intel_list: IntelList,
    *,
    active: bool | None = None,
    location: str = "",
    upload: ListFile | None = None,
) -> MembershipOperation:
    """Activate, deactivate or point at a new file, in every region."""
    with transaction.atomic():
        if upload is not None or location:
            intel_list.location = _location(
                actor,
                intel_list.administrator,
                intel_list.kind,
                intel_list.format,
                location,
                upload,
            )
        if active is not None:
            intel_list.active = active
        intel_list.save()
        return definition_operation(
            actor,
            intel_list,
            OperationKind.LIST_APPLY,
            enabled_regions(intel_list.administrator),
            change="update",
            active=intel_list.active,
            location=intel_list.location,
        )


def intel_list_apply(actor, intel_list: IntelList, regions: list[str] | None = None):
    """Apply the definition again (drift): in `regions`, or every enabled region."""
    return definition_operation(
        actor,
        intel_list,
        OperationKind.LIST_APPLY,
        regions or enabled_regions(intel_list.administrator),
        change="apply again",
    )


def intel_list_delete(actor, intel_list: IntelList) -> MembershipOperation:
    """Delete the list in every region it is in; the definition goes once all are gone."""
    regions = set(enabled_regions(intel_list.administrator))
    regions.update(intel_list.regions.exclude(guardduty_id="").values_list("region", flat=True))
    with transaction.atomic():
        intel_list.deleting = True
        intel_list.save(update_fields=["deleting", "updated_at"])
        return definition_operation(actor, intel_list, OperationKind.LIST_DELETE, sorted(regions))


def administrator_settings_save(
    actor, administrator: AwsAccount, *, list_bucket: str, list_prefix: str, list_bucket_region: str
) -> AdministratorSettings:
    row, _ = AdministratorSettings.objects.update_or_create(
        administrator=administrator,
        defaults={
            "list_bucket": list_bucket.strip(),
            "list_prefix": list_prefix.strip(),
            "list_bucket_region": list_bucket_region.strip(),
        },
    )
    audit_record(
        actor,
        "configuration.settings",
        administrator,
        list_bucket=row.list_bucket,
        list_prefix=row.list_prefix,
        list_bucket_region=row.list_bucket_region,
    )
    return row

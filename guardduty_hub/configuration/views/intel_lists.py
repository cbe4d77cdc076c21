"""Trusted IP lists and threat lists of one administrator, in every region."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from guardduty_hub.accounts.scope import Verb
from guardduty_hub.configuration import intel_lists as services
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.forms import IntelListChangeForm, IntelListForm
from guardduty_hub.configuration.intel_list_refresh import intel_lists_refresh
from guardduty_hub.configuration.models import AdministratorSettings, IntelList, ListKind
from guardduty_hub.configuration.selectors import administrator_visible_to, list_rows
from guardduty_hub.configuration.views.access import reader, writer
from guardduty_hub.configuration.views.actions import (
    definition_of,
    definition_operation_view,
    refresh_view,
)


def _upload(form) -> services.ListFile | None:
    uploaded = form.cleaned_data.get("file")
    if not uploaded:
        return None
    return services.ListFile(uploaded.name, uploaded.read())


def _page(request, administrator, form=None, problems=None, status=200):
    regions, rows = list_rows(administrator)
    settings_row = AdministratorSettings.objects.filter(administrator=administrator).first()
    context = {
        "administrator": administrator,
        "regions": regions,
        "rows": rows,
        "form": form or IntelListForm(initial={"active": True}),
        "problems": problems or [],
        "settings_row": settings_row,
        "limits": {kind: services.limit_problem(administrator, kind) for kind in ListKind.values},
    }
    return render(request, "configuration/intel_lists.html", context, status=status)


@reader
def intel_list_page(request, account_id: str):
    return _page(request, administrator_visible_to(request.user, account_id))


@writer
@require_POST
def intel_list_add(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    form = IntelListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, administrator, form, status=400)
    data = form.cleaned_data
    try:
        _, operation = services.intel_list_create(
            request.user,
            administrator,
            kind=data["kind"],
            name=data["name"].strip(),
            fmt=data["format"],
            location=data["location"],
            upload=_upload(form),
            active=data["active"],
        )
    except ConfigurationError as exc:
        messages.error(request, exc.message)
        return _page(request, administrator, form, exc.problems, status=400)
    return redirect("accounts:operation", pk=operation.pk)


@writer
@require_POST
def intel_list_change(request, account_id: str, pk: int):
    intel_list = definition_of(request, IntelList, account_id, pk)
    form = IntelListChangeForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "The change could not be read; nothing was changed.")
        return redirect("configuration:lists", account_id)
    try:
        operation = services.intel_list_update(
            request.user,
            intel_list,
            active=form.cleaned_data["active"],
            location=form.cleaned_data["location"],
            upload=_upload(form),
        )
    except ConfigurationError as exc:
        messages.error(request, exc.message)
        return _page(request, intel_list.administrator, problems=exc.problems, status=400)
    return redirect("accounts:operation", pk=operation.pk)


intel_list_apply = definition_operation_view(IntelList, services.intel_list_apply)
intel_list_delete = definition_operation_view(IntelList, services.intel_list_delete)
intel_list_refresh = refresh_view(intel_lists_refresh, "configuration:lists", ("list", "lists"))

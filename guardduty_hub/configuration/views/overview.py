"""The configuration section's start page and an administrator's settings."""

from django.contrib import messages
from django.shortcuts import redirect, render

from guardduty_hub.accounts.scope import Verb
from guardduty_hub.configuration.forms import AdministratorSettingsForm
from guardduty_hub.configuration.intel_lists import administrator_settings_save
from guardduty_hub.configuration.models import AdministratorSettings
from guardduty_hub.configuration.selectors import (
    administrator_visible_to,
    administrators_visible_to,
)
from guardduty_hub.configuration.views.access import reader, writer


@reader
def configuration_index(request):
    return render(
        request,
        "configuration/index.html",
        {"administrators": administrators_visible_to(request.user)},
    )


@writer
def administrator_settings(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    row = AdministratorSettings.objects.filter(administrator=administrator).first()
    initial = {"list_prefix": "guardduty-hub/lists/"}
    if row is not None:
        initial = {
            "list_bucket": row.list_bucket,
            "list_prefix": row.list_prefix,
            "list_bucket_region": row.list_bucket_region,
        }
    form = AdministratorSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        administrator_settings_save(request.user, administrator, **form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("configuration:lists", account_id)
    return render(
        request,
        "configuration/settings.html",
        {"administrator": administrator, "form": form},
    )

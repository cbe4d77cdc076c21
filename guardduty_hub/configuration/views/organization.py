"""Organizations page of an administrator: delegated admin, organization accounts, auto-enable."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.accounts.scope import Verb, accounts_for
from guardduty_hub.configuration import organization as services
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.selectors import administrator_visible_to
from guardduty_hub.configuration.views.access import reader, writer
from guardduty_hub.configuration.views.actions import administrator_operation

BACK = "configuration:organization"


@reader
def organization_page(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id)
    states = services.organization_state(administrator)
    org_accounts, org_error = [], ""
    if any(s.delegated for s in states):
        try:
            org_accounts = services.organization_accounts(administrator)
        except ConfigurationError as exc:
            org_error = exc.message
    members = set(
        AwsAccount.objects.filter(
            memberships__administrator=administrator, memberships__relationship_status="Enabled"
        ).values_list("account_id", flat=True)
    )
    management_choices = (
        accounts_for(request.user, Verb.MANAGE).exclude(pk=administrator.pk).order_by("account_id")
    )
    return render(
        request,
        "configuration/organization.html",
        {
            "administrator": administrator,
            "states": states,
            "delegated": any(s.delegated for s in states),
            "auto_enable_choices": services.AUTO_ENABLE,
            "features": services.ORG_FEATURES,
            "org_accounts": [(a, a.account_id in members) for a in org_accounts],
            "org_error": org_error,
            "management_choices": management_choices,
        },
    )


@writer
@require_POST
def organization_configure(request, account_id: str):
    features = {
        name: request.POST[f"feature_{name}"]
        for name in services.ORG_FEATURES
        if request.POST.get(f"feature_{name}")
    }
    auto_enable = request.POST.get("auto_enable", "")
    return administrator_operation(
        request,
        account_id,
        BACK,
        services.organization_configuration_set,
        auto_enable=auto_enable,
        features=features,
    )


@writer
@require_POST
def organization_add(request, account_id: str):
    accounts = request.POST.getlist("account")
    return administrator_operation(
        request, account_id, BACK, services.organization_accounts_add, accounts
    )


@writer
@require_POST
def organization_designate(request, account_id: str):
    management = get_object_or_404(
        accounts_for(request.user, Verb.MANAGE), account_id=request.POST.get("management", "")
    )
    return administrator_operation(
        request, account_id, BACK, services.delegated_admin_designate, management
    )

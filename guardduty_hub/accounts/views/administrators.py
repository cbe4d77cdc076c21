"""Administrator accounts: onboarding with "Test connection", regions, status refresh."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from guardduty_hub.accounts.administrators import (
    administrator_onboard,
    administrator_set_regions,
    administrator_test_connection,
)
from guardduty_hub.accounts.forms import AdministratorForm
from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.accounts.models import AccountKind
from guardduty_hub.accounts.scope import Verb, account_for, require
from guardduty_hub.accounts.selectors import administrators, operations_for
from guardduty_hub.aws import AccountAccess
from guardduty_hub.core import capabilities as cap
from guardduty_hub.core.redirects import next_url


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
def administrator_list(request):
    admins = administrators(request.user).prefetch_related("admin_regions")
    operations = operations_for(request.user).select_related("administrator", "created_by")[:15]
    return render(
        request,
        "accounts/administrator_list.html",
        {"administrators": admins, "operations": operations},
    )


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def administrator_new(request):
    require(request.user, Verb.MANAGE)  # a new administrator is hub-wide: not for scoped Admins
    form = AdministratorForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "test":
            access = AccountAccess(
                data["account_id"],
                data["role_arn"],
                data["external_id"],
                data["use_hub_credentials"],
            )
            report = administrator_test_connection(access)
        else:
            account, report = administrator_onboard(request.user, **data)
            if account is not None:
                found = ", ".join(report.detector_regions) or "none yet"
                messages.success(request, f"Onboarded {account}. Regions with GuardDuty: {found}.")
                return redirect("accounts:administrators")
    return render(request, "accounts/administrator_new.html", {"form": form, "report": report})


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_POST
def administrator_refresh(request, account_id: str):
    admin = account_for(request.user, Verb.MANAGE, account_id, kind=AccountKind.ADMINISTRATOR)
    errors = memberships_refresh(admin, actor=request.user)
    if errors:
        for region, error in errors.items():
            messages.error(request, f"{region}: {error}")
    else:
        messages.success(request, f"Member status of {admin} refreshed in every region.")
    return redirect(next_url(request, "accounts:administrators"))


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_POST
def administrator_regions(request, account_id: str):
    admin = account_for(request.user, Verb.MANAGE, account_id, kind=AccountKind.ADMINISTRATOR)
    administrator_set_regions(request.user, admin, request.POST.getlist("region"))
    messages.success(request, f"Regions of {admin} saved.")
    return redirect("accounts:administrators")

"""Membership operations: confirm (accounts x regions), progress, retry of failures."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from guardduty_hub.accounts.forms import OperationForm
from guardduty_hub.accounts.models import (
    AdministratorRegion,
    AwsAccount,
    ItemState,
    MembershipOperation,
    OperationKind,
)
from guardduty_hub.accounts.operations import operation_progress, operation_retry, operation_start
from guardduty_hub.accounts.selectors import administrators, is_member_owner

DANGEROUS = {OperationKind.DISASSOCIATE, OperationKind.REMOVE, OperationKind.SUSPEND}


def _regions_of(admins) -> list[str]:
    return sorted(
        set(
            AdministratorRegion.objects.filter(administrator__in=admins).values_list(
                "region", flat=True
            )
        )
    )


@permission_required("core.manage_accounts", raise_exception=True)
@require_http_methods(["GET", "POST"])
def operation_new(request):
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("kind", "")
    if kind not in OperationKind.values:
        messages.error(request, "Choose what to do with the selected accounts.")
        return redirect("accounts:list")
    accounts = list(AwsAccount.objects.filter(account_id__in=source.getlist("account")))
    if not accounts:
        messages.error(request, "Select at least one account first.")
        return redirect("accounts:list")
    admins = administrators()
    if not admins.exists():
        messages.error(request, "Onboard an administrator account first.")
        return redirect("accounts:administrators")
    skipped = []
    if kind == OperationKind.INVITE:
        # GuardDuty rejects invitations to Organizations members: they are added instead.
        skipped = [a for a in accounts if a.is_organizations_member]
        accounts = [a for a in accounts if not a.is_organizations_member]
    enabled = list(
        AdministratorRegion.objects.filter(administrator__in=admins, enabled=True)
        .values_list("region", flat=True)
        .distinct()
    )
    form = OperationForm(
        request.POST if request.method == "POST" else None,
        administrators=admins,
        regions=_regions_of(admins),
        initial={"regions": enabled, "administrator": admins.first()},
    )
    if request.method == "POST" and accounts and form.is_valid():
        data = form.cleaned_data
        params = {}
        if kind == OperationKind.INVITE:
            params = {
                "message": data["message"].strip(),
                "disable_email_notification": not data["email_root_user"],
            }
        operation = operation_start(
            request.user, kind, data["administrator"], accounts, sorted(data["regions"]), **params
        )
        return redirect("accounts:operation", pk=operation.pk)
    return render(
        request,
        "accounts/operation_new.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": OperationKind(kind).label,
            "accounts": accounts,
            "skipped": skipped,
            "dangerous": kind in DANGEROUS,
        },
    )


@permission_required("core.view_findings", raise_exception=True)
def operation_detail(request, pk: int):
    if is_member_owner(request.user):
        raise PermissionDenied  # operations span accounts a member owner may not see
    operation = get_object_or_404(
        MembershipOperation.objects.select_related("administrator", "created_by"), pk=pk
    )
    items = operation.items.select_related("account").order_by(
        "state", "region", "account__account_id"
    )
    context = {
        "operation": operation,
        "progress": operation_progress(operation),
        "failed": [i for i in items if i.state == ItemState.FAILED],
        "items": items,
    }
    template = (
        "accounts/_operation_progress.html"
        if request.GET.get("partial")
        else "accounts/operation_detail.html"
    )
    return render(request, template, context)


@permission_required("core.manage_accounts", raise_exception=True)
@require_POST
def operation_retry_view(request, pk: int):
    operation = get_object_or_404(MembershipOperation, pk=pk)
    count = operation_retry(request.user, operation)
    if count:
        messages.info(
            request, f"Retrying {count} failed item(s); everything else is left as it is."
        )
    else:
        messages.info(request, "Nothing failed: nothing to retry.")
    return redirect("accounts:operation", pk=operation.pk)

"""Membership operations: confirm (accounts x regions), progress, retry of failures."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from guardduty_hub.accounts.forms import OperationForm
from guardduty_hub.accounts.models import (
    DANGEROUS_KINDS,
    AdministratorRegion,
    ItemState,
    OperationKind,
)
from guardduty_hub.accounts.operations import operation_progress, operation_retry, operation_start
from guardduty_hub.accounts.scope import Verb, accounts_for, activity_visible, can
from guardduty_hub.accounts.selectors import administrators, operations_for
from guardduty_hub.accounts.steps import STEPS
from guardduty_hub.accounts.tasks import follow_up_delays
from guardduty_hub.core import capabilities as cap


def _regions_of(admins) -> list[str]:
    return sorted(
        set(
            AdministratorRegion.objects.filter(administrator__in=admins).values_list(
                "region", flat=True
            )
        )
    )


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def operation_new(request):
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("kind", "")
    if kind not in OperationKind.values:
        messages.error(request, "Choose what to do with the selected accounts.")
        return redirect("accounts:list")
    # Accounts outside the user's scope drop out as if unknown.
    wanted = source.getlist("account")
    accounts = list(accounts_for(request.user, Verb.MANAGE).filter(account_id__in=wanted))
    if not accounts:
        messages.error(request, "Select at least one account first.")
        return redirect("accounts:list")
    admins = administrators(request.user)
    if not admins.exists():
        if not can(request.user, Verb.MANAGE):
            messages.error(request, "No administrator account is in your scope.")
            return redirect("accounts:list")
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
            "dangerous": kind in DANGEROUS_KINDS,
        },
    )


def operation_detail(request, pk: int):
    if not activity_visible(request.user):
        raise PermissionDenied  # operations span accounts: member owners never see them
    operation = get_object_or_404(
        operations_for(request.user).select_related("administrator", "created_by"), pk=pk
    )
    items = operation.items.select_related("account").order_by(
        "state", "region", "account__account_id"
    )
    context = {
        "operation": operation,
        "progress": operation_progress(operation),
        "failed": [i for i in items if i.state == ItemState.FAILED],
        "items": items,
        # "Refresh status now" (accounts:administrator_refresh): after membership changes.
        "can_refresh_status": _can_refresh_status(request.user, operation),
        "follow_ups": _delays_in_words(follow_up_delays()),
    }
    template = (
        "accounts/_operation_progress.html"
        if request.GET.get("partial")
        else "accounts/operation_detail.html"
    )
    return render(request, template, context)


def _delays_in_words(delays) -> str:
    words = [
        f"{s} second{pluralize(s)}" if s < 60 else f"{s // 60} minute{pluralize(s // 60)}"
        for s in delays
    ]
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else "".join(words)


def _can_refresh_status(user, operation) -> bool:
    step = STEPS.get(operation.kind)
    return (
        step is not None
        and step.refreshes_members
        and user.has_perm(cap.MANAGE_ACCOUNTS)
        and can(user, Verb.MANAGE, operation.administrator)
    )


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_POST
def operation_retry_view(request, pk: int):
    operation = get_object_or_404(operations_for(request.user, Verb.MANAGE), pk=pk)
    count = operation_retry(request.user, operation)
    if count:
        messages.info(
            request,
            ngettext(
                "Retrying %(n)d failed item; everything else is left as it is.",
                "Retrying %(n)d failed items; everything else is left as it is.",
                count,
            )
            % {"n": count},
        )
    else:
        messages.info(request, "Nothing failed: nothing to retry.")
    return redirect("accounts:operation", pk=operation.pk)

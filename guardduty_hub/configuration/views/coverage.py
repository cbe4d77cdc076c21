"""Coverage matrix (page and CSV), the protection baseline, disabling GuardDuty on a member."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from guardduty_hub.accounts.models import AwsAccount, Membership
from guardduty_hub.accounts.scope import Verb
from guardduty_hub.configuration import protection as services
from guardduty_hub.configuration.coverage import coverage_matrix
from guardduty_hub.configuration.coverage_refresh import coverage_refresh
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.fanout import enabled_regions
from guardduty_hub.configuration.forms import BaselineForm, DisableForm
from guardduty_hub.configuration.models import DetectorCoverage
from guardduty_hub.configuration.plans import PLANS
from guardduty_hub.configuration.selectors import administrator_visible_to
from guardduty_hub.configuration.views.access import reader, writer
from guardduty_hub.configuration.views.actions import administrator_operation_view


def _baseline_form(baseline, data=None) -> BaselineForm:
    initial = {"finding_publishing_frequency": "SIX_HOURS"}
    if baseline is not None:
        initial = {"finding_publishing_frequency": baseline.finding_publishing_frequency}
        initial.update(dict(baseline.plans.items()))
    return BaselineForm(data, initial=initial)


@reader
def coverage_page(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id)
    drift_only = request.GET.get("drift") == "1"
    regions, rows, baseline = coverage_matrix(request.user, administrator, drift_only=drift_only)
    context = {
        "administrator": administrator,
        "regions": regions,
        "rows": rows,
        "baseline": baseline,
        "plans": PLANS,
        "drift_only": drift_only,
        "form": _baseline_form(baseline),
    }
    return render(request, "configuration/coverage.html", context)


@reader
def coverage_csv(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id)
    drift_only = request.GET.get("drift") == "1"
    _regions, rows, _ = coverage_matrix(request.user, administrator, drift_only=drift_only)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coverage-{account_id}.csv"'
    writer_ = csv.writer(response)
    writer_.writerow(["account_id", "account_name", "region", "coverage", "missing", "drift"])
    for row in rows:
        for region, cell in row.cells:
            writer_.writerow(
                [
                    row.account.account_id,
                    _csv_safe(row.account.name),
                    region,
                    cell.words,
                    "; ".join(cell.missing),
                    "; ".join(cell.drift),
                ]
            )
    return response


def _csv_safe(text: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: quote it."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@writer
@require_POST
def baseline_save(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    form = _baseline_form(None, request.POST)
    if form.is_valid():
        services.baseline_save(
            request.user,
            administrator,
            frequency=form.cleaned_data["finding_publishing_frequency"],
            plans=form.plans(),
        )
        messages.success(request, "Baseline saved. The matrix now shows drift from it.")
    else:
        messages.error(request, "The baseline could not be read; nothing was changed.")
    return redirect("configuration:coverage", account_id)


baseline_apply = administrator_operation_view(services.baseline_apply, "configuration:coverage")


@writer
@require_POST
def coverage_refresh_view(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    coverage_refresh(administrator)
    messages.info(request, "Read every region's detectors and plans again.")
    return redirect("configuration:coverage", account_id)


@writer
@require_http_methods(["GET", "POST"])
def member_disable(request, account_id: str, member_id: str):
    """The confirmation names what stops, then the operation runs through the member's role."""
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    member = get_object_or_404(
        AwsAccount,
        account_id=member_id,
        pk__in=Membership.objects.filter(administrator=administrator).values("member_id"),
    )
    regions = enabled_regions(administrator)
    form = DisableForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.member_guardduty_disable(
                request.user,
                administrator,
                member,
                form.cleaned_data["regions"],
                mode=form.cleaned_data["mode"],
            )
        except ConfigurationError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("accounts:operation", pk=operation.pk)
    plans_on = {
        row.region: [p.label for p in PLANS if row.plans.get(p.key)]
        for row in DetectorCoverage.objects.filter(administrator=administrator, account=member)
    }
    return render(
        request,
        "configuration/member_disable.html",
        {
            "administrator": administrator,
            "member": member,
            "form": form,
            "plans_on": plans_on,
        },
    )

"""Accounts table, add-by-form and CSV upload."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from guardduty_hub.accounts.aws_accounts import accounts_add, accounts_import_csv
from guardduty_hub.accounts.choices import status_legend
from guardduty_hub.accounts.csv_import import AccountRow
from guardduty_hub.accounts.filters import MemberAccountFilterSet
from guardduty_hub.accounts.forms import AccountRowFormSet, CsvUploadForm
from guardduty_hub.accounts.models import Membership
from guardduty_hub.accounts.scope import Verb, account_ids_for, can, require
from guardduty_hub.accounts.selectors import (
    administrators_with_status_read_at,
    member_accounts_for_table,
    regions_by_administrator,
)
from guardduty_hub.accounts.status_summary import administrator_lines, joined_in_words
from guardduty_hub.accounts.tasks import follow_up_delays
from guardduty_hub.core import capabilities as cap

PAGE_SIZE = 100
# The upload page lists this many errors; the count says how many there are in all.
MAX_ERRORS_SHOWN = 500


def _strip_regions(regions_of: dict[int, list[str]]) -> list[str]:
    regions = sorted({region for regions in regions_of.values() for region in regions})
    if regions:
        return regions
    # No administrator onboarded yet: show whatever regions memberships mention.
    return sorted(set(Membership.objects.values_list("region", flat=True).distinct()))


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def account_list(request):
    regions_of = regions_by_administrator()
    regions = _strip_regions(regions_of)
    admins = list(administrators_with_status_read_at(request.user, Verb.VIEW))
    filterset = MemberAccountFilterSet(
        request.GET or None,
        queryset=member_accounts_for_table(request.user),
        regions=regions,
        administrators=[(a.account_id, str(a)) for a in admins],
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = filterset.form.cleaned_data if filterset.is_bound else {}
    chosen_region = chosen.get("region") or ""
    visible = account_ids_for(request.user, Verb.VIEW)
    rows = []
    for account in page.object_list:
        rows.append(
            {
                "account": account,
                "lines": administrator_lines(
                    account.membership_list,
                    regions_of=regions_of,
                    all_regions=regions,
                    visible=visible,
                    region=chosen_region,
                    administrator_id=chosen.get("administrator") or "",
                ),
                "joined": joined_in_words(account, account.membership_list),
            }
        )
    # "Refresh status now" (accounts:administrator_refresh) for the administrators they manage.
    refreshable = []
    if request.user.has_perm(cap.MANAGE_ACCOUNTS):
        refreshable = [a for a in admins if can(request.user, Verb.MANAGE, a)]
    return render(
        request,
        "accounts/account_list.html",
        {
            "filterset": filterset,
            "page": page,
            "rows": rows,
            "regions": [chosen_region] if chosen_region else regions,
            "several_administrators": len(admins) > 1,
            "refreshable": refreshable,
            "refresh_minutes": settings.MEMBERSHIP_REFRESH_SECONDS // 60,
            "follows_up": bool(follow_up_delays()),
            "legend": status_legend(),
        },
    )


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def account_add(request):
    require(request.user, Verb.MANAGE)  # hub-wide: a scoped Admin's accounts would escape them
    formset = AccountRowFormSet(request.POST or None, prefix="rows")
    errors = []
    if request.method == "POST" and formset.is_valid():
        filled = [(i, f.cleaned_data) for i, f in enumerate(formset.forms, 1) if not f.is_blank]
        rows = [AccountRow(i, d["account_id"], d["email"]) for i, d in filled]
        names = {d["account_id"]: d["name"].strip() for _, d in filled if d.get("name")}
        result = accounts_add(rows, request.user, names=names)
        if result.ok:
            messages.success(request, _added_message(len(result.created)))
            return redirect("accounts:list")
        errors = [str(e).replace("Line", "Row", 1) for e in result.errors]
    return render(request, "accounts/account_add.html", {"formset": formset, "errors": errors})


@permission_required(cap.MANAGE_ACCOUNTS, raise_exception=True)
@require_http_methods(["GET", "POST"])
def account_import(request):
    require(request.user, Verb.MANAGE)  # hub-wide: a scoped Admin's accounts would escape them
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = accounts_import_csv(form.cleaned_data["file"].read(), request.user)
        errors = result.errors
        if result.ok:
            messages.success(request, _added_message(len(result.created)))
            return redirect("accounts:list")
    return render(
        request,
        "accounts/account_import.html",
        {
            "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "error_count": len(errors),
            "errors_hidden": max(0, len(errors) - MAX_ERRORS_SHOWN),
        },
        status=400 if errors else 200,
    )


def _added_message(count: int) -> str:
    noun = "account" if count == 1 else "accounts"
    return f"Added {count} {noun}. Select them below and choose Invite to make them members."

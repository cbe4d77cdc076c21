"""Suppression rules of one administrator: the list with every region, write with back-test."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from guardduty_hub.accounts.scope import Verb
from guardduty_hub.configuration import rules as services
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.fanout import enabled_regions
from guardduty_hub.configuration.forms import SuppressionRuleForm
from guardduty_hub.configuration.models import SuppressionRule
from guardduty_hub.configuration.rule_backtest import rule_backtest
from guardduty_hub.configuration.rule_criteria import (
    RULE_FILTERS,
    RuleCriteriaError,
    rule_criteria,
)
from guardduty_hub.configuration.rule_refresh import suppression_rules_refresh
from guardduty_hub.configuration.selectors import administrator_visible_to, rule_rows
from guardduty_hub.configuration.views.access import reader, writer
from guardduty_hub.configuration.views.actions import (
    definition_of,
    definition_operation_view,
    refresh_view,
)
from guardduty_hub.findings.filters import FindingFilterSet


@reader
def rule_page(request, account_id: str):
    administrator = administrator_visible_to(request.user, account_id)
    regions, rows = rule_rows(administrator)
    return render(
        request,
        "configuration/rules.html",
        {"administrator": administrator, "regions": regions, "rows": rows},
    )


def _query_of(data: QueryDict) -> str:
    """Only the list filters a rule may use, as the list's own query string."""
    query = QueryDict(mutable=True)
    for name in RULE_FILTERS:
        values = [v for v in data.getlist(name) if v]
        if values:
            query.setlist(name, values)
    return query.urlencode()


@writer
@require_http_methods(["GET", "POST"])
def rule_edit(request, account_id: str, pk: int | None = None):
    """GET: the filters and their back-test; POST: save and apply to every region."""
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    rule = get_object_or_404(SuppressionRule, pk=pk, administrator=administrator) if pk else None
    source = request.POST if request.method == "POST" else request.GET
    if not any(name in source for name in RULE_FILTERS) and rule is not None:
        source = QueryDict(rule.query)
    query = _query_of(source)
    initial = {"rank": 1, "action": "ARCHIVE"}
    if rule is not None:
        initial = {f: getattr(rule, f) for f in ("name", "description", "action", "rank")}
    form = SuppressionRuleForm(request.POST if request.method == "POST" else None, initial=initial)
    problems, backtest = [], None
    if query:
        try:
            rule_criteria(query)  # every problem GuardDuty would have, before the back-test
            backtest = rule_backtest(administrator, query)
        except RuleCriteriaError as exc:
            problems = exc.problems
    if request.method == "POST" and form.is_valid():
        try:
            # The form's fields are the service's keywords (name, description, action, ...).
            rule, operation = services.suppression_rule_save(
                request.user, administrator, query=query, rule=rule, **form.cleaned_data
            )
        except ConfigurationError as exc:
            messages.error(request, exc.message)
            problems = problems or exc.problems
        else:
            return redirect("accounts:operation", pk=operation.pk)
    filter_form = FindingFilterSet(QueryDict(query), request=request).form
    context = {
        "administrator": administrator,
        "rule": rule,
        "form": form,
        "filter_fields": [filter_form[name] for name in RULE_FILTERS],
        "query": query,
        "backtest": backtest,
        "problems": problems,
        "regions": enabled_regions(administrator),
    }
    return render(
        request,
        "configuration/rule_edit.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


rule_apply = definition_operation_view(SuppressionRule, services.suppression_rule_apply)
rule_delete = definition_operation_view(SuppressionRule, services.suppression_rule_delete)
rule_refresh = refresh_view(suppression_rules_refresh, "configuration:rules", ("filter", "filters"))


@writer
@require_POST
def rule_archive_existing(request, account_id: str, pk: int):
    rule = definition_of(request, SuppressionRule, account_id, pk)
    try:
        result = services.suppression_rule_archive_existing(request.user, rule)
    except ConfigurationError as exc:
        messages.error(request, exc.message)
    else:
        done = len(result.done)
        note = ngettext(
            "Archived %(n)d open finding in GuardDuty and here.",
            "Archived %(n)d open findings in GuardDuty and here.",
            done,
        ) % {"n": done}
        if result.failed:
            note += f" {len(result.failed)} could not be: {next(iter(result.failed.values()))}"
        messages.info(request, note)
    return redirect("configuration:rules", account_id)

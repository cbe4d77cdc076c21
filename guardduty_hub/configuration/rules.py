"""Suppression rules: the hub's write operations (named, audited).

Saving a rule checks it (GuardDuty's name rules, rank, the 100-filter quota, criteria GuardDuty
can express, and an explicit confirmation when the back-test finds High or Critical findings),
then applies it to every enabled region as one operation with per-region progress and retry.
"""

import re

from django.db import transaction
from django.utils.translation import ngettext

from guardduty_hub.accounts.models import AwsAccount, MembershipOperation, OperationKind
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.fanout import definition_operation, enabled_regions
from guardduty_hub.configuration.models import RuleAction, SuppressionRule
from guardduty_hub.configuration.rule_backtest import matching_findings, rule_backtest
from guardduty_hub.configuration.rule_criteria import RuleCriteriaError, rule_criteria
from guardduty_hub.findings.services import ActionResult, finding_archive

NAME = re.compile(r"^[A-Za-z0-9._-]{3,64}$")
MAX_FILTERS = 100  # per account and Region, GuardDuty's quota


def _checked(administrator, rule, *, name, description, action, rank, query) -> dict:
    problems = []
    if not NAME.match(name):
        problems.append(
            "Name: 3 to 64 letters, digits, dots, dashes or underscores (GuardDuty's rule)."
        )
    if not 1 <= rank <= MAX_FILTERS:
        problems.append(f"Rank: from 1 to {MAX_FILTERS}.")
    if action not in RuleAction.values:
        problems.append("Action: ARCHIVE or NOOP.")
    if len(description) > 512:
        problems.append("Description: at most 512 characters.")
    others = SuppressionRule.objects.filter(administrator=administrator)
    if rule is not None:
        others = others.exclude(pk=rule.pk)
    if others.filter(name=name).exists():
        problems.append(f"Name: there is already a rule named “{name}”.")
    if rule is None and others.count() >= MAX_FILTERS:
        problems.append(f"GuardDuty allows {MAX_FILTERS} filters per Region; delete one first.")
    try:
        criteria = rule_criteria(query)
    except RuleCriteriaError as exc:
        problems.extend(exc.problems)
        criteria = {}
    if problems:
        raise ConfigurationError("The rule was not saved.", problems)
    return criteria


def suppression_rule_save(
    actor,
    administrator: AwsAccount,
    *,
    name: str,
    query: str,
    description: str = "",
    action: str = RuleAction.ARCHIVE,
    rank: int = 1,
    confirmed_severe: bool = False,
    rule: SuppressionRule | None = None,
) -> tuple[SuppressionRule, MembershipOperation]:
    """Create (rule None) or change a rule, then apply it to every enabled region."""
    criteria = _checked(
        administrator,
        rule,
        name=name,
        description=description,
        action=action,
        rank=rank,
        query=query,
    )
    backtest = rule_backtest(administrator, query)
    if action == RuleAction.ARCHIVE and backtest.needs_confirmation and not confirmed_severe:
        raise ConfigurationError(
            ngettext(
                "This rule would have archived %(n)d High or Critical finding. "
                "Confirm that you mean it to save the rule.",
                "This rule would have archived %(n)d High or Critical findings. "
                "Confirm that you mean it to save the rule.",
                backtest.severe,
            )
            % {"n": backtest.severe}
        )
    if rule is not None and rule.name != name:
        raise ConfigurationError(
            "A rule keeps its name (GuardDuty's key); make a new rule instead."
        )
    with transaction.atomic():
        rule = rule or SuppressionRule(administrator=administrator)
        rule.name, rule.description, rule.action, rule.rank = name, description, action, rank
        rule.query, rule.criteria = query, criteria
        rule.save_by(actor)
        operation = definition_operation(
            actor,
            rule,
            OperationKind.RULE_APPLY,
            enabled_regions(administrator),
            query=query,
            rule_action=action,
            backtest_total=backtest.total,
            backtest_severe=backtest.severe,
        )
    return rule, operation


def suppression_rule_apply(actor, rule: SuppressionRule) -> MembershipOperation:
    """Apply the rule again in every enabled region (drift)."""
    return definition_operation(
        actor, rule, OperationKind.RULE_APPLY, enabled_regions(rule.administrator), change="again"
    )


def suppression_rule_delete(actor, rule: SuppressionRule) -> MembershipOperation:
    regions = set(enabled_regions(rule.administrator))
    regions.update(rule.regions.filter(present=True).values_list("region", flat=True))
    with transaction.atomic():
        rule.deleting = True
        rule.save(update_fields=["deleting", "updated_at"])
        return definition_operation(actor, rule, OperationKind.RULE_DELETE, sorted(regions))


def suppression_rule_archive_existing(actor, rule: SuppressionRule) -> ActionResult:
    """Archive the open findings the rule matches, in GuardDuty (ArchiveFindings, 50 per call)
    and here: a rule itself only acts on findings that arrive after it."""
    if not rule.query:
        raise ConfigurationError("This rule was imported from GuardDuty; the hub cannot match it.")
    found = matching_findings(rule.administrator, rule.query).filter(archived=False)
    return finding_archive(actor, found.order_by("pk"))

"""One region's worth of a suppression rule operation, and reading a region's filters back.

GuardDuty keys filters by name, so applying twice updates what the first run created.
"""

from django.utils import timezone

from guardduty_hub.accounts.steps import StepOutcome, register_step
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.models import SuppressionRule, SuppressionRuleRegion

GONE = "The rule was deleted in the hub meanwhile; nothing to do."


def record_rule_region(rule: SuppressionRule, region: str, found, error: str = "") -> None:
    values = {"checked_at": timezone.now(), "error": error}
    if not error:
        values.update(
            present=found is not None,
            action=found.action if found else "",
            rank=found.rank if found else None,
            description=found.description if found else "",
            criteria=found.criteria if found else {},
        )
    SuppressionRuleRegion.objects.update_or_create(rule=rule, region=region, defaults=values)


def wanted_filter(rule: SuppressionRule) -> gateway.GuardDutyFilter:
    return gateway.GuardDutyFilter(
        name=rule.name,
        action=rule.action,
        rank=rule.rank,
        description=rule.description,
        criteria=rule.criteria,
    )


def apply_rule(access, region: str, detector_id: str, items, params) -> StepOutcome:
    rule = SuppressionRule.objects.filter(pk=params["rule_id"], deleting=False).first()
    if rule is None:
        return StepOutcome.for_items(items, note=GONE)
    try:
        names = {f.name for f in gateway.list_filters(access, region, detector_id)}
        wanted = wanted_filter(rule)
        if rule.name in names:
            gateway.update_filter(access, region, detector_id, wanted)
            note = "Updated."
        else:
            gateway.create_filter(access, region, detector_id, wanted)
            note = "Created."
        now = gateway.get_filter(access, region, detector_id, rule.name)
    except AwsError as exc:
        record_rule_region(rule, region, None, error=exc.message)
        raise
    record_rule_region(rule, region, now)
    return StepOutcome.for_items(items, note=note)


def delete_rule(access, region: str, detector_id: str, items, params) -> StepOutcome:
    rule = SuppressionRule.objects.filter(pk=params["rule_id"]).first()
    if rule is None:
        return StepOutcome.for_items(items, note=GONE)
    try:
        names = {f.name for f in gateway.list_filters(access, region, detector_id)}
        if rule.name in names:
            gateway.delete_filter(access, region, detector_id, rule.name)
    except AwsError as exc:
        record_rule_region(rule, region, None, error=exc.message)
        raise
    SuppressionRuleRegion.objects.filter(rule=rule, region=region).delete()
    if not rule.regions.filter(present=True).exists():
        rule.delete()  # gone everywhere: the definition goes too
    return StepOutcome.for_items(items, note="Deleted." if rule.name in names else "Not there.")


register_step("rule_apply", apply_rule)
register_step("rule_delete", delete_rule)

"""Celery tasks of the configuration app: beat reads every administrator's configuration back
on the membership refresh's interval (beat only fans out; one task per administrator).
Configuration changes run as accounts operations (accounts.tasks.membership_operation_run)."""

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.accounts.tasks import fan_out_per_administrator
from guardduty_hub.configuration.coverage_refresh import coverage_refresh
from guardduty_hub.configuration.intel_list_refresh import intel_lists_refresh
from guardduty_hub.configuration.rule_refresh import suppression_rules_refresh
from guardduty_hub.core.tasks import hub_task


@hub_task("guardduty_hub.configuration.refresh_all", expires=300)
def configuration_refresh_all() -> int:
    return fan_out_per_administrator(configuration_refresh_administrator, expires=300)


@hub_task("guardduty_hub.configuration.refresh_administrator", expires=300)
def configuration_refresh_administrator(administrator_pk: int) -> dict:
    """Errors are recorded on the region they belong to; beat asks again next interval."""
    administrator = AwsAccount.objects.get(pk=administrator_pk)
    return {
        "lists": intel_lists_refresh(administrator),
        "rules": suppression_rules_refresh(administrator),
        "coverage": coverage_refresh(administrator),
    }

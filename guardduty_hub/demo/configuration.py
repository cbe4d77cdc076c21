"""The hub's side of the demo's GuardDuty configuration: the administrator's list bucket, a
baseline (the plans the demo world turns on, every 15 minutes) and everything read back, so the
coverage matrix shows a partly covered organisation (a plan missing, a region off)."""

from typing import Any

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.configuration.coverage_refresh import coverage_refresh
from guardduty_hub.configuration.intel_list_refresh import intel_lists_refresh
from guardduty_hub.configuration.models import AdministratorSettings, ProtectionBaseline
from guardduty_hub.configuration.protection import baseline_save
from guardduty_hub.configuration.rule_refresh import suppression_rules_refresh

DEMO_BASELINE = {
    "S3_DATA_EVENTS": True,
    "EKS_AUDIT_LOGS": True,
    "EBS_MALWARE_PROTECTION": True,
    "RUNTIME_MONITORING": True,
    "RUNTIME_MONITORING/EC2_AGENT_MANAGEMENT": True,
}


def configure_demo(world: dict[str, Any]) -> list[str]:
    administrator = AwsAccount.objects.filter(
        account_id=world["administrator"]["account_id"]
    ).first()
    if administrator is None:
        return ["configuration: no administrator onboarded"]
    if world.get("list_bucket"):
        AdministratorSettings.objects.get_or_create(
            administrator=administrator,
            defaults={"list_bucket": world["list_bucket"], "list_bucket_region": "us-east-1"},
        )
    if not ProtectionBaseline.objects.filter(administrator=administrator).exists():
        baseline_save(None, administrator, frequency="FIFTEEN_MINUTES", plans=DEMO_BASELINE)
    coverage_refresh(administrator)
    intel_lists_refresh(administrator)
    suppression_rules_refresh(administrator)
    return [f"configuration: baseline and coverage of {administrator.account_id} read"]

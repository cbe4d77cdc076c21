"""Reading every region's filters back (beat, "Read every region again").

A filter GuardDuty holds that the hub does not know is imported as a rule with its criteria as
found (no list query: the page shows its criteria; the hub cannot back-test it).
"""

from django.db import transaction

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.fanout import read_every_region
from guardduty_hub.configuration.models import SuppressionRule
from guardduty_hub.configuration.rule_steps import record_rule_region


def suppression_rules_refresh(administrator: AwsAccount) -> dict:
    counts = {"regions": 0, "imported": 0, "errors": 0}

    def failed(region: str, exc: AwsError) -> None:
        for rule in SuppressionRule.objects.filter(administrator=administrator):
            record_rule_region(rule, region, None, error=exc.message)
        counts["errors"] += 1

    read = read_every_region(administrator, gateway.list_filters, failed)
    counts["regions"] = len(read)
    with transaction.atomic():
        rules = {r.name: r for r in SuppressionRule.objects.filter(administrator=administrator)}
        for region, filters in read.items():
            for found in filters:
                if found.name not in rules:
                    rules[found.name] = SuppressionRule.objects.create(
                        administrator=administrator,
                        name=found.name,
                        description=found.description,
                        action=found.action,
                        rank=found.rank,
                        criteria=found.criteria,
                    )
                    counts["imported"] += 1
                    audit_record(
                        None, "configuration.rule_import", rules[found.name], region=region
                    )
        for region, filters in read.items():
            by_name = {f.name: f for f in filters}
            for name, rule in rules.items():
                record_rule_region(rule, region, by_name.get(name))
    return counts

"""One region's worth of applying the baseline, or of disabling GuardDuty on a member; each
reads the region's coverage back afterwards."""

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.steps import StepOutcome, register_step
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.coverage import ASSOCIATED
from guardduty_hub.configuration.coverage_refresh import coverage_refresh_region
from guardduty_hub.configuration.models import ProtectionBaseline
from guardduty_hub.configuration.plans import features_payload


def apply_baseline(access, region: str, detector_id: str, items, params) -> StepOutcome:
    outcome = StepOutcome()
    administrator = items[0].operation.administrator
    baseline = ProtectionBaseline.objects.get(administrator=administrator)
    features = features_payload(baseline.plans)
    members = [i.account.account_id for i in items if i.account_id != administrator.pk]
    gateway.update_detector_config(
        access,
        region,
        detector_id,
        finding_publishing_frequency=baseline.finding_publishing_frequency,
        features=features,
    )
    outcome.notes[administrator.account_id] = "Detector updated."
    if members:
        statuses = {
            m.account_id: m.relationship_status
            for m in gateway.get_members(access, region, detector_id, members).members
        }
        targets = [a for a in members if statuses.get(a) in ASSOCIATED]
        for account_id in members:
            if account_id not in targets:
                outcome.notes[account_id] = "Not a member in this region; nothing to do."
        if targets:
            result = gateway.update_member_features(access, region, detector_id, targets, features)
            outcome.take(result)
            for account_id in result.processed:
                outcome.notes[account_id] = "Member detector updated."
    coverage_refresh_region(administrator, region)
    return outcome


def disable_detector(access, region: str, detector_id: str, items, params) -> StepOutcome:
    """Through each member's own role (GuardDuty lets only the account itself do this)."""
    outcome = StepOutcome()
    for item in items:
        member = access_for(item.account)
        try:
            found = gateway.list_detector_id(member, region)
            if found is None:
                outcome.notes[item.account.account_id] = "No detector here; nothing to do."
            elif params.get("mode") == "delete":
                gateway.delete_detector(member, region, found)
                outcome.notes[item.account.account_id] = "Detector deleted."
            else:
                gateway.update_detector_config(member, region, found, enable=False)
                outcome.notes[item.account.account_id] = "Detector suspended."
        except AwsError as exc:
            outcome.failed[item.account.account_id] = exc.message
    coverage_refresh_region(items[0].operation.administrator, region)
    return outcome


register_step("baseline_apply", apply_baseline)
register_step("detector_disable", disable_detector)

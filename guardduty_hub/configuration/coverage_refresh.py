"""Reading detectors and protection plans back: the administrator's with GetDetector, its
members' with GetMembers (relationship) and GetMemberDetectors (features), 50 per call."""

from django.utils import timezone

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.administrators import (
    administrator_detector,
    record_region_error,
)
from guardduty_hub.accounts.models import AwsAccount, Membership
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.configuration.coverage import ASSOCIATED
from guardduty_hub.configuration.fanout import enabled_regions
from guardduty_hub.configuration.models import DetectorCoverage
from guardduty_hub.configuration.plans import plans_of


def _store(administrator, account, region, **values) -> None:
    values.setdefault("error", "")
    values["checked_at"] = timezone.now()
    DetectorCoverage.objects.update_or_create(
        administrator=administrator, account=account, region=region, defaults=values
    )


def coverage_refresh_region(administrator: AwsAccount, region: str) -> None:
    access = access_for(administrator)
    members = {
        m.member.account_id: m.member
        for m in Membership.objects.filter(administrator=administrator).select_related("member")
    }
    try:
        detector_id = administrator_detector(administrator, region)
        config = gateway.get_detector_config(access, region, detector_id)
        statuses = {
            m.account_id: m.relationship_status
            for m in gateway.get_members(access, region, detector_id, list(members)).members
        }
        associated = [a for a, s in statuses.items() if s in ASSOCIATED]
        features = gateway.get_member_features(access, region, detector_id, associated)
    except AwsError as exc:
        record_region_error(administrator, region, exc)
        for account in [administrator, *members.values()]:
            DetectorCoverage.objects.update_or_create(
                administrator=administrator,
                account=account,
                region=region,
                defaults={"error": exc.message, "checked_at": timezone.now()},
            )
        return
    _store(
        administrator,
        administrator,
        region,
        detector_status=config.status,
        member_status="",
        finding_publishing_frequency=config.finding_publishing_frequency,
        plans=plans_of(config.features),
    )
    for account_id, account in members.items():
        status = statuses.get(account_id, "")
        _store(
            administrator,
            account,
            region,
            member_status=status,
            # A member's detector is as GuardDuty reports the relationship (Disabled: stopped).
            detector_status="ENABLED" if status == "Enabled" else ("DISABLED" if status else ""),
            finding_publishing_frequency=config.finding_publishing_frequency,
            plans=plans_of(features.found.get(account_id, [])),
        )


def coverage_refresh(administrator: AwsAccount) -> dict:
    regions = enabled_regions(administrator)
    for region in regions:
        coverage_refresh_region(administrator, region)
    return {"regions": len(regions)}

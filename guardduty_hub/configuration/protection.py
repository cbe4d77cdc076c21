"""Detectors and protection plans: the baseline, applying it, disabling GuardDuty on a member.

Named, audited write operations; the GuardDuty calls run as accounts operations (per-region
progress, retry of failures only) whose steps are in detector_steps.py.
"""

from django.db import transaction

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AwsAccount, Membership, OperationKind
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.fanout import configuration_operation, enabled_regions
from guardduty_hub.configuration.models import ProtectionBaseline
from guardduty_hub.configuration.plans import FREQUENCIES, PLAN_KEYS

DISABLE_MODES = {
    "disable": "Suspend the detector (UpdateDetector Enable=false): it can be turned on again",
    "delete": "Delete the detector: its settings and its findings in that account go with it",
}


def baseline_save(
    actor, administrator: AwsAccount, *, frequency: str, plans: dict[str, bool]
) -> ProtectionBaseline:
    if frequency not in dict(FREQUENCIES):
        raise ConfigurationError("Choose a finding publishing frequency GuardDuty offers.")
    wanted = {key: bool(plans.get(key)) for key in PLAN_KEYS}
    # Agent management is part of Runtime Monitoring: it cannot be on while the plan is off.
    if not wanted["RUNTIME_MONITORING"]:
        for key in PLAN_KEYS:
            if key.startswith("RUNTIME_MONITORING/"):
                wanted[key] = False
    baseline, _ = ProtectionBaseline.objects.update_or_create(
        administrator=administrator,
        defaults={"finding_publishing_frequency": frequency, "plans": wanted},
    )
    audit_record(actor, "configuration.baseline", administrator, frequency=frequency, plans=wanted)
    return baseline


def baseline_apply(actor, administrator: AwsAccount):
    """UpdateDetector on the administrator and UpdateMemberDetectors on its members, in every
    enabled region."""
    baseline = ProtectionBaseline.objects.filter(administrator=administrator).first()
    if baseline is None:
        raise ConfigurationError("Set a baseline first.")
    regions = enabled_regions(administrator)
    member_ids = (
        Membership.objects.filter(administrator=administrator, region__in=regions)
        .values_list("member_id", flat=True)
        .distinct()
    )
    accounts = [administrator, *AwsAccount.objects.filter(pk__in=member_ids).order_by("account_id")]
    return configuration_operation(
        actor,
        OperationKind.BASELINE_APPLY,
        administrator,
        regions,
        accounts=accounts,
        subject="Protection baseline",
        page="configuration:coverage",
        page_label="the coverage matrix",
    )


def member_guardduty_disable(
    actor, administrator: AwsAccount, member: AwsAccount, regions: list[str], *, mode: str
):
    """Through the MEMBER's role, disable or delete its detector in `regions` (distinct from
    suspending monitoring, StopMonitoringMembers, which the accounts page keeps)."""
    if mode not in DISABLE_MODES:
        raise ConfigurationError("Choose to suspend or delete the detector.")
    if member.pk == administrator.pk:
        raise ConfigurationError("This is the administrator itself; the hub does not disable it.")
    if not regions:
        raise ConfigurationError("Choose at least one region.")
    with transaction.atomic():
        return configuration_operation(
            actor,
            OperationKind.DETECTOR_DISABLE,
            administrator,
            sorted(regions),
            accounts=[member],
            audit_action="configuration.guardduty_disable",
            subject=f"Disable GuardDuty in {member}",
            page="configuration:coverage",
            page_label="the coverage matrix",
            mode=mode,
        )

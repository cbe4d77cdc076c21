"""One region's worth of an Organizations change: auto-enable for the organization's accounts
(UpdateOrganizationConfiguration, the administrator's call) or designating the delegated
administrator (EnableOrganizationAdminAccount, the management account's call: the operation's
one account is the management account, and its role makes the call).

Both are idempotent in GuardDuty (designating the account already delegated answers OK), so
a step run twice (a retry) does no harm.
"""

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.models import OperationKind
from guardduty_hub.accounts.steps import StepOutcome, register_step
from guardduty_hub.aws import AwsError, gateway

ORG_CONFIGURE = OperationKind.ORG_CONFIGURE
ORG_DESIGNATE = OperationKind.ORG_DESIGNATE


def configure_organization(access, region: str, detector_id: str, items, params) -> StepOutcome:
    gateway.update_organization_configuration(
        access,
        region,
        detector_id,
        auto_enable_members=params["auto_enable"],
        features=params.get("features") or {},
    )
    return StepOutcome.for_items(items, note=f"Auto-enable set to {params['auto_enable']}.")


def designate_admin(access, region: str, detector_id: str, items, params) -> StepOutcome:
    outcome = StepOutcome()
    administrator_id = items[0].operation.administrator.account_id
    for item in items:  # the management account (one)
        try:
            gateway.enable_organization_admin_account(
                access_for(item.account), region, administrator_id
            )
        except AwsError as exc:
            outcome.failed[item.account.account_id] = exc.message
        else:
            outcome.notes[item.account.account_id] = f"{administrator_id} is delegated here."
    return outcome


register_step(ORG_CONFIGURE, configure_organization)
register_step(ORG_DESIGNATE, designate_admin)

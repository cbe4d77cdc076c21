"""The hub's side of the demo world: onboard its administrator, know its members, scope users.

Called by the demo launcher (guardduty_hub/demo/steps.py) with the simulator's world
description (GET /moto-api/static/guardduty/world). Idempotent: it runs on every demo start.
"""

from typing import Any

from django.db import transaction

from guardduty_hub.accounts.administrators import administrator_onboard
from guardduty_hub.accounts.memberships import memberships_refresh
from guardduty_hub.accounts.models import AccountScope, AwsAccount

# The demo user who owns the member the world leaves Invited (see guardduty_hub/demo/users.py).
MEMBER_OWNER_USERNAME = "member"


def fetch_world(simulator_url: str) -> dict[str, Any]:
    import requests

    response = requests.get(f"{simulator_url}/moto-api/static/guardduty/world", timeout=10)
    response.raise_for_status()
    return response.json()


def onboard_demo_world(world: dict[str, Any]) -> list[str]:
    """Onboard the administrator with the world's regions; add members; scope the owner.

    Returns lines for the launcher to print.
    """
    admin_spec = world["administrator"]
    # The administrator is the simulator's default account: the hub's own credentials.
    administrator, report = administrator_onboard(
        None,
        account_id=admin_spec["account_id"],
        name=admin_spec.get("name") or "Security",
        use_hub_credentials=True,
        regions=list(world["regions"]),
    )
    if administrator is None:
        return [f"could not onboard the demo administrator: {report.error}"]
    invited = None
    with transaction.atomic():
        for spec in world["members"]:
            account, _ = AwsAccount.objects.update_or_create(
                account_id=spec["account_id"],
                defaults={
                    "name": spec["name"],
                    "root_email": spec["email"],
                    "role_arn": spec["role_arn"],
                },
            )
            if spec.get("status") == "Invited" and invited is None:
                invited = account
    errors = memberships_refresh(administrator)
    lines = [
        f"administrator {administrator.account_id} onboarded in {', '.join(report.detector_regions)}"
    ]
    lines += [f"refresh {region}: {error}" for region, error in errors.items()]
    if invited is not None:
        owner = _scope_member_owner(invited)
        if owner:
            lines.append(f"member owner '{owner}' owns {invited} (left Invited: accept it)")
    return lines


def _scope_member_owner(account: AwsAccount) -> str | None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=MEMBER_OWNER_USERNAME).first()
    if user is None:
        return None
    AccountScope.objects.update_or_create(user=user, account=account, defaults={"is_owner": True})
    return user.username

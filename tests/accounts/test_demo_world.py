"""The demo hook: the simulator's demo world onboarded on the hub's side, idempotently."""

import pytest
from django.contrib.auth.models import Group, User

from guardduty_hub.accounts.models import AccountKind, AccountScope, AwsAccount, Membership
from guardduty_hub.core import roles
from guardduty_hub.demo.world import onboard_demo_world
from guardduty_hub.simulator import controls

pytestmark = pytest.mark.django_db


def test_demo_world_is_onboarded_and_the_invited_member_has_an_owner(gd_sim):
    world = controls.reset("demo")
    owner = User.objects.create_user("member")
    owner.groups.add(Group.objects.get(name=roles.MEMBER_OWNER))

    lines = onboard_demo_world(world)
    assert any("onboarded" in line for line in lines), lines
    admin = AwsAccount.objects.get(kind=AccountKind.ADMINISTRATOR)
    assert sorted(
        admin.admin_regions.filter(enabled=True).values_list("region", flat=True)
    ) == sorted(world["regions"])
    by_name = {m["name"]: m for m in world["members"]}
    invited = by_name["Sandbox"]
    statuses = set(
        Membership.objects.filter(member__account_id=invited["account_id"]).values_list(
            "relationship_status", flat=True
        )
    )
    assert statuses == {"Invited"}
    scope = AccountScope.objects.get(user=owner)
    assert scope.account.account_id == invited["account_id"] and scope.is_owner

    # Runs on every demo start: nothing duplicated.
    onboard_demo_world(world)
    assert AwsAccount.objects.filter(kind=AccountKind.ADMINISTRATOR).count() == 1
    assert AccountScope.objects.count() == 1

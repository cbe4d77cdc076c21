"""The demo world is a partly covered organisation: the coverage matrix has something to say."""

import pytest

from guardduty_hub.configuration.coverage import coverage_matrix
from guardduty_hub.demo.configuration import configure_demo
from guardduty_hub.demo.world import onboard_demo_world
from guardduty_hub.simulator import controls

pytestmark = pytest.mark.django_db


def test_demo_coverage_partly_covered_with_a_baseline(gd_sim, admin_alice):
    world = controls.reset("demo")
    onboard_demo_world(world)
    assert any("baseline" in line for line in configure_demo(world))
    configure_demo(world)  # every demo start: idempotent
    from guardduty_hub.accounts.models import AwsAccount

    admin = AwsAccount.objects.get(account_id=world["administrator"]["account_id"])
    _, rows, baseline = coverage_matrix(admin_alice, admin)
    assert baseline is not None and admin.configuration_settings.list_bucket
    names = {m["account_id"]: m["name"] for m in world["members"]}
    names[admin.account_id] = "Administrator"
    states = {(names[r.account.account_id], region): c for r in rows for region, c in r.cells}
    assert states[("Administrator", "us-east-1")].state == "covered"
    assert states[("Production", "eu-west-1")].state == "covered"
    assert states[("Data platform", "us-east-1")].state == "partial"
    assert states[("Data platform", "us-east-1")].missing == ["Malware Protection for EC2"]
    assert states[("Staging", "ap-southeast-2")].state == "off"
    assert states[("Sandbox", "us-east-1")].state == "not a member"

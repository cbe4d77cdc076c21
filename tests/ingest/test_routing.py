"""Routing an event's finding to its (administrator, region): administrators themselves, their
members, the bus owner for an account the hub does not know; a few queries however many events
(memberships are looked up per member, not loaded whole)."""

import pytest

from guardduty_hub.accounts.models import AccountKind, AdministratorRegion, AwsAccount, Membership
from guardduty_hub.sync.events import routing
from guardduty_hub.sync.events.routing import PairRouter

pytestmark = pytest.mark.django_db

ADMIN, OTHER_ADMIN, MEMBER, STRANGER = (
    "123456789012",
    "210000000001",
    "111122223333",
    "999988887777",
)


class Clock:
    now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def world():
    admin = AwsAccount.objects.create(account_id=ADMIN, kind=AccountKind.ADMINISTRATOR)
    other = AwsAccount.objects.create(account_id=OTHER_ADMIN, kind=AccountKind.ADMINISTRATOR)
    for a in (admin, other):
        AdministratorRegion.objects.create(administrator=a, region="us-east-1")
    AdministratorRegion.objects.create(administrator=admin, region="eu-west-1", enabled=False)
    member = AwsAccount.objects.create(account_id=MEMBER)
    Membership.objects.create(
        administrator=other, member=member, region="us-east-1", relationship_status="Removed"
    )
    Membership.objects.create(
        administrator=admin, member=member, region="us-east-1", relationship_status="Enabled"
    )
    return admin, other, member


def test_who_files_each_finding(world, django_assert_max_num_queries):
    admin, other, _ = world
    router = PairRouter(Clock())
    assert router.administrator_for(ADMIN, "us-east-1") == admin.pk
    assert router.administrator_for(OTHER_ADMIN, "us-east-1") == other.pk
    assert router.administrator_for(MEMBER, "us-east-1") == admin.pk  # the Enabled relationship
    assert router.administrator_for(ADMIN, "eu-west-1") is None  # switched off there
    assert router.administrator_for(STRANGER, "us-east-1") is None
    assert router.administrator_for(STRANGER, "us-east-1", bus_account=OTHER_ADMIN) == other.pk
    with django_assert_max_num_queries(0):
        for _ in range(100):
            router.administrator_for(MEMBER, "us-east-1")
            router.administrator_for(ADMIN, "us-east-1")


def test_an_account_onboarded_later_is_found_after_the_miss_expires(world):
    admin, _, _ = world
    clock = Clock()
    router = PairRouter(clock)
    assert router.administrator_for(STRANGER, "us-east-1") is None
    stranger = AwsAccount.objects.create(account_id=STRANGER)
    Membership.objects.create(administrator=admin, member=stranger, region="us-east-1")
    assert router.administrator_for(STRANGER, "us-east-1") is None  # remembered miss
    clock.now += routing.MISS_SECONDS + 1
    assert router.administrator_for(STRANGER, "us-east-1") == admin.pk

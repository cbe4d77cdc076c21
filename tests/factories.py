"""factory_boy factories for the rows tests need: users, AWS accounts, findings.

`make_finding(**columns)` is THE way a test makes a finding row as the sync would store it; any
column can be overridden. Times follow a fixed clock (NOW, each new row a minute older) unless
`first_seen_ago` is given, which places the finding that long before the real now (the
dashboard counts "new in 24 hours" against the wall clock).
"""

from datetime import UTC, datetime, timedelta

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone
from factory.django import DjangoModelFactory

from guardduty_hub.accounts.models import AccountKind, AwsAccount
from guardduty_hub.findings.choices import severity_band
from guardduty_hub.findings.models import Finding

PASSWORD = "correct horse battery staple"
# The fixed "now" of rows made without first_seen_ago.
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
MEMBER_ID = "111111111111"


class UserFactory(DjangoModelFactory):
    """A user signing in with PASSWORD; `role` (a core.roles name) puts them in its group."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, role, **kwargs):
        if create and role:
            self.groups.add(Group.objects.get(name=role))


class AwsAccountFactory(DjangoModelFactory):
    """A member account the hub knows (12-digit ids from 100000000001 up)."""

    class Meta:
        model = AwsAccount

    account_id = factory.Sequence(lambda n: f"{100000000001 + n}")
    name = factory.LazyAttribute(lambda o: f"Account {o.account_id}")


class AdministratorFactory(AwsAccountFactory):
    """A GuardDuty administrator the hub reaches with its own credentials."""

    kind = AccountKind.ADMINISTRATOR
    uses_hub_credentials = True


def _seen(o) -> datetime:
    if o.first_seen_ago is not None:
        return timezone.now() - o.first_seen_ago
    return NOW - timedelta(minutes=o.n)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    class Params:
        n = factory.Sequence(lambda n: n + 1)
        first_seen_ago: timedelta | None = None

    account_id = MEMBER_ID
    region = "us-east-1"
    api_region = factory.SelfAttribute("region")
    guardduty_id = factory.LazyAttribute(lambda o: f"{o.n:032x}")
    arn = factory.LazyAttribute(
        lambda o: f"arn:aws:guardduty:{o.region}:{o.account_id}:detector/d/finding/{o.guardduty_id}"
    )
    partition = "aws"
    detector_id = "d" * 32
    type = "Recon:EC2/PortProbeUnprotectedPort"
    threat_purpose = "Recon"
    resource_type_affected = "EC2"
    threat_family = "PortProbeUnprotectedPort"
    severity = 5.0
    severity_band = factory.LazyAttribute(lambda o: severity_band(o.severity))
    title = factory.LazyAttribute(lambda o: f"Finding {o.n}")
    description = "Unprotected port probed."
    resource_type = "Instance"
    resource_id = factory.LazyAttribute(lambda o: f"i-{o.n:017x}")
    action_type = "PORT_PROBE"
    updated_at = factory.LazyAttribute(_seen)
    # A fixed-clock row was first seen a day before its last update; a dated one, when dated.
    created_at = factory.LazyAttribute(
        lambda o: o.updated_at if o.first_seen_ago is not None else o.updated_at - timedelta(days=1)
    )
    first_seen_at = factory.SelfAttribute("created_at")
    last_seen_at = factory.SelfAttribute("updated_at")
    count = 1
    raw = factory.LazyAttribute(lambda o: {"Id": o.guardduty_id, "Type": o.type})
    first_synced_at = factory.SelfAttribute("updated_at")
    last_seen_in_guardduty_at = factory.SelfAttribute("updated_at")


def make_finding(**columns) -> Finding:
    """A finding row as the sync would store it (see the module docstring)."""
    return FindingFactory(**columns)

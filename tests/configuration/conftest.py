"""Configuration set-ups: the hub's administrator (tests/fixtures/membership.py) with a bucket
for list files in moto's S3, named in its settings."""

import pytest

from guardduty_hub.configuration.models import AdministratorSettings
from tests.fixtures.membership import HUB_ADMIN, REGIONS

BUCKET = "gdh-config-lists"
GOOD_TXT = b"# office and VPN\n203.0.113.0/24\n198.51.100.7  # the VPN\n\n2001:db8::/32\n"


@pytest.fixture
def list_bucket(sim, hub_admin):
    sim.client("s3").create_bucket(Bucket=BUCKET)
    AdministratorSettings.objects.create(
        administrator=hub_admin, list_bucket=BUCKET, list_bucket_region="us-east-1"
    )
    return BUCKET


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run the operation it enqueues, as the worker would; the operation
    (or the service's (definition, operation) pair) comes back refreshed."""

    def call(service, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = service(*args, **kwargs)
        operation = result[1] if isinstance(result, tuple) else result
        operation.refresh_from_db()
        return result

    return call


def guardduty_sets(sim, kind="trusted", region="us-east-1"):
    """{name: (status, location)} of the administrator's lists in GuardDuty, read with boto3."""
    gd, detector = sim.guardduty(HUB_ADMIN, region), sim.detector(HUB_ADMIN, region)
    if kind == "trusted":
        ids = gd.list_ip_sets(DetectorId=detector)["IpSetIds"]
        got = [gd.get_ip_set(DetectorId=detector, IpSetId=i) for i in ids]
    else:
        ids = gd.list_threat_intel_sets(DetectorId=detector)["ThreatIntelSetIds"]
        got = [gd.get_threat_intel_set(DetectorId=detector, ThreatIntelSetId=i) for i in ids]
    return {g["Name"]: (g["Status"], g["Location"]) for g in got}


__all__ = ["BUCKET", "GOOD_TXT", "HUB_ADMIN", "REGIONS", "guardduty_sets"]


@pytest.fixture
def enabled_member(run_operation, admin_alice, hub_admin, members):
    """The first member, Enabled under the hub's administrator in every region."""
    from guardduty_hub.accounts.invitations import invitation_accept, invitations_refresh

    run_operation(admin_alice, "invite", hub_admin, members[:1], REGIONS)
    invitations_refresh(members[0])
    invitation_accept(admin_alice, members[0], HUB_ADMIN)
    return members[0]

"""Configuration set-ups: the hub's administrator (tests/fixtures/membership.py) with a bucket
for list files in moto's S3, named in its settings."""

import pytest

from guardduty_hub.accounts.models import ItemState, OperationState
from guardduty_hub.accounts.operations import operation_retry
from guardduty_hub.configuration.models import AdministratorSettings
from guardduty_hub.simulator import faults
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


@pytest.fixture
def retry(django_capture_on_commit_callbacks):
    """Clear the faults, retry the operation as the worker would, return how many retried."""

    def call(actor, operation):
        faults.clear_faults()
        done_before = operation.items.filter(state=ItemState.DONE).values_list("pk", "finished_at")
        done_before = dict(done_before)
        with django_capture_on_commit_callbacks(execute=True):
            count = operation_retry(actor, operation)
        operation.refresh_from_db()
        # What was done stays done: only the failed region ran again.
        assert (
            dict(operation.items.filter(pk__in=done_before).values_list("pk", "finished_at"))
            == done_before
        )
        return count

    return call


def only_failed_region(operation, region="eu-west-1") -> str:
    """The operation failed in `region` alone; its AWS message."""
    assert operation.state == OperationState.PARTIAL
    failed = list(operation.items.filter(state=ItemState.FAILED))
    assert {i.region for i in failed} == {region}
    return failed[0].result


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


__all__ = ["BUCKET", "GOOD_TXT", "HUB_ADMIN", "REGIONS", "guardduty_sets", "only_failed_region"]

"""The sync fills the indicator tables from every page it writes, idempotently, in two bulk
statements per page (through boto3 to the simulator, on the configured database)."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guardduty_hub.findings.mapping import finding_from_guardduty
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.upsert import finding_upsert_page
from guardduty_hub.investigations.extract import indicators_of
from guardduty_hub.investigations.models import FindingIndicator, Indicator
from guardduty_hub.sync.services import sync_region
from tests.findings.builders import BASE_TIME, raw_finding
from tests.fixtures.sync_world import OTHER_REGION, REGION

pytestmark = pytest.mark.django_db


def stored_links() -> set[tuple[int, str, str]]:
    return set(
        FindingIndicator.objects.values_list("finding_id", "indicator__kind", "indicator__value")
    )


def expected_links() -> set[tuple[int, str, str]]:
    return {
        (pk, found.kind, found.value)
        for pk, raw in Finding.objects.values_list("pk", "raw")
        for found in indicators_of(raw)
    }


def test_a_full_sync_links_every_finding_to_its_indicators(sync_world):
    sync_world.populate(120, region=REGION, seed=1)
    sync_world.populate(40, region=OTHER_REGION, seed=2)
    assert sync_region(sync_world.admin.pk, REGION, full=True).status == "succeeded"
    assert sync_region(sync_world.admin.pk, OTHER_REGION, full=True).status == "succeeded"

    links = stored_links()
    assert links == expected_links()
    assert {kind for _, kind, _ in links} >= {"ip", "instance", "access_key", "bucket", "domain"}
    # Each link carries its finding's account, region and first/last seen.
    for link in FindingIndicator.objects.select_related("finding")[:50]:
        finding = link.finding
        assert link.account_id == finding.account_id
        assert link.region == (finding.region or finding.api_region)
        assert link.last_seen_at == (finding.last_seen_at or finding.updated_at)

    # A second full run changes nothing.
    before = (Indicator.objects.count(), FindingIndicator.objects.count())
    sync_region(sync_world.admin.pk, REGION, full=True)
    assert (Indicator.objects.count(), FindingIndicator.objects.count()) == before


def test_a_page_writes_its_indicators_in_two_statements(db):
    raws = [raw_finding(instance_id=f"i-{n:017x}") for n in range(50)]
    for n, raw in enumerate(raws):
        raw["Service"]["Action"] = {
            "ActionType": "NETWORK_CONNECTION",
            "NetworkConnectionAction": {
                "RemoteIpDetails": {
                    "IpAddressV4": f"198.51.100.{n % 7}",
                    "Organization": {"Asn": "64500", "AsnOrg": "Example Networks"},
                    "Country": {"CountryName": "Iceland"},
                }
            },
        }
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        finding_upsert_page(
            [finding_from_guardduty(r) for r in raws],
            administrator_id=None,
            api_region="us-east-1",
            now=timezone.now(),
        )
    ours = [
        statement
        for q in queries.captured_queries
        for statement in q["sql"].split("; INSERT")
        if "investigations_" in statement
    ]
    assert len(ours) == 2
    assert Indicator.objects.filter(kind="ip").count() == 7
    ip = Indicator.objects.get(kind="ip", value="198.51.100.3")
    assert (ip.asn, ip.org, ip.country) == ("64500", "Example Networks", "Iceland")
    assert FindingIndicator.objects.filter(indicator=ip).count() == len(range(3, 50, 7))
    assert FindingIndicator.objects.count() == 100  # 50 instances + 50 remote IPs


def test_a_newer_copy_moves_the_links_last_seen(db):
    raw = raw_finding(finding_id="f" * 32)
    page = [finding_from_guardduty(raw)]
    with transaction.atomic():
        finding_upsert_page(page, administrator_id=None, api_region=REGION, now=timezone.now())
    later = raw_finding(finding_id="f" * 32, updated=BASE_TIME + timedelta(days=2), count=2)
    with transaction.atomic():
        finding_upsert_page(
            [finding_from_guardduty(later)],
            administrator_id=None,
            api_region=REGION,
            now=timezone.now(),
        )
    link = FindingIndicator.objects.get()
    assert link.last_seen_at == BASE_TIME + timedelta(days=2)
    assert link.first_seen_at == BASE_TIME - timedelta(days=1)


def test_an_indicator_row_is_written_as_the_fields_of_found():
    """The writer hands orjson the Found objects themselves: their fields are the columns."""
    import dataclasses

    from guardduty_hub.investigations.extract import Found
    from guardduty_hub.investigations.store import INDICATOR_COLUMNS

    assert tuple(f.name for f in dataclasses.fields(Found)) == INDICATOR_COLUMNS

"""The configuration pages read a fixed number of queries, however many accounts and regions
(no N+1): the coverage matrix, its CSV, the lists and the rules pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guardduty_hub.accounts.models import AwsAccount, Membership
from guardduty_hub.configuration.models import (
    DetectorCoverage,
    IntelList,
    IntelListRegion,
    SuppressionRule,
    SuppressionRuleRegion,
)
from tests.configuration.conftest import HUB_ADMIN, REGIONS

PAGES = ["configuration:coverage", "configuration:coverage_csv", "configuration:lists"]
PAGES += ["configuration:rules"]


def grow(hub_admin, start: int, count: int) -> None:
    for n in range(start, start + count):
        account = AwsAccount.objects.create(account_id=f"{n:012d}", name=f"Member {n}")
        lst = IntelList.objects.create(
            administrator=hub_admin, kind="threat", name=f"feed-{n}", location="https://x/y"
        )
        rule = SuppressionRule.objects.create(
            administrator=hub_admin, name=f"rule-{n}", query="type=X", criteria={}
        )
        for region in REGIONS:
            Membership.objects.create(
                administrator=hub_admin,
                member=account,
                region=region,
                relationship_status="Enabled",
            )
            DetectorCoverage.objects.create(
                administrator=hub_admin, account=account, region=region, detector_status="ENABLED"
            )
            IntelListRegion.objects.create(intel_list=lst, region=region, guardduty_id="i")
            SuppressionRuleRegion.objects.create(rule=rule, region=region, present=True)


def queries(client, name) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, args=[HUB_ADMIN]))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_coverage_and_lists_pages_query_budget(client_for, admin_alice, sim, hub_admin, name):
    client = client_for(admin_alice)
    grow(hub_admin, 500, 2)
    queries(client, name)  # the session's and permissions' first reads
    few = queries(client, name)
    grow(hub_admin, 600, 8)
    assert queries(client, name) == few
    assert few <= 12

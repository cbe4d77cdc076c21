"""The dashboard issues a fixed number of queries, whatever the number of findings."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount, Membership
from tests.factories import make_finding

pytestmark = pytest.mark.django_db

# Session, user, permissions (2), account scope (2 when scoped); the findings numbers from the
# kept counts (3: per account and band, per day and band, per region and type) and new in 24 h
# (1), the top accounts' names, member statuses, sync health (2).
BUDGET = 14


def _queries(client, path="/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _findings_reads(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return sum('"findings_finding"' in q["sql"] for q in captured)


def _more_data(accounts, n: int) -> None:
    admin, _ = AwsAccount.objects.get_or_create(account_id="999999999999", kind="administrator")
    for i in range(n):
        make_finding(
            account_id=accounts[i % 3].account_id,
            region=["us-east-1", "eu-west-1", "ap-south-1", "us-west-2"][i % 4],
            severity=[2.0, 5.0, 8.0, 9.5][i % 4],
            type=f"Recon:EC2/Type{i % 12}",
            first_seen_ago=timedelta(hours=i * 7),
        )
    for i, region in enumerate(["us-east-1", "eu-west-1", "ap-south-1"][: max(1, n // 20)]):
        AdministratorRegion.objects.get_or_create(administrator=admin, region=region)
        Membership.objects.get_or_create(
            administrator=admin,
            member=accounts[i],
            region=region,
            defaults={"relationship_status": "Enabled"},
        )


@pytest.mark.parametrize("user_fixture", ["viewer_carol", "scoped_frank"])
def test_query_count_does_not_grow_with_data(request, client, accounts, user_fixture):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    _more_data(accounts, 4)
    # The first request of a session also stores per-session things (the time zone).
    client.get("/")
    few = _queries(client)
    _more_data(accounts, 120)
    many = _queries(client)
    assert many == few
    assert many <= BUDGET
    assert _findings_reads(client) == 1  # only new in 24 h reads the findings themselves
    assert _queries(client, "/?days=90") == many

"""The dashboard counts the default finding list (current, no samples) the user may see."""

import re

import pytest
from django.utils import timezone

from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount, Membership
from guardduty_hub.sync.models import SyncState
from tests.dashboard.conftest import _cards

pytestmark = pytest.mark.django_db


def test_cards_count_current_findings_and_new_ones_per_band(client, viewer_carol, findings):
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    # Archived and sample findings (both Critical, both new) are not counted.
    assert _cards(html) == {
        "Critical": (1, 1),
        "High": (3, 1),
        "Medium": (2, 1),
        "Low": (2, 0),
    }


def test_scoped_user_counts_only_their_accounts(client, scoped_frank, findings):
    client.force_login(scoped_frank)
    html = client.get("/").content.decode()
    assert _cards(html) == {"Critical": (1, 1), "High": (2, 0), "Medium": (0, 0), "Low": (0, 0)}
    assert "222222222222" not in html
    assert "333333333333" not in html


def test_top_lists(client, viewer_carol, findings):
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    accounts = re.search(r'aria-label="Top accounts">(.*?)</section>', html, re.S).group(1)
    # Names with their ids, biggest first; counts link to the list.
    assert re.findall(r'title="Member (\d)"', accounts) == ["1", "2", "3"]
    regions = re.search(r'aria-label="Top regions">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r'title="([a-z0-9-]+)"', regions) == ["us-east-1", "eu-west-1", "ap-south-1"]
    types = re.search(r'aria-label="Top finding types">(.*?)</section>', html, re.S).group(1)
    assert "C&amp;CActivity" in types  # escaped in the page, and linked (see the link tests)


def test_chart_range_30_and_90_days(client, viewer_carol, findings):
    client.force_login(viewer_carol)
    thirty = client.get("/").content.decode()
    ninety = client.get("/?days=90").content.decode()
    # The 40- and 80-day-old findings are only in the 90-day chart.
    assert "(by first seen, UTC; 6 in 30 days)" in thirty
    assert "(by first seen, UTC; 8 in 90 days)" in ninety
    assert thirty.count("<rect ") == 6  # one bar segment per (day, band) here
    assert client.get("/?days=7").content.decode().count("in 30 days") == 1


def test_member_status_counts_accounts_once_per_status(client, viewer_carol, accounts):
    admin = AwsAccount.objects.create(account_id="999999999999", kind="administrator")
    for region in ("us-east-1", "eu-west-1"):
        Membership.objects.create(
            administrator=admin, member=accounts[0], region=region, relationship_status="Enabled"
        )
    Membership.objects.create(
        administrator=admin, member=accounts[1], region="us-east-1", relationship_status="Enabled"
    )
    Membership.objects.create(
        administrator=admin, member=accounts[2], region="us-east-1", relationship_status="Invited"
    )
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    assert re.search(
        r'Enabled</span></td>\s*<td class="num"><a href="/accounts/\?status=Enabled">2<', html
    )
    assert re.search(
        r'Invited</span></td>\s*<td class="num"><a href="/accounts/\?status=Invited">1<', html
    )


def test_sync_health(client, viewer_carol, settings):
    now = timezone.now()
    admin = AwsAccount.objects.create(account_id="999999999999", kind="administrator")
    for region in ("us-east-1", "eu-west-1", "ap-south-1", "us-west-2"):
        AdministratorRegion.objects.create(administrator=admin, region=region)
    AdministratorRegion.objects.create(administrator=admin, region="sa-east-1", enabled=False)
    SyncState.objects.create(administrator=admin, region="us-east-1", last_success_at=now)
    SyncState.objects.create(
        administrator=admin,
        region="eu-west-1",
        last_success_at=now - timezone.timedelta(hours=5),
    )
    SyncState.objects.create(
        administrator=admin, region="ap-south-1", consecutive_failures=2, last_error="denied"
    )
    # Switched off: not counted, however it is doing.
    SyncState.objects.create(administrator=admin, region="sa-east-1", consecutive_failures=9)
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    section = re.search(r'id="sync-title".*?</section>', html, re.S).group(0)
    numbers = [int(n) for n in re.findall(r'href="/sync/"[^>]*>(\d+)<', section)]
    assert numbers == [1, 1, 1, 1]  # recent, late, failing, never (us-west-2)
    assert "4 administrator regions enabled" in section


def test_user_without_role_sees_no_numbers(client, outsider_erin, findings):
    client.force_login(outsider_erin)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dashboard</h1>" in html
    assert "no role" in html
    assert "data-band" not in html

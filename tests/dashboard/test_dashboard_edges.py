"""Edges of the one-pass counting: range boundaries, missing times, an empty scope."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from guardduty_hub.accounts.models import AccountScope
from guardduty_hub.core import roles
from guardduty_hub.findings.models import Finding
from tests.dashboard.conftest import _cards
from tests.factories import make_finding
from tests.fixtures.personas import make_user

pytestmark = pytest.mark.django_db


def _chart_total(html: str, days: int = 30) -> int:
    return int(re.search(rf"(\d+) in {days} days\)", html).group(1))


def test_chart_starts_at_midnight_utc_of_its_first_day(client, viewer_carol, accounts):
    first_day = datetime.combine(timezone.now().date() - timedelta(days=29), time.min, UTC)
    inside, outside = make_finding(), make_finding()
    Finding.objects.filter(pk=inside.pk).update(first_seen_at=first_day)
    Finding.objects.filter(pk=outside.pk).update(
        first_seen_at=first_day - timedelta(microseconds=1)
    )
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    assert _chart_total(html) == 1
    assert _cards(html)["Medium"] == (2, 0)  # both are current findings all the same


def test_new_means_first_seen_in_the_last_24_hours(client, viewer_carol, accounts):
    make_finding(severity=8.0, first_seen_ago=timedelta(hours=23, minutes=59))
    make_finding(severity=8.0, first_seen_ago=timedelta(hours=24, minutes=1))
    client.force_login(viewer_carol)
    assert _cards(client.get("/").content.decode())["High"] == (2, 1)


def test_finding_without_first_seen_counts_as_current_only(client, viewer_carol, accounts):
    undated = make_finding(severity=9.5, first_seen_ago=timedelta(hours=1))
    Finding.objects.filter(pk=undated.pk).update(first_seen_at=None)
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    assert _cards(html)["Critical"] == (1, 0)
    assert _chart_total(html) == 0


def test_member_owner_without_accounts_sees_zeros(client, accounts, findings):
    owner = make_user("olga", roles.MEMBER_OWNER)
    client.force_login(owner)
    html = client.get("/").content.decode()
    assert set(_cards(html).values()) == {(0, 0)}
    assert _chart_total(html) == 0
    # Given an account, the same page counts it.
    AccountScope.objects.create(user=owner, account=accounts[0], is_owner=True)
    assert _cards(client.get("/").content.decode())["Critical"] == (1, 1)


def test_top_lists_break_ties_by_name_and_stop_at_eight(client, viewer_carol, accounts):
    for n in range(10):
        make_finding(type=f"Recon:EC2/Tie{n}", region=f"xx-tie-{n}")
    make_finding(type="Recon:EC2/Tie9", region="xx-tie-9")
    client.force_login(viewer_carol)
    html = client.get("/").content.decode()
    types = re.search(r'aria-label="Top finding types">(.*?)</section>', html, re.S).group(1)
    shown = re.findall(r'title="(Recon:EC2/Tie\d)"', types)
    assert shown == ["Recon:EC2/Tie9", *[f"Recon:EC2/Tie{n}" for n in range(7)]]

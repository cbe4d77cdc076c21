"""The Sync page with an administrator onboarded without detectors (issue 15.10): the regions
where GuardDuty is off read as one collapsed line per administrator, not a row each."""

import re

import pytest
from django.urls import reverse

from guardduty_hub.accounts.administrators import administrator_onboard
from guardduty_hub.accounts.models import AdministratorRegion
from guardduty_hub.aws.detectors import candidate_regions
from guardduty_hub.sync.services import sync_region
from tests.fixtures.membership import role_arn
from tests.fixtures.sync_world import OTHER_REGION, REGION

pytestmark = pytest.mark.django_db
NEWCOMER = "444444444444"


@pytest.fixture
def newcomer(sync_world, sim, admin_alice):
    """A second administrator, onboarded over every region with a detector in one only."""
    sim.detector(NEWCOMER, "eu-west-1")
    account, report = administrator_onboard(
        admin_alice, account_id=NEWCOMER, role_arn=role_arn(NEWCOMER), regions=candidate_regions()
    )
    assert report.ok and report.detector_regions == ["eu-west-1"]
    return account


def _page(client_for, user) -> str:
    return client_for(user).get(reverse("sync:overview")).content.decode()


def test_regions_without_a_detector_are_one_collapsed_line(
    client_for, viewer_carol, sync_world, newcomer
):
    off = sorted(
        AdministratorRegion.objects.filter(administrator=newcomer, detector_id="").values_list(
            "region", flat=True
        )
    )
    assert len(off) > 10
    html = _page(client_for, viewer_carol)
    # The pairs with a detector: a row each, both administrators.
    assert f'data-pair="{NEWCOMER}/eu-west-1"' in html
    assert f'data-pair="{sync_world.admin.account_id}/{REGION}"' in html
    assert f'data-pair="{sync_world.admin.account_id}/{OTHER_REGION}"' in html
    # The others: no row each, one line for the newcomer, collapsed, naming every region.
    assert not any(f'data-pair="{NEWCOMER}/{region}"' in html for region in off)
    assert html.count("data-switched-off=") == 1
    line = re.search(r'data-switched-off="444444444444">(.*?)</tr>', html, re.S).group(1)
    assert f"GuardDuty is off in {len(off)} regions" in line
    assert "<details>" in line and "<details open" not in line
    assert ", ".join(off) in line
    assert "switched off</span>" not in html


def test_one_region_off_reads_singular(client_for, viewer_carol, sync_world):
    AdministratorRegion.objects.create(
        administrator=sync_world.admin, region="ap-south-1", enabled=False
    )
    html = _page(client_for, viewer_carol)
    assert "GuardDuty is off in 1 region:" in html


def test_a_region_switched_off_with_a_detector_or_history_keeps_its_row(
    client_for, viewer_carol, sync_world
):
    sync_region(sync_world.admin.pk, OTHER_REGION)  # history in the other region
    AdministratorRegion.objects.filter(administrator=sync_world.admin).update(enabled=False)
    html = _page(client_for, viewer_carol)
    for region in (REGION, OTHER_REGION):  # a detector, switched off in the hub by a person
        assert f'data-pair="{sync_world.admin.account_id}/{region}"' in html
    assert html.count("switched off</span>") == 2
    assert "data-switched-off=" not in html


def test_the_grouped_page_keeps_its_query_budget(
    client_for, viewer_carol, sync_world, newcomer, django_assert_max_num_queries
):
    sync_region(sync_world.admin.pk, REGION)
    client = client_for(viewer_carol)
    # As tests/sync/test_sync_page.py: 12 + event flows + the user's account scope.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("sync:overview")).status_code == 200

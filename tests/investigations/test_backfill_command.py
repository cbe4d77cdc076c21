"""`manage.py backfill_indicators` gives findings stored before the app their indicators."""

import io

import pytest
from django.core.management import call_command

from guardduty_hub.findings.models import Finding
from guardduty_hub.investigations.extract import indicators_of
from guardduty_hub.investigations.models import FindingIndicator, Indicator
from guardduty_hub.sync.services import sync_region
from tests.fixtures.sync_world import REGION

pytestmark = pytest.mark.django_db


def test_backfill_restores_every_link_and_is_idempotent(sync_world):
    sync_world.populate(80, region=REGION, seed=5)
    sync_region(sync_world.admin.pk, REGION, full=True)
    expected = set(FindingIndicator.objects.values_list("finding_id", "indicator__value"))
    assert expected
    # As a database from before the app: findings without indicators.
    Indicator.objects.all().delete()
    assert not FindingIndicator.objects.exists()

    out = io.StringIO()
    call_command("backfill_indicators", "--batch", "30", stdout=out)
    assert "Done: 80 findings" in out.getvalue()
    assert set(FindingIndicator.objects.values_list("finding_id", "indicator__value")) == expected
    assert expected == {
        (pk, found.value)
        for pk, raw in Finding.objects.values_list("pk", "raw")
        for found in indicators_of(raw)
    }
    call_command("backfill_indicators", stdout=io.StringIO())
    assert FindingIndicator.objects.count() == len(expected)


def test_the_demo_backfills_a_database_synced_before_the_app(db):
    from guardduty_hub.demo.steps import DemoContext, indicators_step
    from tests.findings.builders import raw_finding
    from tests.investigations.world import store

    store([raw_finding(instance_id="i-0demo")], "us-east-1")
    FindingIndicator.objects.all().delete()
    said: list[str] = []
    indicators_step(DemoContext(simulator_url=None, say=said.append))
    assert FindingIndicator.objects.filter(indicator__value="i-0demo").exists()
    assert said == ["indicators extracted from 1 findings synced earlier"]
    indicators_step(DemoContext(simulator_url=None, say=said.append))
    assert len(said) == 1  # nothing to do the second time

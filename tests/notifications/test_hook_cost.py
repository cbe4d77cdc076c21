"""The upsert hook is cheap when nothing is configured: at most the one cached rule query, then
none per page; a saved rule is seen at once by this process."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guardduty_hub.findings.mapping import finding_from_guardduty
from guardduty_hub.findings.upsert import finding_upsert_page
from guardduty_hub.notifications.models import PendingNotification
from guardduty_hub.simulator.findings.api import findings_of
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.notifications.conftest import make_channel, make_rule
from tests.notifications.support import REGION, publish


def _notification_queries(values, admin, minutes: int) -> list[str]:
    # A newer copy each time, so the page is written and the hook runs.
    values = [replace(v, updated_at=datetime(2030, 1, 1, 0, minutes, tzinfo=UTC)) for v in values]
    with CaptureQueriesContext(connection) as seen:
        finding_upsert_page(
            values, administrator_id=admin.pk, api_region=REGION, now=datetime.now(UTC)
        )
    return [q["sql"] for q in seen.captured_queries if "notifications_" in q["sql"]]


@pytest.mark.django_db
def test_no_rule_costs_no_query_per_page_and_a_new_rule_is_seen_at_once(ingest):
    publish(ingest.world, "h1")
    values = [finding_from_guardduty(f) for f in findings_of(ADMIN_ACCOUNT, REGION)]
    admin = ingest.world.admin
    assert len(_notification_queries(values, admin, 1)) == 1  # the rules, into the cache
    assert _notification_queries(values, admin, 2) == []
    assert _notification_queries(values, admin, 3) == []
    make_rule(make_channel("http://127.0.0.1:9/hook"))
    publish(ingest.world, "h2")
    sync_region(admin.pk, REGION)
    assert PendingNotification.objects.count() == 1

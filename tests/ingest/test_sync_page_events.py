"""The Sync page says per administrator and region whether events are flowing, and shows Admins
the dead-lettered messages with their reasons (escaped: a message is untrusted text)."""

from django.urls import reverse

from guardduty_hub.simulator.findings.api import advance_activity
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import OTHER_REGION, REGION


def pair_row(page: str, region: str) -> str:
    start = page.index(f'data-pair="{ADMIN_ACCOUNT}/{region}"')
    return page[start : page.index("</tr>", start)]


def test_events_flowing_per_pair_and_dead_letters_for_admins(
    client, ingest, admin_alice, viewer_carol, settings
):
    settings.INGEST_QUEUE_URL = ingest.setup.queue_url
    advance_activity(ADMIN_ACCOUNT, REGION, seed=1, new=2, reoccur=0)
    ingest.send('{"source": "<script>alert(1)</script>"}')
    ingest.drain()

    client.force_login(admin_alice)
    page = client.get(reverse("sync:overview")).content.decode()
    assert "last event" in pair_row(page, REGION) and "2 received" in pair_row(page, REGION)
    assert "no events yet" in pair_row(page, OTHER_REGION)
    assert "arrive within seconds" in page
    assert "Dead-lettered events (1)" in page and "Not a GuardDuty finding event" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    client.force_login(viewer_carol)
    page = client.get(reverse("sync:overview")).content.decode()
    assert "2 received" in pair_row(page, REGION)
    assert "Dead-lettered events" not in page and "alert(1)" not in page


def test_without_a_queue_the_page_says_events_are_not_set_up(client, sync_world, admin_alice):
    client.force_login(admin_alice)
    page = client.get(reverse("sync:overview")).content.decode()
    assert "Near-real-time events are not set up" in page

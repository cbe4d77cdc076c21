"""/metrics: Prometheus text from the hub's rows, only with the token or from an allowed
address; off when neither is configured."""

import pytest
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from guardduty_hub.findings.models import Finding
from guardduty_hub.simulator.findings.api import advance_activity
from guardduty_hub.sync.services import sync_region
from tests.fixtures.simulator import ADMIN_ACCOUNT
from tests.fixtures.sync_world import REGION, recent_window

TOKEN = "metrics-token-for-tests-0123456789"


def samples(text: str) -> dict:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    return settings


def test_off_without_a_token_or_addresses(client, db, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    answer = client.get(reverse("metrics"))
    assert answer.status_code == 403 and b"Metrics are off" in answer.content


def test_refused_without_the_token_and_from_other_addresses(client, db, metrics_on):
    assert client.get(reverse("metrics")).status_code == 403
    wrong = client.get(reverse("metrics"), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    metrics_on.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert client.get(reverse("metrics"), REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get(reverse("metrics"), REMOTE_ADDR="192.0.2.1").status_code == 403
    assert client.post(reverse("metrics"), REMOTE_ADDR="10.1.2.3").status_code == 405


def test_sync_events_dead_letters_queue_and_findings(client, ingest, metrics_on):
    metrics_on.INGEST_QUEUE_URL = ingest.setup.queue_url
    ingest.world.populate(5, **recent_window())
    sync_region(ingest.world.admin.pk, REGION)
    advance_activity(ADMIN_ACCOUNT, REGION, seed=1, new=2, reoccur=0)
    ingest.send("not json")
    ingest.drain()
    ingest.send("waiting")  # one message left in the queue

    answer = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/plain")
    got = samples(answer.content.decode())
    pair = (("administrator", ADMIN_ACCOUNT), ("region", REGION))
    assert 0 <= got[("gdh_sync_lag_seconds", pair)] < 60
    runs = (("kind", "full"), ("status", "succeeded"))
    assert got[("gdh_sync_runs_total", runs)] == 1
    assert got[("gdh_events_received_total", pair)] == 2
    assert ("gdh_events_last_event_age_seconds", pair) in got
    assert got[("gdh_events_dead_lettered_total", (("kind", "malformed"),))] == 1
    assert got[("gdh_sqs_up", ())] == 1
    assert got[("gdh_sqs_messages", (("state", "visible"),))] == 1
    bands = {labels: v for (name, labels), v in got.items() if name == "gdh_findings"}
    open_findings = Finding.objects.filter(archived=False, gone_from_guardduty_at__isnull=True)
    assert Finding.objects.count() == 7 and sum(bands.values()) == open_findings.count() > 0

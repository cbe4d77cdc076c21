"""`/metrics`: the hub's health in Prometheus' text format (the official `prometheus_client`).

Read from the database (and the queue) at scrape time by one collector, so every web process
answers the same numbers without prometheus_client's multiprocess mode: the rows the sync and
the consumer already keep are the source (runs, states, event flows, dead letters, findings),
and the notifications app's deliveries (notifications/metrics.py).

Protected: a request passes with `Authorization: Bearer <METRICS_TOKEN>`, or from an address in
METRICS_ALLOWED_IPS (REMOTE_ADDR). With neither configured the endpoint is off (403).
"""

import hmac
import ipaddress
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotAllowed
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from guardduty_hub.aws import AwsError, sqs
from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.models import Finding
from guardduty_hub.notifications.metrics import NotificationCollector
from guardduty_hub.sync.events.consumer import HUB_ACCESS
from guardduty_hub.sync.models import DeadLetter, EventFlow, SyncRun, SyncState

log = logging.getLogger(__name__)


class HubCollector:
    def collect(self):
        now = timezone.now()
        yield from self._sync(now)
        yield from self._events(now)
        yield from self._queue()
        yield from self._findings()

    def _sync(self, now):
        lag = GaugeMetricFamily(
            "gdh_sync_lag_seconds",
            "Seconds since the pair's last successful sync (absent: never succeeded).",
            labels=["administrator", "region"],
        )
        failing = GaugeMetricFamily(
            "gdh_sync_consecutive_failures",
            "Failed runs in a row per pair (0: the last run succeeded).",
            labels=["administrator", "region", "permanent"],
        )
        for state in SyncState.objects.select_related("administrator").only(
            "region",
            "last_success_at",
            "consecutive_failures",
            "last_error_permanent",
            "administrator__account_id",
        ):
            pair = [state.administrator.account_id, state.region]
            if state.last_success_at is not None:
                lag.add_metric(pair, (now - state.last_success_at).total_seconds())
            failing.add_metric(
                [*pair, str(state.last_error_permanent).lower()], state.consecutive_failures
            )
        runs = CounterMetricFamily(
            "gdh_sync_runs", "Sync runs recorded, by kind and outcome.", labels=["kind", "status"]
        )
        for row in SyncRun.objects.values("kind", "status").annotate(n=Count("id")).order_by():
            runs.add_metric([row["kind"], row["status"]], row["n"])
        yield from (lag, failing, runs)

    def _events(self, now):
        received = CounterMetricFamily(
            "gdh_events_received",
            "Finding events stored from the queue, per pair.",
            labels=["administrator", "region"],
        )
        age = GaugeMetricFamily(
            "gdh_events_last_event_age_seconds",
            "Seconds since the newest event of the pair was published.",
            labels=["administrator", "region"],
        )
        for flow in EventFlow.objects.select_related("administrator"):
            pair = [flow.administrator.account_id, flow.region]
            received.add_metric(pair, flow.events_received)
            if flow.last_event_at is not None:
                age.add_metric(pair, (now - flow.last_event_at).total_seconds())
        dead = CounterMetricFamily(
            "gdh_events_dead_lettered", "Queue messages dead-lettered, by reason.", labels=["kind"]
        )
        for row in DeadLetter.objects.values("kind").annotate(n=Count("id")).order_by():
            dead.add_metric([row["kind"]], row["n"])
        yield from (received, age, dead)

    def _queue(self):
        """The queue's backlog (the consumer's lag) from SQS itself; absent when unreachable."""
        if not settings.INGEST_QUEUE_URL:
            return
        up = GaugeMetricFamily("gdh_sqs_up", "1 when the queue answered this scrape.")
        messages = GaugeMetricFamily(
            "gdh_sqs_messages",
            "Messages in the finding events queue, waiting (visible) or being handled.",
            labels=["state"],
        )
        try:
            info = sqs.queue_info(
                HUB_ACCESS, settings.INGEST_QUEUE_REGION, settings.INGEST_QUEUE_URL
            )
        except AwsError as exc:
            log.warning("metrics: the queue did not answer: %s", exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        messages.add_metric(["visible"], info.visible)
        messages.add_metric(["in_flight"], info.in_flight)
        yield from (up, messages)

    def _findings(self):
        findings = GaugeMetricFamily(
            "gdh_findings",
            "Findings GuardDuty still has, not archived, by severity band and hub status.",
            labels=["band", "status"],
        )
        rows = (
            Finding.objects.filter(archived=False, gone_from_guardduty_at__isnull=True)
            .values("severity_band", "status")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            band = SeverityBand(row["severity_band"]).label.lower()
            findings.add_metric([band, row["status"]], row["n"])
        yield findings


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_IPS
    )


@login_not_required  # machines scrape it: a token or an address instead of a session
def metrics(request):
    # Refused before anything else (the method too): nothing is said to an unknown caller.
    if not settings.METRICS_TOKEN and not settings.METRICS_ALLOWED_IPS:
        return HttpResponseForbidden("Metrics are off: set METRICS_TOKEN or METRICS_ALLOWED_IPS.\n")
    if not _allowed(request):
        return HttpResponseForbidden("A metrics token or an allowed address is required.\n")
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    registry = CollectorRegistry(auto_describe=False)
    registry.register(HubCollector())
    registry.register(NotificationCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

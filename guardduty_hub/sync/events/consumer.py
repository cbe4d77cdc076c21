"""The event consumer: long-poll the queue, store findings in batches, delete after commit.

One batch:
1. receive: wait (long poll) for a first message, then take what else is there at once, up to
   INGEST_BATCH_SIZE messages or INGEST_BATCH_WINDOW_SECONDS after the first;
2. decode and route each message (decode.py, routing.py); what cannot be used is poison;
3. ONE transaction: the findings through the sync's own conditional upsert (`store_page`, per
   administrator and region), the pairs' event-flow rows, and a DeadLetter row per poison
   message with its reason;
4. after the commit: poison messages are sent to the dead-letter queue, then every message of
   the batch is deleted.

A crash anywhere loses nothing: messages not deleted come back after the visibility timeout and
are written again by the same idempotent upsert (a row per finding, the newest copy wins);
their DeadLetter rows are unique by message id. A batch whose write fails is retried one
message at a time, so one bad message is dead-lettered with its error and the rest are stored.
The database being unreachable is not the messages' fault: nothing is dead-lettered, the
consumer backs off and the messages come back. The watermark is never touched: polling stays
the backstop and the source of truth.
"""

import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    transaction,
)
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from guardduty_hub.aws import AccountAccess, AwsError, TransientAwsError, sqs
from guardduty_hub.aws.sqs import OutgoingMessage, QueueMessage
from guardduty_hub.findings.mapping import FindingValues
from guardduty_hub.findings.upsert import UpsertCounts
from guardduty_hub.sync.events.decode import FindingEvent, Poison, finding_event
from guardduty_hub.sync.events.routing import PairRouter
from guardduty_hub.sync.fetch import PairContext, store_page
from guardduty_hub.sync.models import DeadLetter, DeadLetterKind, EventFlow
from guardduty_hub.sync.retry import call_with_retries

log = logging.getLogger(__name__)

# The hub's own identity (boto3's default chain): the queue is in the hub's account.
HUB_ACCESS = AccountAccess(account_id="", use_hub_credentials=True)
POLL_WAIT_SECONDS = 5  # a stop request waits at most this long for the current long poll
MAX_BACKOFF_SECONDS = 30.0
WRITE_ATTEMPTS = 3


@dataclass
class Handled:
    message: QueueMessage
    event: FindingEvent | None = None
    administrator_id: int | None = None
    poison: Poison | None = None


@dataclass
class BatchResult:
    received: int = 0
    stored: int = 0
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    dead_lettered: int = 0
    deleted: int = 0


class EventConsumer:
    def __init__(
        self,
        queue_url: str,
        region: str,
        *,
        access: AccountAccess = HUB_ACCESS,
        router: PairRouter | None = None,
        wait_seconds: int = POLL_WAIT_SECONDS,
    ):
        self.queue_url = queue_url
        self.region = region
        self.access = access
        self.router = router or PairRouter()
        self.wait_seconds = wait_seconds
        self.batch_size = settings.INGEST_BATCH_SIZE
        self.window = settings.INGEST_BATCH_WINDOW_SECONDS
        self.visibility = settings.INGEST_VISIBILITY_TIMEOUT
        self.max_receives = settings.INGEST_MAX_RECEIVES
        self.dead_letter_url: str | None = None

    def start(self) -> None:
        """Find the dead-letter queue from the queue's RedrivePolicy (AWS errors raise)."""
        info = sqs.queue_info(self.access, self.region, self.queue_url)
        if info.dead_letter_arn:
            self.dead_letter_url = sqs.queue_url_for_arn(
                self.access, self.region, info.dead_letter_arn
            )
        else:
            log.warning(
                "queue %s has no RedrivePolicy: unusable messages are kept in the hub's "
                "dead letters only",
                self.queue_url,
            )

    def run(self, should_stop: Callable[[], bool]) -> None:
        """Consume until `should_stop()`; errors are logged and backed off, never raised."""
        self.start_with_retries(should_stop)
        failures = 0
        while not should_stop():
            try:
                # A long-running process: drop a connection the database closed (or that
                # outlived CONN_MAX_AGE) between batches, as Django does between requests.
                close_old_connections()
                self.poll_once()
                failures = 0
            except Exception as exc:
                failures += 1
                delay = min(MAX_BACKOFF_SECONDS, 0.5 * 2**failures) * (0.5 + random.random() / 2)
                if isinstance(exc, AwsError | OperationalError | InterfaceError):
                    log.warning("event consumer: %s; trying again in %.1fs", exc, delay)
                else:
                    log.exception("event consumer: unexpected error; trying again in %.1fs", delay)
                _sleep_unless(should_stop, delay)

    def start_with_retries(self, should_stop: Callable[[], bool]) -> None:
        delay = 1.0
        while not should_stop():
            try:
                self.start()
                return
            except TransientAwsError as exc:
                log.warning("event consumer: cannot read the queue yet (%s)", exc)
                _sleep_unless(should_stop, delay)
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)

    def poll_once(self) -> BatchResult:
        """Receive one batch (waiting up to the long-poll time) and handle it."""
        messages = self.receive_batch()
        if not messages:
            return BatchResult()
        return self.handle(messages)

    def receive_batch(self) -> list[QueueMessage]:
        got = self._receive(self.wait_seconds)
        if not got:
            return []
        deadline = time.monotonic() + self.window
        while len(got) < self.batch_size and time.monotonic() < deadline:
            more = self._receive(0, self.batch_size - len(got))
            if not more:
                break
            got += more
        return got

    def _receive(self, wait: int, limit: int = sqs.BATCH_LIMIT) -> list[QueueMessage]:
        return sqs.receive_messages(
            self.access,
            self.region,
            self.queue_url,
            wait_seconds=wait,
            max_messages=limit,
            visibility_timeout=self.visibility,
        )

    def handle(self, messages: list[QueueMessage]) -> BatchResult:
        handled = [self._classify(m) for m in messages]
        result = BatchResult(received=len(messages))
        try:
            self._write_retrying(handled, result)
        except (OperationalError, InterfaceError):
            raise  # the database, not the messages: they come back after the timeout
        except DatabaseError:
            log.warning("batch of %d failed; storing its messages one by one", len(handled))
            result = BatchResult(received=len(messages))
            for one in handled:
                self._write_alone(one, result)
        self._finish(handled, result)
        log.info(
            "events: %d received, %d findings stored (%d new, %d updated), %d dead-lettered",
            result.received,
            result.stored,
            result.counts.created,
            result.counts.updated,
            result.dead_lettered,
        )
        return result

    def _classify(self, message: QueueMessage) -> Handled:
        if message.receive_count > self.max_receives:
            return Handled(
                message,
                poison=Poison(
                    DeadLetterKind.FAILED,
                    f"Delivered {message.receive_count} times without being stored (the "
                    "consumer stopped or failed while handling it each time).",
                ),
            )
        try:
            event = finding_event(message.body)
        except Poison as poison:
            return Handled(message, poison=poison)
        admin = self.router.administrator_for(
            event.values.account_id, event.region, event.bus_account
        )
        if admin is None:
            return Handled(
                message,
                event,
                poison=Poison(
                    DeadLetterKind.UNKNOWN_ACCOUNT,
                    f"Account {event.values.account_id} is not an administrator or member the "
                    f"hub syncs in {event.region}: onboard it, or switch the region on.",
                    account_id=event.values.account_id,
                    region=event.region,
                ),
            )
        return Handled(message, event, administrator_id=admin)

    def _write(self, handled: list[Handled], result: BatchResult) -> None:
        """One transaction; `result` is added to only once it committed."""
        now = timezone.now()
        groups: dict[tuple[int, str], list[Handled]] = defaultdict(list)
        for one in handled:
            if one.poison is None:
                groups[(one.administrator_id, one.event.region)].append(one)
        poison = [one for one in handled if one.poison is not None]
        written = UpsertCounts()
        with transaction.atomic():
            for (admin, region), members in groups.items():
                values: list[FindingValues] = [m.event.values for m in members]
                written += store_page(_context(admin, region), values, now)
                _flow_seen(admin, region, members, now)
            _record_dead_letters(poison, now)
        result.counts += written
        result.stored += sum(len(members) for members in groups.values())
        result.dead_lettered += len(poison)

    def _write_retrying(self, handled: list[Handled], result: BatchResult) -> None:
        """A deadlock with a sync page writing the same rows (or a connection blip) is the
        database's moment, not the batch's fault: tried again at once, a few times, before
        the messages are left to come back after the visibility timeout."""
        call_with_retries(
            lambda: self._write(handled, result),
            what="batch write",
            attempts=WRITE_ATTEMPTS,
            retry_on=(OperationalError, InterfaceError),
            # Short and without jitter: the other transaction ends within milliseconds.
            delay=lambda attempt: 0.1 * (attempt + 1),
        )

    def _write_alone(self, one: Handled, result: BatchResult) -> None:
        try:
            self._write([one], result)
        except (OperationalError, InterfaceError):
            raise
        except DatabaseError as exc:
            one.poison = Poison(
                DeadLetterKind.FAILED,
                f"The database refused the finding: {exc}".strip(),
                account_id=one.event.values.account_id if one.event else "",
                region=one.event.region if one.event else "",
            )
            self._write([one], result)

    def _finish(self, handled: list[Handled], result: BatchResult) -> None:
        """After the commit: dead-letter queue first, then delete (a crash between repeats)."""
        keep: set[str] = set()
        poison = [one for one in handled if one.poison is not None]
        if poison and self.dead_letter_url:
            try:
                sqs.send_messages(
                    self.access,
                    self.region,
                    self.dead_letter_url,
                    [_dead_letter_message(one) for one in poison],
                )
            except AwsError as exc:
                # Recorded in the hub already; left in the queue to reach the DLQ later.
                log.warning("could not send %d messages to the DLQ: %s", len(poison), exc)
                keep = {one.message.receipt_handle for one in poison}
        handles = [one.message.receipt_handle for one in handled]
        failed = sqs.delete_messages(
            self.access, self.region, self.queue_url, [h for h in handles if h not in keep]
        )
        result.deleted = len(handles) - len(keep) - len(failed)
        if failed:
            # Written already; they come back and are written again, unchanged.
            log.warning("SQS did not delete %d messages; they will be redelivered", len(failed))


def _context(administrator_id: int, region: str) -> PairContext:
    # store_page needs only the pair: no AWS call is made with this context.
    return PairContext(administrator_id, "", region, HUB_ACCESS, "")


def _flow_seen(admin: int, region: str, members: list[Handled], now: datetime) -> None:
    published = [m.event.published_at for m in members if m.event.published_at is not None]
    newest = max(published, default=now)
    flow, _ = EventFlow.objects.get_or_create(
        administrator_id=admin, region=region, defaults={"last_event_at": newest}
    )
    EventFlow.objects.filter(pk=flow.pk).update(
        last_event_at=Greatest(F("last_event_at"), newest),
        last_received_at=now,
        events_received=F("events_received") + len(members),
    )


def _record_dead_letters(poison: list[Handled], now: datetime) -> None:
    if not poison:
        return
    DeadLetter.objects.bulk_create(
        [
            DeadLetter(
                message_id=one.message.message_id,
                kind=one.poison.kind,
                reason=one.poison.reason,
                body=one.message.body,
                account_id=one.poison.account_id,
                region=one.poison.region,
                receive_count=one.message.receive_count,
                received_at=now,
            )
            for one in poison
        ],
        ignore_conflicts=True,  # a redelivered message is recorded once
    )


def _dead_letter_message(one: Handled) -> OutgoingMessage:
    return OutgoingMessage(
        body=one.message.body or "(empty)",
        attributes={
            "reason": one.poison.reason,
            "kind": one.poison.kind,
            "original-message-id": one.message.message_id,
        },
    )


def _sleep_unless(should_stop: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not should_stop() and time.monotonic() < deadline:
        time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))

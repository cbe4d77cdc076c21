"""Fetch findings by id from the administrator's detector and write them, a page at a time."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from guardduty_hub.accounts.audit import audit_record_system_many
from guardduty_hub.aws import AccountAccess, gateway
from guardduty_hub.findings.mapping import FindingValues, NotAFinding, finding_from_guardduty
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.upsert import UpsertCounts, finding_upsert_page
from guardduty_hub.sync.pairs import account_access, detector_for
from guardduty_hub.sync.retry import call_with_retries

log = logging.getLogger(__name__)

PAGE_SIZE = 50  # GuardDuty's maximum for ListFindings and GetFindings


@dataclass(frozen=True)
class PairContext:
    """Everything a run needs to talk to one administrator's detector in one region."""

    administrator_id: int
    account_id: str
    region: str
    access: AccountAccess
    detector_id: str


def pair_context(state) -> PairContext:
    administrator = state.administrator
    access = account_access(administrator)
    detector_id = call_with_retries(
        lambda: detector_for(access, administrator.pk, state.region), what="ListDetectors"
    )
    return PairContext(
        administrator.pk, administrator.account_id, state.region, access, detector_id
    )


def fetch_findings(ctx: PairContext, finding_ids: list[str]) -> list[FindingValues]:
    """GetFindings for at most 50 ids (retried), mapped; ids GuardDuty no longer has are absent."""
    raws = call_with_retries(
        lambda: gateway.get_findings(ctx.access, ctx.region, ctx.detector_id, finding_ids),
        what=f"GetFindings in {ctx.region}",
    )
    values = []
    for raw in raws:
        try:
            values.append(finding_from_guardduty(raw))
        except NotAFinding as exc:
            log.warning("skipped a finding GuardDuty returned in %s: %s", ctx.region, exc)
    return values


def fetch_and_store(
    ctx: PairContext,
    finding_ids: list[str],
    now: datetime,
    also_in_transaction: Callable[[list[FindingValues], UpsertCounts], None] | None = None,
    asynchronous_commit: bool = False,
) -> tuple[list[FindingValues], UpsertCounts]:
    """Fetch one page (<= 50 ids) and upsert it in one transaction with `also_in_transaction`."""
    values = fetch_findings(ctx, finding_ids)
    return values, store_page(ctx, values, now, also_in_transaction, asynchronous_commit)


def store_page(
    ctx: PairContext,
    values: list[FindingValues],
    now: datetime,
    also_in_transaction: Callable[[list[FindingValues], UpsertCounts], None] | None = None,
    asynchronous_commit: bool = False,
) -> UpsertCounts:
    """Upsert one fetched page in one transaction with `also_in_transaction`; committed without
    waiting for the WAL flush when `asynchronous_commit` (findings/upsert.py says when that is
    safe: GuardDuty holds the findings and the caller's progress commits with them).

    Resolved findings the page reopened (they re-occurred) get an audit event each, so their
    history says why they are New again.
    """
    with transaction.atomic():
        counts = finding_upsert_page(
            values,
            administrator_id=ctx.administrator_id,
            api_region=ctx.region,
            now=now,
            asynchronous_commit=asynchronous_commit,
        )
        if counts.reopened:
            audit_record_system_many(
                "finding.reopen",
                Finding.objects.filter(pk__in=counts.reopened).only(
                    "id", "type", "guardduty_id", "title"
                ),
                reason="re-occurred in GuardDuty",
            )
        if also_in_transaction is not None:
            also_in_transaction(values, counts)
    return counts


def chunked(ids: Iterable[str], size: int = PAGE_SIZE) -> Iterable[list[str]]:
    batch: list[str] = []
    for finding_id in ids:
        batch.append(finding_id)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch

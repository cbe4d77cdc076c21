"""GuardDuty takes at most 50 ids per batch call; split, call, and add up the answers.

If a chunk fails after earlier chunks went through, the AwsError raised carries `.partial`, a
`BatchResult` of what was done, so a caller can record it and retry only the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from botocore import xform_name

from guardduty_hub.aws import clients
from guardduty_hub.aws.errors import AwsError, translate
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import BatchResult, UnprocessedAccount, unprocessed_from

BATCH_SIZE = 50

T = TypeVar("T")


def chunks(items: Sequence[T] | Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def unique(ids: Iterable[str]) -> list[str]:
    """Drop duplicates, keep order: a repeated id would be a 400 in some calls."""
    return list(dict.fromkeys(ids))


def run_account_batches(
    account_ids: Sequence[str],
    call: Callable[[list[str]], dict[str, Any]],
    *,
    key: Callable[[Any], str] = str,
    items: Sequence[Any] | None = None,
) -> BatchResult:
    """Call `call(chunk)` per chunk of <= 50 and aggregate `UnprocessedAccounts`.

    `items` (e.g. (account_id, email) pairs) are chunked instead of `account_ids` when given;
    `key` maps an item to its account id.
    """
    source: Sequence[Any] = items if items is not None else account_ids
    processed: list[str] = []
    unprocessed: list[UnprocessedAccount] = []
    for batch in chunks(source):
        try:
            response = call(batch)
        except AwsError as exc:
            if processed or unprocessed:
                exc.partial = BatchResult(tuple(processed), tuple(unprocessed))
            raise
        failed = unprocessed_from(response)
        failed_ids = {u.account_id for u in failed}
        unprocessed.extend(failed)
        processed.extend(k for k in map(key, batch) if k not in failed_ids)
    return BatchResult(processed=tuple(processed), unprocessed=tuple(unprocessed))


def account_batch(
    operation: str,
    access: AccountAccess,
    region: str,
    detector_id: str | None,
    account_ids: Iterable[str],
) -> BatchResult:
    """The shape of the calls below and of the invitation calls: AccountIds (and DetectorId,
    unless None) per batch of 50, UnprocessedAccounts back."""
    gd = clients.guardduty(access, region)
    method = getattr(gd, xform_name(operation))
    where = {"DetectorId": detector_id} if detector_id is not None else {}

    def call(batch: list[str]) -> dict:
        with translate(operation, access, region):
            return method(**where, AccountIds=batch)

    return run_account_batches(unique(account_ids), call)

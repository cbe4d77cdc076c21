"""Detectors' settings and protection plans (Features), the administrator's and its members'.

Features travel in boto3's shape ([{"Name", "Status", "AdditionalConfiguration"}]); the
configuration app turns them into its plans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from guardduty_hub.aws import clients
from guardduty_hub.aws.batching import chunks, run_account_batches, unique
from guardduty_hub.aws.detectors import get_detector
from guardduty_hub.aws.errors import translate
from guardduty_hub.aws.sessions import AccountAccess
from guardduty_hub.aws.shapes import BatchResult, UnprocessedAccount, unprocessed_from


@dataclass(frozen=True)
class DetectorConfig:
    detector_id: str
    status: str  # ENABLED / DISABLED
    finding_publishing_frequency: str
    features: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class MemberFeatures:
    found: dict[str, list[dict[str, Any]]]  # account id -> Features
    unprocessed: tuple[UnprocessedAccount, ...] = ()


def get_detector_config(access: AccountAccess, region: str, detector_id: str) -> DetectorConfig:
    answer = get_detector(access, region, detector_id)
    return DetectorConfig(
        detector_id=detector_id,
        status=answer.get("Status", ""),
        finding_publishing_frequency=answer.get("FindingPublishingFrequency", ""),
        features=list(answer.get("Features") or []),
    )


def update_detector_config(
    access: AccountAccess,
    region: str,
    detector_id: str,
    *,
    enable: bool | None = None,
    finding_publishing_frequency: str = "",
    features: list[dict[str, Any]] | None = None,
) -> None:
    params: dict[str, Any] = {"DetectorId": detector_id}
    if enable is not None:
        params["Enable"] = enable
    if finding_publishing_frequency:
        params["FindingPublishingFrequency"] = finding_publishing_frequency
    if features:
        params["Features"] = features
    with translate("UpdateDetector", access, region):
        clients.guardduty(access, region).update_detector(**params)


def delete_detector(access: AccountAccess, region: str, detector_id: str) -> None:
    with translate("DeleteDetector", access, region):
        clients.guardduty(access, region).delete_detector(DetectorId=detector_id)


def get_member_features(
    access: AccountAccess, region: str, detector_id: str, account_ids: Iterable[str]
) -> MemberFeatures:
    """GetMemberDetectors with the administrator's detector, 50 accounts per call."""
    gd = clients.guardduty(access, region)
    found: dict[str, list[dict[str, Any]]] = {}
    unprocessed: list[UnprocessedAccount] = []
    for batch in chunks(unique(account_ids)):
        with translate("GetMemberDetectors", access, region):
            answer = gd.get_member_detectors(DetectorId=detector_id, AccountIds=batch)
        for member in answer.get("MemberDataSourceConfigurations") or []:
            found[member["AccountId"]] = list(member.get("Features") or [])
        unprocessed.extend(unprocessed_from(answer))
    return MemberFeatures(found=found, unprocessed=tuple(unprocessed))


def update_member_features(
    access: AccountAccess,
    region: str,
    detector_id: str,
    account_ids: Iterable[str],
    features: list[dict[str, Any]],
) -> BatchResult:
    gd = clients.guardduty(access, region)

    def call(batch: list[str]) -> dict:
        with translate("UpdateMemberDetectors", access, region):
            return gd.update_member_detectors(
                DetectorId=detector_id, AccountIds=batch, Features=features
            )

    return run_account_batches(list(unique(account_ids)), call)

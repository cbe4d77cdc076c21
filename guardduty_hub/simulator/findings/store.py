"""Findings per (account, region), kept on moto's GuardDutyBackend so moto's reset clears them.

Findings are stored in the API wire (camelCase) shape, in order of arrival, keyed by id. A
ListFindings result is filtered and sorted once; the id list is kept under a cursor that the
opaque NextToken names, so every further page is a slice (O(page), no re-filtering).
"""

import base64
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from guardduty_hub.simulator import errors, registry
from guardduty_hub.simulator.common import backend

STATE = "gdh_findings"
# Result lists kept per caller store; the oldest go first (a token then answers 400).
MAX_CURSORS = 256


@dataclass
class FindingStore:
    findings: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Ids archived by a suppression rule: never published to EventBridge.
    suppressed: set[str] = field(default_factory=set)
    cursors: OrderedDict[str, tuple[str, ...]] = field(default_factory=OrderedDict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def put(self, finding: dict[str, Any]) -> None:
        with self.lock:
            self.findings[finding["id"]] = finding

    def remember(self, ids: list[str]) -> str:
        """Keep a result list; returns the cursor that tokens name."""
        cursor = secrets.token_hex(8)
        with self.lock:
            self.cursors[cursor] = tuple(ids)
            while len(self.cursors) > MAX_CURSORS:
                self.cursors.popitem(last=False)
        return cursor

    def recall(self, cursor: str) -> tuple[str, ...] | None:
        with self.lock:
            ids = self.cursors.get(cursor)
            if ids is not None:
                self.cursors.move_to_end(cursor)
            return ids


registry.backend_state(STATE, FindingStore)


def store_of(account_id: str, region: str) -> FindingStore:
    # setdefault: a backend created before install() lacks the attribute.
    return backend(account_id, region).__dict__.setdefault(STATE, FindingStore())


def encode_token(cursor: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{cursor}:{offset}".encode()).decode().rstrip("=")


def decode_token(token: str) -> tuple[str, int]:
    try:
        padded = token + "=" * (-len(token) % 4)
        cursor, offset = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        return cursor, int(offset)
    except (ValueError, UnicodeDecodeError):
        raise errors.invalid_parameter("nextToken") from None

"""What an operation's step is: a function that does one region's worth of an operation for
its items, and the registry the runner (operations.py) looks a step up in by kind.

Membership steps are in member_steps.py; other apps add their own kinds with register_step
(configuration's *_steps.py), under the same contract: a step may run twice (a retry after
throttling), and says per account, in plain words, what failed or what it did not do.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from guardduty_hub.aws import gateway


@dataclass
class StepOutcome:
    failed: dict[str, str] = field(default_factory=dict)  # account id -> why, in plain words
    notes: dict[str, str] = field(default_factory=dict)  # account id -> what we did or skipped

    @classmethod
    def for_items(cls, items, *, failed: str = "", note: str = "") -> "StepOutcome":
        """The same word for every item's account: `failed` (why) when given, else `note`."""
        account_ids = [item.account.account_id for item in items]
        if failed:
            return cls(failed=dict.fromkeys(account_ids, failed))
        return cls(notes=dict.fromkeys(account_ids, note))

    def take(self, result: gateway.BatchResult) -> None:
        for item in result.unprocessed:
            self.failed[item.account_id] = item.result or "GuardDuty did not process this account."


@dataclass(frozen=True)
class Step:
    run: Callable[..., StepOutcome]  # (access, region, detector_id, items, params)
    # Membership steps: read the members back afterwards for the accounts table.
    refreshes_members: bool = False


STEPS: dict[str, Step] = {}


def register_step(kind: str, run: Callable[..., StepOutcome], **options) -> None:
    STEPS[kind] = Step(run, **options)

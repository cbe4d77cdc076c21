"""Configuration steps join the accounts operation runner through here.

The runner treats an AccessDenied as the account being out of reach and fails every region.
For configuration it usually belongs to one region (a service control policy denying GuardDuty
there, say): the region's items fail with AWS's message, the other regions go on, and a retry
runs the failed region alone. Refused role assumption stays account-wide.
"""

from guardduty_hub.accounts.operation_steps import StepOutcome, register_step
from guardduty_hub.aws import AccessDeniedError


def register_configuration_step(kind: str, run) -> None:
    def step(access, region: str, detector_id: str, items, params) -> StepOutcome:
        try:
            return run(access, region, detector_id, items, params)
        except AccessDeniedError as exc:
            if exc.operation == "AssumeRole":
                raise
            outcome = StepOutcome()
            for item in items:
                outcome.failed[item.account.account_id] = exc.message
            return outcome

    step.__name__ = run.__name__
    register_step(kind, step)

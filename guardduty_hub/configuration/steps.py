"""Configuration steps join the accounts operation runner through here.

An AccessDenied usually belongs to one region (a service control policy denying GuardDuty
there, say). The runner already fails only that region's items; a configuration step fails
them itself, each with AWS's own message (the runner's says "Not done in <region>", which a
list or a rule's region table would repeat), and the other regions go on; a retry runs the
failed region alone. Refused role assumption stays account-wide.
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

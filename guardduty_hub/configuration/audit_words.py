"""How the audit log reads the configuration app's events, with the labels of plans.py and
organization.py (accounts.audit_words holds the registry; the operations' own events are
described there, from OperationKind). Imported by ConfigurationConfig.ready()."""

from guardduty_hub.accounts.audit_words import (
    OPERATION_HIDDEN,
    describe,
    labelled,
    region_outcomes,
    switched,
)
from guardduty_hub.configuration.organization import AUTO_ENABLE
from guardduty_hub.configuration.plans import FREQUENCIES, PLANS

PLAN_LABELS = {plan.key: plan.label for plan in PLANS}
_AUTO_ENABLE = dict(AUTO_ENABLE)
_FREQUENCY = dict(FREQUENCIES)


def _features(value: dict) -> str:
    """{feature: NEW/ALL/NONE} as "S3 Protection (data events): Every account, present and new"."""
    return "; ".join(
        f"{PLAN_LABELS.get(name, name)}: {_AUTO_ENABLE.get(mode, mode)}"
        for name, mode in value.items()
    )


def _failed_in(d: dict) -> str:
    failed = d.get("failed") or {}
    return f", except in {', '.join(sorted(failed))}" if failed else ""


describe(
    "configuration.organization",
    lambda d: (
        "Set organization auto-enable to “"
        + _AUTO_ENABLE.get(d["auto_enable"], d["auto_enable"])
        + "”"
        + _failed_in(d)
    ),
    values={
        "auto_enable": labelled(_AUTO_ENABLE),
        "features": _features,
        "failed": region_outcomes,
    },
)
describe(
    "configuration.delegated_admin",
    lambda d: (
        f"Made this account GuardDuty's delegated administrator of organization "
        f"management account {d['management']}" + _failed_in(d)
    ),
    values={"failed": region_outcomes},
)
describe(
    "configuration.baseline",
    lambda d: "Set the protection baseline",
    values={"frequency": labelled(_FREQUENCY), "plans": switched(PLAN_LABELS)},
)
describe(
    "configuration.guardduty_disable",
    lambda d: "Started: Disable GuardDuty",
    values={"failed": region_outcomes},
    hidden=OPERATION_HIDDEN,
)
describe("configuration.list_upload", lambda d: "Uploaded a list file")
describe("configuration.settings", lambda d: "Set where list files are stored")
describe(
    "configuration.list_import",
    lambda d: f"Imported a list found in GuardDuty in {d['region']}",
)
describe(
    "configuration.rule_import",
    lambda d: f"Imported a filter found in GuardDuty in {d['region']}",
)

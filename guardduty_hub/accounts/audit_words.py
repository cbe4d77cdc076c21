"""The audit trail in words: a sentence per event and its details as labelled lines.

Events keep what happened as data (AuditEvent.details, JSON); the log reads them as sentences and
with the hub's labels, never as Python dicts or raw AWS values. Each app describes its own
events here (`describe`), from the module that knows the labels: this one for accounts and
memberships (relationship statuses from accounts.choices), findings and configuration from
their apps' ready(). An event nobody described still reads as labelled lines of words.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import ngettext

from guardduty_hub.accounts.choices import status_info
from guardduty_hub.accounts.models import OperationKind

Words = Callable[[Any], str]


@dataclass(frozen=True)
class EventWords:
    sentence: Callable[[dict], str]
    # Per detail key: how its value reads (a label table, a status), over the generic words.
    values: dict[str, Words] = field(default_factory=dict)
    # Details that say nothing to a person (ids of rows shown elsewhere).
    hidden: frozenset[str] = frozenset()


_EVENTS: dict[str, EventWords] = {}

# How a detail's key reads, for every event (a key not here: "list_bucket" -> "List bucket").
KEY_LABELS = {
    "administrator": "Administrator",
    "account_ids": "Accounts",
    "accounts": "Accounts",
    "after": "Now",
    "auto_enable": "Auto-enable",
    "before": "Was",
    "count": "How many",
    "created": "Created in",
    "failed": "Failed",
    "features": "Features",
    "frequency": "Publishing frequency",
    "location": "File",
    "management": "Management account",
    "on_behalf": "On the member's behalf",
    "plans": "Protection plans",
    "query": "Filters",
    "reason": "Why",
    "region": "Region",
    "regions": "Regions",
    "retried": "Items retried",
    "shared": "Shared with everyone",
    "types": "Finding types",
    "via": "Access",
}


def describe(
    action: str,
    sentence: Callable[[dict], str],
    *,
    values: dict[str, Words] | None = None,
    hidden: Iterable[str] = (),
) -> None:
    """Say how events of `action` read (called once per action, by the app that records it)."""
    _EVENTS[action] = EventWords(sentence, dict(values or {}), frozenset(hidden))


def event_sentence(event) -> str:
    """The event as a sentence ("Status in us-east-1: Verifying email → Enabled"); "" if none.

    Plain text: templates escape it (names and details come from the database).
    """
    words = _EVENTS.get(event.action)
    if words is None:
        return ""
    try:
        return words.sentence(event.details or {})
    except (AttributeError, KeyError, TypeError, ValueError):
        return ""  # an older event of another shape: its details still read below


def event_details(event) -> list[tuple[str, str]]:
    """[(label, words)] for each detail worth showing."""
    words = _EVENTS.get(event.action) or EventWords(lambda d: "")
    details = event.details if isinstance(event.details, dict) else {}
    lines = []
    for key, value in details.items():
        if key in words.hidden:
            continue
        reader = words.values.get(key, plain)
        try:
            text = reader(value)
        except (AttributeError, KeyError, TypeError, ValueError):
            text = plain(value)
        lines.append((KEY_LABELS.get(key, key.replace("_", " ").capitalize()), text))
    return lines


def plain(value) -> str:
    """Any JSON value in words: lists joined, mappings as "key: value", yes/no, "none"."""
    if value is None or value == "" or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {plain(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value)
    return str(value)


def labelled(table: dict[str, str]) -> Words:
    """Values read through a label table (choices); an unknown value as it is."""

    def read(value) -> str:
        if isinstance(value, list | tuple):
            return ", ".join(read(item) for item in value) or "none"
        if isinstance(value, dict):
            return "; ".join(f"{table.get(k, k)}: {plain(v)}" for k, v in value.items())
        return table.get(value, plain(value))

    return read


def switched(table: dict[str, str]) -> Words:
    """{key: bool} as "<label> on, <label> off", in the table's order (PostgreSQL's jsonb keeps
    keys in its own order, not the one recorded)."""

    def read(value: dict) -> str:
        keys = [k for k in table if k in value] + [k for k in value if k not in table]
        return ", ".join(f"{table.get(k, k)} {'on' if value[k] else 'off'}" for k in keys)

    return read


def region_outcomes(value) -> str:
    """{region: "ok" or the AWS message} as "eu-west-1: <message>; us-east-1: done", by region
    (PostgreSQL's jsonb and SQLite's JSON give the keys back in different orders)."""
    if isinstance(value, dict):
        return "; ".join(
            f"{region}: {'done' if outcome in ('ok', '') else outcome}"
            for region, outcome in sorted(value.items())
        )
    return plain(value)


def counted(count: int, one: str, many: str) -> str:
    """ "1 account" / "2 accounts" (`one` and `many` hold %(n)d)."""
    return ngettext(one, many, count) % {"n": count}


def status_label(value) -> str:
    return status_info(value or "").label


# --- accounts, memberships, invitations, administrators, API tokens -------------------------

_OUTCOMES = {"regions": region_outcomes, "failed": region_outcomes}
# An operation's own page shows these: its way back and the row it changes.
OPERATION_HIDDEN = ("back_url", "back_label", "list_id", "rule_id")


def _answered(verb: str) -> Callable[[dict], str]:
    def sentence(d: dict) -> str:
        who = "on the member's behalf" if d.get("on_behalf") else "by the member"
        return f"{verb} administrator {d['administrator']}, {who}"

    return sentence


describe(
    "accounts.add",
    lambda d: "Added " + counted(d["count"], "%(n)d account", "%(n)d accounts"),
)
describe(
    "membership.status",
    lambda d: (
        f"Status under {d['administrator']} in {d['region']}: "
        f"{status_label(d.get('before'))} → {status_label(d.get('after'))}"
    ),
    values={"before": status_label, "after": status_label},
)
describe(
    "membership.retry",
    lambda d: "Retried " + counted(d["retried"], "%(n)d failed item", "%(n)d failed items"),
)
for kind in OperationKind:
    # Membership and configuration operations: the target's label says how many of what.
    for family in ("membership", "configuration"):
        describe(
            f"{family}.{kind.value}",
            lambda d, label=kind.label: f"Started: {label}",
            values=_OUTCOMES,
            hidden=OPERATION_HIDDEN,
        )
describe("invitation.accept", _answered("Accepted the invitation of"), values=_OUTCOMES)
describe("invitation.decline", _answered("Declined the invitation of"), values=_OUTCOMES)
describe(
    "administrator.leave",
    lambda d: (
        "Left administrator "
        + (d["administrator"] or "(none found)")
        + (", on the member's behalf" if d.get("on_behalf") else ", by the member")
    ),
    values=_OUTCOMES,
)


def _onboarded(verb: str) -> Callable[[dict], str]:
    def sentence(d: dict) -> str:
        regions = d.get("regions") or []
        if not regions:
            return f"{verb} the administrator; GuardDuty is on in no region"
        return f"{verb} the administrator; GuardDuty is on in " + counted(
            len(regions), "%(n)d region", "%(n)d regions"
        )

    return sentence


describe("administrator.onboard", _onboarded("Onboarded"))
describe("administrator.update", _onboarded("Updated"))
describe(
    "administrator.regions",
    lambda d: "Regions to sync set to " + (", ".join(d["regions"]) if d["regions"] else "none"),
    hidden=("regions",),
)
describe("api_token.issue", lambda d: "Issued an API token")
describe("api_token.revoke", lambda d: "Revoked an API token")

"""The bulk actions on findings, declared once: the list page's bulk bar, the detail page's
buttons, the REST API's `bulk` and "select all matching" (a background operation) all read this
registry and run an action through `bulk_action_run`.

An id the user may not see (another account's finding, or no finding at all) is the same
thing everywhere: not found, reported as such beside the others' results, never acted on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from guardduty_hub.accounts.scope import CAPABILITY, Verb
from guardduty_hub.core import capabilities as cap
from guardduty_hub.core.bounds import db_ids
from guardduty_hub.findings import services
from guardduty_hub.findings.choices import Feedback, FindingStatus
from guardduty_hub.findings.filter_options import list_choices
from guardduty_hub.findings.selectors import findings_by_ids
from guardduty_hub.findings.services import ActionResult

NOT_FOUND = "Not found."
MISSING = object()  # an argument the request did not send at all


@dataclass(frozen=True)
class Argument:
    """What an action needs besides the findings (a status, a feedback, an assignee)."""

    name: str  # the request field, on the page and in the API
    label: str
    parse: Callable[[object], object]  # raw request value (or MISSING) -> service argument
    describe: Callable[[object], str]  # parsed value -> words for the result message
    choices: Callable[[object], list[tuple[str, str]]]  # user -> the page's (value, label)s


@dataclass(frozen=True)
class BulkAction:
    name: str
    label: str  # what the bulk bar's menu says
    capability: str
    service: Callable[..., ActionResult]  # (actor, findings[, argument]) -> ActionResult
    done: str  # follows "3 findings ": "{value}" is the argument's words
    argument: Argument | None = None
    # Asked before acting, "{count}" being how many findings; None acts at once.
    confirm: str | None = None
    undo: str | None = None  # the action that undoes this one, offered in the result message
    # Findings per step of a background run ("select all matching"): progress is saved after
    # each step.
    batch: int = 500

    @property
    def verb(self) -> Verb:
        """The scope verb the action's capability stands for (accounts.scope)."""
        return next(verb for verb, needed in CAPABILITY.items() if needed == self.capability)

    def parse(self, raw=MISSING):
        return None if self.argument is None else self.argument.parse(raw)

    def done_words(self, value) -> str:
        words = self.argument.describe(value) if self.argument else ""
        return self.done.format(value=words)

    def confirm_words(self, count: int) -> str:
        noun = "finding" if count == 1 else "findings"
        return (self.confirm or "").format(count=f"{count:,} {noun}")


def _needed(name: str):
    def check(raw):
        if raw is MISSING or raw in (None, ""):
            raise ValidationError(f"Choose a {name} first.")
        return str(raw)

    return check


def _status(raw) -> str:
    value = _needed("status")(raw)
    if value not in FindingStatus.values:
        raise ValidationError(f"Unknown status {value!r}.")
    return value


def _feedback(raw) -> str:
    value = _needed("feedback")(raw)
    if value not in (Feedback.USEFUL, Feedback.NOT_USEFUL):
        raise ValidationError("Feedback must be USEFUL or NOT_USEFUL.")
    return value


def assignee_named(raw):
    """A username; empty (or null in the API) unassigns. Not sent at all is a mistake."""
    if raw is MISSING:
        raise ValidationError("Choose an assignee first (or nobody, to unassign).")
    if raw in (None, ""):
        return None
    found = get_user_model().objects.filter(username=str(raw), is_active=True).first()
    if found is None:
        raise ValidationError(f"No active user {raw!r}.")
    return found


def _assignee_choices(user) -> list[tuple[str, str]]:
    people = list_choices(user).people  # the list page reads it anyway (one query)
    return [("", "Nobody (unassign)"), *((name, name) for _, name in people)]


def _status_words(value) -> str:
    return FindingStatus(value).label


def _assignee_words(value) -> str:
    return f"assigned to {value.get_username()}" if value else "unassigned"


def _feedback_words(value) -> str:
    return Feedback(value).label.lower()


def _status_choices(user) -> list[tuple[str, str]]:
    return FindingStatus.choices


def _feedback_choices(user) -> list[tuple[str, str]]:
    return FEEDBACK_CHOICES


def _triage(name: str, label: str, service, done: str, **more) -> BulkAction:
    """An action that needs core.triage_findings (all of them, so far)."""
    return BulkAction(name, label, cap.TRIAGE_FINDINGS, service, done, **more)


# A background run sends GuardDuty one call per batch: 50 ids is what ArchiveFindings and
# UpdateFindingsFeedback take at once (the gateway would split a larger batch anyway).
GUARDDUTY_BATCH = 50
ARCHIVE_QUESTION = (
    "Archive {count} in GuardDuty? GuardDuty hides archived findings from its console and "
    "from this list's default view."
)
ACTIONS: dict[str, BulkAction] = {
    action.name: action
    for action in (
        _triage(
            "status",
            "Set status",
            services.finding_set_status,
            "set to status {value}",
            argument=Argument("status", "Status", _status, _status_words, _status_choices),
        ),
        _triage(
            "assign",
            "Assign",
            services.finding_assign,
            "{value}",
            argument=Argument(
                "assignee", "Assignee", assignee_named, _assignee_words, _assignee_choices
            ),
        ),
        _triage(
            "feedback",
            "Feedback to GuardDuty",
            services.finding_feedback,
            "marked {value} in GuardDuty",
            argument=Argument(
                "feedback", "Feedback", _feedback, _feedback_words, _feedback_choices
            ),
            batch=GUARDDUTY_BATCH,
        ),
        _triage(
            "archive",
            "Archive in GuardDuty",
            services.finding_archive,
            "archived in GuardDuty",
            confirm=ARCHIVE_QUESTION,
            undo="unarchive",
            batch=GUARDDUTY_BATCH,
        ),
        _triage(
            "unarchive",
            "Unarchive in GuardDuty",
            services.finding_unarchive,
            "unarchived in GuardDuty",
            undo="archive",
            batch=GUARDDUTY_BATCH,
        ),
    )
}

FEEDBACK_CHOICES = [(Feedback.USEFUL.value, "Useful"), (Feedback.NOT_USEFUL.value, "Not useful")]


def bulk_action_for(name: str) -> BulkAction:
    if not name:
        raise ValidationError("Choose an action for the selected findings first.")
    try:
        return ACTIONS[name]
    except KeyError:
        raise ValidationError(f"Unknown action {name!r}.") from None


def bulk_actions_for(user) -> list[BulkAction]:
    """The actions `user` may run, in the menu's order."""
    return [action for action in ACTIONS.values() if user.has_perm(action.capability)]


def clean_ids(ids: Iterable) -> list[int]:
    """Distinct ids in the order given; a value that cannot be an id names no finding."""
    return list(dict.fromkeys(db_ids(ids)))


def bulk_action_run(actor, action: BulkAction, value, ids: Iterable) -> ActionResult:
    """Run `action` on the findings `ids` that `actor` may see; every other id is reported
    "Not found." and left alone. `value` is the action's parsed argument."""
    wanted = clean_ids(ids)
    findings = list(findings_by_ids(actor, wanted).select_related("administrator", "assignee"))
    args = () if action.argument is None else (value,)
    result = action.service(actor, findings, *args) if findings else ActionResult()
    found = {f.pk for f in findings}
    for missing in wanted:
        if missing not in found:
            result.failed[missing] = NOT_FOUND
    return result

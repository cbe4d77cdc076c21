"""How the audit log reads the findings app's events (accounts.audit_words holds the registry).

Imported by FindingsConfig.ready(), so the sentences are there before any page renders.
"""

from guardduty_hub.accounts.audit_words import counted, describe, labelled, plain
from guardduty_hub.findings.choices import Feedback, FindingStatus

_STATUS = dict(FindingStatus.choices)
_FEEDBACK = {value: label.lower() for value, label in Feedback.choices}


def _status_label(value) -> str:
    return _STATUS.get(value, str(value or "?"))


def _through(details: dict) -> str:
    admin, region = details.get("administrator"), details.get("region")
    return f" (administrator {admin}, {region})" if admin and region else ""


def _samples(d: dict) -> str:
    made = len(d.get("created") or [])
    sentence = "Generated sample findings in " + counted(
        made, "%(n)d administrator region", "%(n)d administrator regions"
    )
    failed = len(d.get("failed") or {})
    if failed:
        sentence += "; " + counted(failed, "%(n)d failed", "%(n)d failed")
    return sentence


def _filters(query) -> str:
    """A saved query string ("severity=8&status=new") as "severity 8, status new"."""
    if not query:
        return "none (every finding)"
    pairs = [part.partition("=") for part in str(query).split("&") if part]
    return ", ".join(f"{key} {plain(value) if value else 'any'}" for key, _, value in pairs)


describe("finding.archive", lambda d: "Archived in GuardDuty" + _through(d))
describe("finding.unarchive", lambda d: "Unarchived in GuardDuty" + _through(d))
describe(
    "finding.feedback",
    lambda d: "Feedback to GuardDuty: " + _FEEDBACK.get(d.get("feedback"), "?") + _through(d),
    values={"feedback": labelled(_FEEDBACK)},
)
describe(
    "finding.status",
    lambda d: f"Status {_status_label(d.get('previous'))} → {_status_label(d.get('status'))}",
    values={"previous": _status_label, "status": _status_label},
)
describe(
    "finding.assign",
    lambda d: f"Assigned to {d['assignee']}" if d.get("assignee") else "Unassigned",
)
describe("finding.note", lambda d: "Added a note", hidden=("note_id",))
describe("finding.reopen", lambda d: "Back to New: it occurred again after being resolved")
describe("findings.export", lambda d: "Exported findings as CSV", values={"query": _filters})
describe("findings.generate_samples", _samples)
describe(
    "savedview.save",
    lambda d: "Saved a view shared with everyone" if d.get("shared") else "Saved a view",
)
describe("savedview.delete", lambda d: "Deleted a saved view")

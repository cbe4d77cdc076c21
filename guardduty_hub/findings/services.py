"""Write operations on findings, one named function each; every one writes the audit trail.

Views and the API call these with findings taken from `selectors.findings_visible_to(user)`
and after checking the user's capability; the functions check it again (a forgotten check in a
new caller must not become a hole).

GuardDuty write-back (archive, unarchive, feedback) goes through the administrator whose
detector the finding came through, in the region it was listed in: only the administrator may
archive a member's finding. Findings are grouped per (administrator, region), sent 50 ids per
call by the gateway, and the hub's row changes only for the ids GuardDuty accepted; every other
finding gets its own failure message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from guardduty_hub.accounts.access import access_for
from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.accounts.models import AdministratorRegion, AwsAccount
from guardduty_hub.aws import AwsError, gateway
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.choices import Feedback, FindingStatus
from guardduty_hub.findings.models import Finding, FindingNote, SavedView
from guardduty_hub.findings.signals import samples_generated

TRIAGE = cap.TRIAGE_FINDINGS
GENERATE = cap.GENERATE_SAMPLES
NOTE_MAX_LENGTH = 10_000


@dataclass
class ActionResult:
    """What a (bulk) action did: ids done, and a failure message per finding that was not."""

    done: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def _require(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied(f"{perm} is needed for this.")


# --- GuardDuty write-back ------------------------------------------------------------------


def finding_archive(actor, findings: Iterable[Finding]) -> ActionResult:
    """Archive in GuardDuty (ArchiveFindings on the administrator's detector), then here."""
    return _archived_set(actor, findings, True)


def finding_unarchive(actor, findings: Iterable[Finding]) -> ActionResult:
    return _archived_set(actor, findings, False)


def _archived_set(actor, findings: Iterable[Finding], archived: bool) -> ActionResult:
    return _write_back(
        actor,
        findings,
        action="finding.archive" if archived else "finding.unarchive",
        call=gateway.archive_findings if archived else gateway.unarchive_findings,
        local={"archived": archived},
    )


def finding_feedback(actor, findings: Iterable[Finding], feedback: str) -> ActionResult:
    """Feedback USEFUL or NOT_USEFUL, written back with UpdateFindingsFeedback."""
    if feedback not in (Feedback.USEFUL, Feedback.NOT_USEFUL):
        raise ValidationError(f"Feedback must be USEFUL or NOT_USEFUL, not {feedback!r}.")
    return _write_back(
        actor,
        findings,
        action="finding.feedback",
        call=lambda access, region, detector, ids: gateway.update_findings_feedback(
            access, region, detector, ids, feedback
        ),
        local={"feedback": feedback},
        details={"feedback": feedback},
    )


def _write_back(
    actor,
    findings: Iterable[Finding],
    *,
    action: str,
    call: Callable,
    local: dict,
    details: dict | None = None,
) -> ActionResult:
    _require(actor, TRIAGE)
    result = ActionResult()
    groups: dict[tuple[int, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.administrator_id is None:
            result.failed[finding.pk] = (
                "No administrator is known for this finding: GuardDuty only lets the "
                "administrator change it."
            )
            continue
        groups[(finding.administrator_id, finding.api_region)].append(finding)
    detectors = _admin_detectors(groups)
    admins = AwsAccount.objects.in_bulk({admin_id for admin_id, _ in groups})
    for (admin_id, region), members in groups.items():
        accepted = _call_group(
            admins.get(admin_id), region, detectors.get((admin_id, region)), members, call, result
        )
        if not accepted:
            continue
        done = [f for f in members if f.guardduty_id in accepted]
        with transaction.atomic():
            Finding.objects.filter(pk__in=[f.pk for f in done]).update(**local)
            for finding in done:
                audit_record(
                    actor,
                    action,
                    finding,
                    administrator=admins[admin_id].account_id,
                    region=region,
                    **(details or {}),
                )
        for finding in done:
            for name, value in local.items():
                setattr(finding, name, value)
            result.done.append(finding.pk)
    return result


def _admin_detectors(groups) -> dict[tuple[int, str], str]:
    """The administrators' detector ids as onboarding recorded them (one query)."""
    admin_ids = {admin_id for admin_id, _ in groups}
    rows = AdministratorRegion.objects.filter(administrator_id__in=admin_ids).values_list(
        "administrator_id", "region", "detector_id"
    )
    return {(a, r): d for a, r, d in rows if d}


def _call_group(admin, region, detector_id, members, call, result: ActionResult) -> set[str]:
    """Call GuardDuty for one (administrator, region); the set of GuardDuty ids it accepted."""
    if admin is None:
        for finding in members:
            result.failed[finding.pk] = "The administrator of this finding left the hub."
        return set()
    access = access_for(admin)
    ids = [f.guardduty_id for f in members]
    try:
        if not detector_id:
            detector_id = gateway.list_detector_id(access, region)
        if not detector_id:
            raise ValueError(f"Administrator {admin.account_id} has no detector in {region}.")
        return set(call(access, region, detector_id, ids))
    except (AwsError, ValueError) as exc:
        accepted = set(getattr(exc, "partial", None) or ())
        message = getattr(exc, "message", None) or str(exc)
        for finding in members:
            if finding.guardduty_id not in accepted:
                result.failed[finding.pk] = message
        return accepted


# --- the hub's own workflow ----------------------------------------------------------------


def finding_set_status(actor, findings: Iterable[Finding], status: str) -> ActionResult:
    _require(actor, TRIAGE)
    if status not in FindingStatus.values:
        raise ValidationError(f"Unknown status {status!r}.")
    result = ActionResult()
    with transaction.atomic():
        for finding in findings:
            if finding.status == status:
                result.done.append(finding.pk)
                continue
            previous = finding.status
            Finding.objects.filter(pk=finding.pk).update(status=status)
            finding.status = status
            audit_record(actor, "finding.status", finding, previous=previous, status=status)
            result.done.append(finding.pk)
    return result


def finding_assign(actor, findings: Iterable[Finding], assignee) -> ActionResult:
    """Assign to a user (who must be able to triage), or unassign with None."""
    _require(actor, TRIAGE)
    if assignee is not None and not assignee.has_perm(TRIAGE):
        raise ValidationError(f"{assignee.get_username()} cannot triage findings.")
    result = ActionResult()
    new_id = assignee.pk if assignee is not None else None
    name = assignee.get_username() if assignee is not None else ""
    with transaction.atomic():
        for finding in findings:
            if finding.assignee_id != new_id:
                Finding.objects.filter(pk=finding.pk).update(assignee_id=new_id)
                finding.assignee_id = new_id
                audit_record(actor, "finding.assign", finding, assignee=name)
            result.done.append(finding.pk)
    return result


def finding_note_add(actor, finding: Finding, body: str) -> FindingNote:
    """Append a note (notes are never edited or deleted: they are part of the record)."""
    _require(actor, TRIAGE)
    body = (body or "").strip()
    if not body:
        raise ValidationError("A note needs some text.")
    if len(body) > NOTE_MAX_LENGTH:
        raise ValidationError(f"A note is at most {NOTE_MAX_LENGTH:,} characters.")
    with transaction.atomic():
        note = FindingNote.objects.create(
            finding=finding, author=actor, author_label=actor.get_username(), body=body
        )
        audit_record(actor, "finding.note", finding, note_id=note.pk)
    return note


# --- samples -------------------------------------------------------------------------------


@dataclass
class SampleResult:
    created: list[tuple[str, str]] = field(default_factory=list)  # (account id, region)
    failed: dict[tuple[str, str], str] = field(default_factory=dict)


def findings_generate_samples(
    actor, accounts: Iterable[AwsAccount], regions: Iterable[str], types: Iterable[str] = ()
) -> SampleResult:
    """CreateSampleFindings in each chosen account's own detector per region (as the console).

    Samples reach the hub with the next sync of the administrator's region; a sync of the
    touched pairs is queued after commit so they show up soon.
    """
    _require(actor, GENERATE)
    types = [t.strip() for t in types if t and t.strip()]
    regions = sorted(set(regions))
    result = SampleResult()
    for account in accounts:
        access = access_for(account)
        for region in regions:
            try:
                detector_id = gateway.list_detector_id(access, region)
                if not detector_id:
                    raise ValueError(f"No GuardDuty detector in {region}.")
                gateway.create_sample_findings(access, region, detector_id, types)
            except (AwsError, ValueError) as exc:
                result.failed[(account.account_id, region)] = getattr(exc, "message", None) or str(
                    exc
                )
                continue
            result.created.append((account.account_id, region))
    audit_record(
        actor,
        "findings.generate_samples",
        ("findings.samples", timezone.now().strftime("%Y%m%dT%H%M%S")),
        label="Sample findings",
        created=[f"{a} {r}" for a, r in result.created],
        failed={f"{a} {r}": m for (a, r), m in result.failed.items()},
        types=types,
    )
    samples_generated.send(sender=None, pairs=result.created)
    return result


# --- saved views ---------------------------------------------------------------------------


def saved_view_save(actor, name: str, query: str, *, shared: bool = False) -> SavedView:
    """Create or replace the actor's view of that name. The query never keeps a cursor.

    Sharing needs core.triage_findings: a shared view shows on the team's lists
    (selectors.saved_views_for)."""
    if shared:
        _require(actor, TRIAGE)

    params = QueryDict(query, mutable=True)
    params.pop("cursor", None)
    view, _ = SavedView.objects.update_or_create(
        owner=actor, name=name, defaults={"query": params.urlencode(), "shared": shared}
    )
    audit_record(actor, "savedview.save", view, shared=shared)
    return view


def saved_view_delete(actor, view: SavedView) -> None:
    audit_record(actor, "savedview.delete", view)
    view.delete()

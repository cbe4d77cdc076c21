"""Triage actions from the list (selected rows) and the detail page: thin, the services act.

Every finding named must be visible to the user; one that is not makes the whole request a 404
(the same answer as for an id that does not exist).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from guardduty_hub.core import capabilities as cap
from guardduty_hub.core.redirects import next_url
from guardduty_hub.findings import services
from guardduty_hub.findings.choices import Feedback, FindingStatus
from guardduty_hub.findings.selectors import finding_for, findings_by_ids

MAX_SELECTED = 500


def _selected(request):
    ids = request.POST.getlist("ids")[:MAX_SELECTED]
    findings = list(findings_by_ids(request.user, ids).select_related("administrator"))
    if len(findings) != len(set(ids)):
        raise Http404("No such finding.")
    return findings


def _assignee(request):
    value = request.POST.get("assignee") or ""
    if not value:
        return None
    try:
        return get_user_model().objects.get(pk=int(value), is_active=True)
    except (ValueError, get_user_model().DoesNotExist):
        raise ValidationError("Unknown assignee.") from None


FEEDBACK_ACTIONS = ("useful", "not_useful")


def _run(request, action: str, findings):
    """(result, what was done: a phrase that follows "3 finding(s) ")."""
    user = request.user
    if action == "archive":
        return services.finding_archive(user, findings), "archived in GuardDuty"
    if action == "unarchive":
        return services.finding_unarchive(user, findings), "unarchived in GuardDuty"
    if action in FEEDBACK_ACTIONS:
        feedback = Feedback(action.upper())
        result = services.finding_feedback(user, findings, feedback.value)
        return result, f"marked {feedback.label.lower()} in GuardDuty"
    if action == "status":
        status = request.POST.get("status", "")
        result = services.finding_set_status(user, findings, status)
        return result, f"set to status {FindingStatus(status).label}"
    if action == "assign":
        assignee = _assignee(request)
        result = services.finding_assign(user, findings, assignee)
        return result, f"assigned to {assignee.get_username()}" if assignee else "unassigned"
    if not action:
        raise ValidationError("Choose an action for the selected findings first.")
    raise ValidationError(f"Unknown action {action!r}.")


@require_POST
@permission_required(cap.TRIAGE_FINDINGS, raise_exception=True)
def finding_bulk(request):
    """One action on the selected findings (ids); a detail page posts one id."""
    findings = _selected(request)
    back = next_url(request, reverse("findings:list"))
    if not findings:
        messages.warning(request, "Select at least one finding.")
        return redirect(back)
    try:
        result, done = _run(request, request.POST.get("action", ""), findings)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if result.done:
        messages.success(request, f"{len(result.done)} finding(s) {done}.")
    labels = {f.pk: f.title or f.type for f in findings}
    for pk, message in result.failed.items():
        messages.error(request, f"Finding {pk} ({labels.get(pk, '')[:80]}): {message}")
    return redirect(back)


@require_POST
@permission_required(cap.TRIAGE_FINDINGS, raise_exception=True)
def finding_note(request, pk: int):
    finding = finding_for(request.user, pk)
    try:
        services.finding_note_add(request.user, finding, request.POST.get("body", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Note added.")
    return redirect(next_url(request, reverse("findings:detail", args=[finding.pk])))

"""Triage actions from the list (selected rows) and the detail page: thin, the registry of
bulk actions (findings/bulk_actions.py) says what each does and the services act.

An id the user may not see is not found: reported in the result, never acted on (the API's
bulk answers the same way).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from guardduty_hub.core import capabilities as cap
from guardduty_hub.core.redirects import next_url
from guardduty_hub.findings import services
from guardduty_hub.findings.bulk_actions import (
    ACTIONS,
    MISSING,
    NOT_FOUND,
    BulkAction,
    bulk_action_for,
    bulk_action_run,
    clean_ids,
)
from guardduty_hub.findings.bulk_matching import (
    bulk_matching_count,
    bulk_matching_start,
    matching_query,
)
from guardduty_hub.findings.selectors import finding_for

# Rows one form may name (a page shows at most 200). Below the API's 1000 because Django refuses
# a form of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) fields, ids and the rest together.
MAX_SELECTED = 500


def findings_phrase(count: int) -> str:
    return f"{count:,} finding" + ("" if count == 1 else "s")


def _argument(request, action: BulkAction):
    """The action's argument from the form (None for actions without one)."""
    raw = request.POST.get(action.argument.name, MISSING) if action.argument else MISSING
    return action.parse(raw)


@require_POST
@permission_required(cap.TRIAGE_FINDINGS, raise_exception=True)
def finding_bulk(request):
    """One registered action on the selected findings (ids); a detail page posts one id. An
    action that asks first (archive) shows its confirmation with the count, then acts."""
    back = next_url(request, reverse("findings:list"))
    try:
        action = bulk_action_for(request.POST.get("action", ""))
        value = _argument(request, action)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if not request.user.has_perm(action.capability):
        raise PermissionDenied
    if request.POST.get("select") == "all":
        return _bulk_matching(request, action, value, back)
    named = list(dict.fromkeys(request.POST.getlist("ids")))
    if not named:
        messages.warning(request, "Select at least one finding.")
        return redirect(back)
    if len(named) > MAX_SELECTED:
        # Acting on the first 500 and dropping the rest would look done when it is not.
        messages.error(
            request,
            f"Select at most {MAX_SELECTED:,} findings at a time ({len(named):,} were"
            ' selected), or use "select all matching". Nothing was changed.',
        )
        return redirect(back)
    ids = clean_ids(named)
    if ids and action.confirm and request.POST.get("confirmed") != "yes":
        return _confirm(request, action, ids, back)
    result = bulk_action_run(request.user, action, value, ids)
    # A value that cannot be an id names no finding: not found, like another account's.
    report_result(request, action, value, result, unknown=len(named) - len(ids))
    return redirect(back)


def _bulk_matching(request, action: BulkAction, value, back: str):
    """ "Select all N matching this filter": the list's filters (never ids) evaluated again
    here with the user's scope; a small set is done at once, a large one in the background."""
    query = matching_query(request.POST.get("query", ""))
    raw = request.POST.get(action.argument.name, MISSING) if action.argument else MISSING
    try:
        if action.confirm and request.POST.get("confirmed") != "yes":
            count = bulk_matching_count(request.user, action, query)
            if count:
                return _confirm(request, action, [], back, count=count, query=query)
            run = None
        else:
            run = bulk_matching_start(request.user, action, raw, query)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if run is None or not run.total:
        messages.warning(request, "No findings match this filter: nothing was done.")
    elif run.operation is not None:
        messages.info(
            request,
            format_html(
                '{}: {} in the background. <a href="{}">See its progress</a>.',
                action.label,
                findings_phrase(run.total),
                reverse("findings:bulk_operation", args=[run.operation.pk]),
            ),
        )
    else:
        report_result(request, action, value, run.result)
    return redirect(back)


def _confirm(request, action: BulkAction, ids: list[int], back: str, *, count=None, query=None):
    """The question, with the count, and a form that sends the same request confirmed (the
    same ids, or for "all matching" the same filters)."""
    count = len(ids) if count is None else count
    return render(
        request,
        "findings/bulk_confirm.html",
        {
            "action": action,
            "question": action.confirm_words(count),
            "count_words": findings_phrase(count),
            "ids": ids,
            "select": "all" if query is not None else "",
            "query": query,
            "fields": [
                (name, value)
                for name in ("status", "feedback", "assignee")
                for value in request.POST.getlist(name)[:1]
            ],
            "next": back,
        },
    )


def report_result(request, action: BulkAction, value, result, unknown: int = 0) -> None:
    """The result in words: how many were done (with the undo offered when the action has
    one), how many were not found, and each GuardDuty refusal with its reason."""
    if result.done:
        text = f"{findings_phrase(len(result.done))} {action.done_words(value)}."
        undo = ACTIONS.get(action.undo) if action.undo else None
        if undo is not None and request.user.has_perm(undo.capability):
            text = format_html("{} {}", text, _undo_form(request, undo, result.done))
        messages.success(request, text)
    missing = unknown + sum(reason == NOT_FOUND for reason in result.failed.values())
    if missing:
        messages.error(
            request,
            f"{findings_phrase(missing)} not found (no such finding, or not one you may "
            f"see): nothing was done to {'it' if missing == 1 else 'them'}.",
        )
    for pk, reason in result.failed.items():
        if reason != NOT_FOUND:
            messages.error(request, f"Finding {pk}: {reason}")


def _undo_form(request, undo: BulkAction, ids: list[int]):
    """ "Unarchive these": a form in the message that runs the undoing action on the same ids
    (the messages keep it in the session when the cookie is too small for it)."""
    hidden = format_html_join(
        "", '<input type="hidden" name="ids" value="{}">', ((i,) for i in ids)
    )
    return format_html(
        '<form method="post" action="{}" class="inline undo">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="action" value="{}">'
        '<input type="hidden" name="next" value="{}">{}'
        '<button type="submit" class="linklike">{} these</button></form>',
        reverse("findings:bulk"),
        get_token(request),
        undo.name,
        next_url(request, reverse("findings:list")),
        hidden,
        undo.label.split(" in ")[0],
    )


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

"""Saved views: a user names the current filters; those who may triage can share them with the
team (listed as selectors.saved_views_for decides)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.models import SavedView
from guardduty_hub.findings.services import saved_view_delete, saved_view_save


@require_POST
@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def view_save(request):
    name = (request.POST.get("name") or "").strip()[:100]
    query = (request.POST.get("query") or "").lstrip("?")
    if not name:
        messages.error(request, "A saved view needs a name.")
        return redirect(f"{reverse('findings:list')}?{query}")
    shared = request.POST.get("shared") == "1"
    if shared and not request.user.has_perm(cap.TRIAGE_FINDINGS):
        # Saved for the user alone rather than lost: the filters are still worth keeping.
        messages.warning(request, "Only people who may triage share views; saved for you alone.")
        shared = False
    saved_view_save(request.user, name, query, shared=shared)
    messages.success(request, f"View “{name}” saved.")
    return redirect(f"{reverse('findings:list')}?{query}")


@require_POST
@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def view_delete(request, pk: int):
    # Only the owner may delete; anybody else's view is "not found".
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    saved_view_delete(request.user, view)
    messages.success(request, f"View “{view.name}” deleted.")
    return redirect("findings:list")

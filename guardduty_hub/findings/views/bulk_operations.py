"""A "select all matching" run's page: its progress while it runs (the page polls its own
fragment with operation-progress.js), then what was done and what was not."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.bulk_actions import ACTIONS
from guardduty_hub.findings.bulk_matching import bulk_operations_of


@require_safe
@permission_required(cap.TRIAGE_FINDINGS, raise_exception=True)
def bulk_operation_detail(request, pk: int):
    # Only the user who started it: its filter names what they see (others: not found).
    operation = get_object_or_404(bulk_operations_of(request.user), pk=pk)
    action = ACTIONS.get(operation.action)
    context = {
        "operation": operation,
        "action_label": action.label if action else operation.action,
        "failures": sorted(operation.failures.items(), key=lambda item: int(item[0])),
    }
    template = (
        "findings/_bulk_progress.html"
        if request.GET.get("partial")
        else "findings/bulk_operation.html"
    )
    return render(request, template, context)

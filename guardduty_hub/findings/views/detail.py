"""A finding's page: everything an analyst needs without opening AWS, and its hub history."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.findings import explain
from guardduty_hub.findings.choice_lists import assignable_people
from guardduty_hub.findings.choices import FindingStatus
from guardduty_hub.findings.selectors import finding_for, findings_visible_to
from guardduty_hub.findings.views.listing import account_name_subquery

OTHERS_ON_RESOURCE = 10
HISTORY_LIMIT = 200


@permission_required("core.view_findings", raise_exception=True)
def finding_detail(request, pk: int):
    finding = finding_for(request.user, pk)
    visible = findings_visible_to(request.user)
    account_name = (
        visible.filter(pk=finding.pk)
        .annotate(n=account_name_subquery())
        .values_list("n", flat=True)
    )
    others = []
    if finding.resource_id:
        others = list(
            visible.filter(resource_type=finding.resource_type, resource_id=finding.resource_id)
            .exclude(pk=finding.pk)
            .order_by("-updated_at", "-id")[:OTHERS_ON_RESOURCE]
        )
    history = AuditEvent.objects.filter(
        target_type=finding._meta.label_lower, target_id=str(finding.pk)
    ).order_by("-created_at", "-id")[:HISTORY_LIMIT]
    can_triage = request.user.has_perm("core.triage_findings")
    context = {
        "finding": finding,
        "account_name": account_name.first(),
        "type_words": explain.explain_type(finding.type),
        "resource_blocks": explain.resource_blocks(finding.raw),
        "action": explain.action_block(finding.raw),
        "raw_json": explain.pretty_json(finding.raw),
        "console_url": explain.console_url(finding),
        "others": others,
        "notes": list(finding.notes.all()),
        "history": list(history),
        "can_triage": can_triage,
        "people": list(assignable_people().values_list("pk", "username")) if can_triage else [],
        "status_choices": FindingStatus.choices,
    }
    return render(request, "findings/detail.html", context)

"""A finding's page: everything an analyst needs without opening AWS, and its hub history."""

from urllib.parse import urlencode, urlsplit

from django.contrib.auth.decorators import permission_required
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings import explain, explain_detection, sla
from guardduty_hub.findings.choices import FindingStatus
from guardduty_hub.findings.filter_options import assignable_people
from guardduty_hub.findings.selectors import finding_for, findings_visible_to
from guardduty_hub.findings.views.listing import account_name_subquery

OTHERS_ON_RESOURCE = 10
HISTORY_LIMIT = 200


def back_to_list(request) -> str:
    """The list the analyst came from, filters and page kept ("?back=", else the referrer).

    Only a finding-list address on this site qualifies; anything else is the plain list.
    """
    plain = reverse("findings:list")
    for candidate in (request.GET.get("back"), request.headers.get("referer")):
        if not candidate or not url_has_allowed_host_and_scheme(
            candidate, {request.get_host()}, request.is_secure()
        ):
            continue
        parts = urlsplit(candidate)
        if parts.path == plain:
            return plain + (f"?{parts.query}" if parts.query else "")
    return plain


def _linked_findings(visible, sequence: dict | None, raw: dict) -> int | None:
    """Fill in the hub's finding for each signal of a sequence; the sequence this one is in.

    One query: findings are found by their natural key (account, region, GuardDuty id), which
    the ARNs name and the unique constraint indexes.
    """
    signals = sequence["signals"] if sequence else []
    parent = explain_detection.finding_key(
        str(explain.member(raw, "AssociatedAttackSequenceArn") or "")
    )
    keys = {s["key"] for s in signals if s["key"]} | ({parent} if parent else set())
    if not keys:
        return None
    match = Q()
    for account_id, region, guardduty_id in keys:
        match |= Q(account_id=account_id, api_region=region, guardduty_id=guardduty_id)
    found = {
        (a, r, g): pk
        for pk, a, r, g in visible.filter(match).values_list(
            "pk", "account_id", "api_region", "guardduty_id"
        )
    }
    for signal in signals:
        signal["pk"] = found.get(signal["key"])
    return found.get(parent) if parent else None


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
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
    sequence = explain_detection.sequence_block(finding.raw)
    can_triage = request.user.has_perm(cap.TRIAGE_FINDINGS)
    back_url = back_to_list(request)
    here = reverse("findings:detail", args=[finding.pk])
    if back_url != reverse("findings:list"):  # actions come back here; keep the way back
        here += "?" + urlencode({"back": back_url})
    now = timezone.now()
    context = {
        "finding": finding,
        "account_name": account_name.first(),
        "back_url": back_url,
        "here": here,
        "type_words": explain.explain_type(finding.type),
        "resource_blocks": explain.resource_blocks(finding.raw),
        "action": explain.action_block(finding.raw),
        "detection": explain_detection.detection_block(finding.raw),
        "sequence": sequence,
        "in_sequence_pk": _linked_findings(visible, sequence, finding.raw),
        "console_url": explain.console_url(finding),
        "others": others,
        "notes": list(finding.notes.all()),
        "history": list(history),
        "can_triage": can_triage,
        "people": list(assignable_people().values_list("pk", "username")) if can_triage else [],
        "status_choices": FindingStatus.choices,
        "sla_sentence": sla.clock_sentence(finding, now),
        "sla_overdue": sla.is_overdue(finding, now),
        "sla_clock": sla.finding_clock(finding),
    }
    return render(request, "findings/detail.html", context)

"""CSV export of the list the user is looking at (same filters, same scope, same order)."""

from django.contrib.auth.decorators import permission_required
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings.export import export_rows
from guardduty_hub.findings.selectors import account_names
from guardduty_hub.findings.views.listing import filtered_findings, saved_query


@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def finding_export(request):
    _, findings = filtered_findings(request)
    names = account_names(request.user)
    audit_record(
        request.user,
        "findings.export",
        ("findings.export", timezone.now().strftime("%Y%m%dT%H%M%S")),
        label="CSV export",
        query=saved_query(request.GET),
    )
    detail_base = request.build_absolute_uri(reverse("findings:detail", args=[0]))[: -len("0/")]
    response = StreamingHttpResponse(
        export_rows(findings, names, request.GET.get("sort"), detail_base),
        content_type="text/csv",
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="findings-{stamp}.csv"'
    return response

"""The audit log (Admin, core.view_audit): every action in the hub, filterable, newest first.

It reads the accounts app's one audit trail (AuditEvent), which every service writes.
"""

import django_filters
from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from guardduty_hub.accounts.models import AuditEvent
from guardduty_hub.accounts.scope import Verb, require
from guardduty_hub.core import capabilities as cap

PER_PAGE = 50
# Suggestions for the filters (free text stays allowed: new actions appear without a change here).
ACTION_FAMILIES = [
    ("finding.", "Triage of findings"),
    ("findings.", "Exports and samples"),
    ("savedview.", "Saved views"),
    ("membership.", "Memberships and their status"),
    ("invitation.", "Invitations answered by members"),
    ("administrator.", "Administrators"),
    ("accounts.", "Accounts added"),
    ("api_token.", "API tokens"),
]
OBJECT_TYPES = [
    ("findings.finding", "Finding"),
    ("accounts.awsaccount", "AWS account"),
    ("findings.savedview", "Saved view"),
]


class AuditFilterSet(django_filters.FilterSet):
    action = django_filters.CharFilter(
        field_name="action",
        lookup_expr="startswith",
        label="Action starts with",
        widget=forms.TextInput(attrs={"list": "audit-actions", "placeholder": "finding."}),
    )
    actor = django_filters.CharFilter(
        field_name="actor_label",
        label="Who",
        widget=forms.TextInput(attrs={"placeholder": "username"}),
    )
    target_type = django_filters.CharFilter(
        field_name="target_type",
        label="Object type",
        widget=forms.TextInput(attrs={"list": "audit-object-types"}),
    )
    target_id = django_filters.CharFilter(field_name="target_id", label="Object id")
    q = django_filters.CharFilter(
        field_name="target_label", lookup_expr="icontains", label="Object name contains"
    )
    created = django_filters.DateFromToRangeFilter(
        field_name="created_at",
        label="Between",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []


@permission_required(cap.VIEW_AUDIT, raise_exception=True)
def audit_log(request):
    # Events name every account and person: for those who see every account.
    require(request.user, Verb.VIEW)
    filterset = AuditFilterSet(
        request.GET, queryset=AuditEvent.objects.order_by("-created_at", "-id")
    )
    events = filterset.qs if filterset.is_valid() else AuditEvent.objects.none()
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "action_families": ACTION_FAMILIES,
        "object_types": OBJECT_TYPES,
        "filtered": any(request.GET.get(name) for name in filterset.form.fields)
        or any(request.GET.get(f"created_{end}") for end in ("after", "before")),
    }
    return render(request, "findings/audit.html", context)

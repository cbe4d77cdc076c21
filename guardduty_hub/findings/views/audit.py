"""The audit log (Admin, core.view_audit): every action in the hub, filterable, newest first.

It reads the accounts app's one audit trail (AuditEvent), which every service writes.
"""

import django_filters
from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from guardduty_hub.accounts.models import AuditEvent

PER_PAGE = 50


class AuditFilterSet(django_filters.FilterSet):
    action = django_filters.CharFilter(
        field_name="action", lookup_expr="startswith", label="Action starts with"
    )
    actor = django_filters.CharFilter(field_name="actor_label", label="Who (username)")
    target_type = django_filters.CharFilter(field_name="target_type", label="Object type")
    target_id = django_filters.CharFilter(field_name="target_id", label="Object id")
    created = django_filters.DateTimeFromToRangeFilter(field_name="created_at", label="When")
    q = django_filters.CharFilter(
        field_name="target_label", lookup_expr="icontains", label="Object"
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []


@permission_required("core.view_audit", raise_exception=True)
def audit_log(request):
    filterset = AuditFilterSet(
        request.GET, queryset=AuditEvent.objects.order_by("-created_at", "-id")
    )
    events = filterset.qs if filterset.is_valid() else AuditEvent.objects.none()
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    for field in filterset.form.fields.values():
        if isinstance(field.widget, forms.TextInput):
            field.widget.attrs.setdefault("size", 18)
    return render(request, "findings/audit.html", {"filterset": filterset, "page": page})

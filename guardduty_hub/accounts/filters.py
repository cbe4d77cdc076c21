"""The accounts table's filter set: search, status and region (together: "status X in region Y")."""

import django_filters
from django.db.models import Q

from guardduty_hub.accounts.choices import status_choices
from guardduty_hub.accounts.models import AwsAccount, Membership


class MemberAccountFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    status = django_filters.ChoiceFilter(
        label="Status", empty_label="Any status", method="filter_membership"
    )
    region = django_filters.ChoiceFilter(
        label="Region", empty_label="All regions", method="filter_membership"
    )

    class Meta:
        model = AwsAccount
        fields: list[str] = []

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        known = status_choices()
        # Unknown statuses GuardDuty reported are filterable too, shown as they come.
        extra = (
            Membership.objects.exclude(relationship_status__in=[v for v, _ in known])
            .exclude(relationship_status="")
            .values_list("relationship_status", flat=True)
            .distinct()
        )
        self.filters["status"].extra["choices"] = [*known, *[(v, v) for v in sorted(extra)]]
        self.filters["region"].extra["choices"] = [(r, r) for r in regions]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(account_id__contains=value)
            | Q(name__icontains=value)
            | Q(root_email__icontains=value)
        )

    def filter_membership(self, queryset, name, value):
        # One membership must match both: applied once, by "status" when it is given.
        data = self.form.cleaned_data
        status, region = data.get("status"), data.get("region")
        if name == "region" and status:
            return queryset
        memberships = Membership.objects.all()
        if status:
            memberships = memberships.filter(relationship_status=status)
        if region:
            memberships = memberships.filter(region=region)
        return queryset.filter(pk__in=memberships.values("member_id"))

"""The accounts table's filter set: search, status, region and administrator (together: "status X
in region Y under administrator Z", one membership matching all)."""

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
    administrator = django_filters.ChoiceFilter(
        label="Administrator", empty_label="Any administrator", method="filter_membership"
    )

    class Meta:
        model = AwsAccount
        fields: list[str] = []

    def __init__(self, *args, regions=(), administrators=(), **kwargs):
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
        # (account id, label) of the administrators the user may see.
        self.filters["administrator"].extra["choices"] = list(administrators)

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
        # One membership must match all three: applied once, by the first one given.
        data = self.form.cleaned_data
        given = {key: data.get(key) for key in MEMBERSHIP_FIELDS if data.get(key)}
        if name != next(iter(given)):
            return queryset
        memberships = Membership.objects.all()
        if "status" in given:
            memberships = memberships.filter(relationship_status=given["status"])
        if "region" in given:
            memberships = memberships.filter(region=given["region"])
        if "administrator" in given:
            memberships = memberships.filter(administrator__account_id=given["administrator"])
        return queryset.filter(pk__in=memberships.values("member_id"))


MEMBERSHIP_FIELDS = ("status", "region", "administrator")

"""The finding list's filters: one FilterSet for the pages, the export and the REST API.

Every parameter is a form field of the same name, so a filtered list is just its URL (shared,
bookmarked, saved as a view). Two filters have a default the console also has: current
(unarchived) findings only, and no sample findings. The defaults are written into the data, so
the form shows them and the URL can override them (`archived=any`, `sample=any`).

Use: `FindingFilterSet(request.GET, queryset=findings_visible_to(user), request=request)`.
The queryset must already be the user's visible findings; choices come from the same scope.
"""

import copy
import re
from functools import lru_cache

import django_filters
from django import forms
from django.conf import settings
from django.db import connections
from django.db.models import BooleanField, Expression, Q, QuerySet
from django.utils import timezone

from guardduty_hub.accounts.models import AwsAccount
from guardduty_hub.core.bounds import INTEGER_MAX, in_current_timezone
from guardduty_hub.findings.choices import FindingStatus, SeverityBand
from guardduty_hub.findings.filter_options import list_choices
from guardduty_hub.findings.list_indexes import SEARCH_DOCUMENT_SQL
from guardduty_hub.findings.models import Finding
from guardduty_hub.findings.selectors import visible_account_ids
from guardduty_hub.findings.sla import FILTER_CHOICES as SLA_CHOICES
from guardduty_hub.findings.sla import FILTERS as SLA_FILTERS
from guardduty_hub.findings.sla import parts as sla_parts
from guardduty_hub.findings.sla import truncated_now
from guardduty_hub.findings.split_reads import AnyOf, Compiled
from guardduty_hub.findings.widgets import TimeRangeWidget

ARCHIVED_CHOICES = [("no", "Current"), ("yes", "Archived"), ("any", "Current and archived")]
SAMPLE_CHOICES = [("no", "Hide samples"), ("yes", "Samples only"), ("any", "Include samples")]
# Filters with a page default; an explicit value in the URL wins.
DEFAULTS = {"archived": "no", "sample": "no"}
# Filters whose chips show choice labels (their choices are fixed, no query).
LABELLED_CHIPS = {"severity", "status", "archived", "sample", "resource_type", "action_type", "sla"}

# Resource kinds GuardDuty reports (Resource.ResourceType), for the form's choices.
RESOURCE_TYPES = [
    "AccessKey",
    "Container",
    "EBSSnapshot",
    "EBSVolume",
    "EC2Image",
    "ECSCluster",
    "EKSCluster",
    "Instance",
    "Lambda",
    "RDSDBInstance",
    "RDSLimitlessDB",
    "RecoveryPoint",
    "S3Bucket",
    "S3Object",
]

# What GuardDuty did and saw (Service.Action.ActionType), for the action filter's choices.
ACTION_TYPES = [
    ("NETWORK_CONNECTION", "Network connection"),
    ("PORT_PROBE", "Port probe"),
    ("AWS_API_CALL", "AWS API call"),
    ("DNS_REQUEST", "DNS request"),
    ("KUBERNETES_API_CALL", "Kubernetes API call"),
    ("RDS_LOGIN_ATTEMPT", "RDS login attempt"),
]
# The actions with a remote party: where its IPv4 address is in the stored finding (kept as
# received, boto3 PascalCase or EventBridge camelCase). Port probes hold a list of details.
REMOTE_IP_ACTIONS = [
    "NetworkConnectionAction",
    "AwsApiCallAction",
    "KubernetesApiCallAction",
    "RdsLoginAttemptAction",
]

PROBE_DETAILS_READ = 10

ACCOUNT_RE = re.compile(r"^\d{12}$")
REGION_RE = re.compile(r"^[a-z]{2}(-[a-z0-9]+)+-\d+$")
ASSIGNEE_RE = re.compile(r"^(none|me|\d{1,18})$")


class LooseMultipleChoiceField(forms.MultipleChoiceField):
    """Offers choices but accepts any value of the right shape.

    The account and region lists are a convenience: a bookmarked URL naming an account that has
    since left the hub must still filter (to nothing, when the user may not see it) rather than
    be ignored, which would widen the list.
    """

    def __init__(self, *args, pattern: re.Pattern, **kwargs):
        self.pattern = pattern
        super().__init__(*args, **kwargs)

    def valid_value(self, value) -> bool:
        return bool(self.pattern.match(str(value)))


class InFilter(django_filters.MultipleChoiceFilter):
    """Several values as one `IN (...)`: the planner uses an index on it, unlike an OR chain."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": list(value)})


class LooseMultipleChoiceFilter(InFilter):
    field_class = LooseMultipleChoiceField


def _account_ids_filter(field_name: str, method: str, label: str) -> LooseMultipleChoiceFilter:
    """Twelve-digit account ids, several allowed, as a checkbox list."""
    return LooseMultipleChoiceFilter(
        field_name=field_name,
        method=method,
        label=label,
        pattern=ACCOUNT_RE,
        widget=forms.CheckboxSelectMultiple,
    )


class IPv4Filter(django_filters.CharFilter):
    field_class = forms.GenericIPAddressField


def _camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def remote_ip_condition(ip: str, *, postgres: bool) -> Q:
    """Findings whose remote party (any action with one) is `ip`, in either casing. A port
    probe's list of details is searched whole on PostgreSQL (jsonb containment); SQLite has no
    containment, so there the first PROBE_DETAILS_READ entries are read."""
    condition = Q()
    for case in (str, _camel):
        action = f"raw__{case('Service')}__{case('Action')}"
        address = f"{case('RemoteIpDetails')}__{case('IpAddressV4')}"
        for name in REMOTE_IP_ACTIONS:
            condition |= Q(**{f"{action}__{case(name)}__{address}": ip})
        probes = f"{action}__{case('PortProbeAction')}__{case('PortProbeDetails')}"
        if postgres:
            remote = {case("RemoteIpDetails"): {case("IpAddressV4"): ip}}
            condition |= Q(**{f"{probes}__contains": [remote]})
        else:
            for index in range(PROBE_DETAILS_READ):
                condition |= Q(**{f"{probes}__{index}__{address}": ip})
    return condition


class LooseChoiceField(forms.ChoiceField):
    """One value of the right shape; the choices (loaded lazily) are only for display."""

    def __init__(self, *args, pattern: re.Pattern, **kwargs):
        self.pattern = pattern
        super().__init__(*args, **kwargs)

    def valid_value(self, value) -> bool:
        return bool(self.pattern.match(str(value)))


class LooseChoiceFilter(django_filters.ChoiceFilter):
    field_class = LooseChoiceField


class LocalDateTimeRangeField(django_filters.fields.DateTimeRangeField):
    """Both ends in the user's time zone: an offset as given (-23:45 is valid ISO 8601) may not
    reach the database (core/bounds.in_current_timezone)."""

    def compress(self, data_list):
        value = super().compress(data_list)
        return value and slice(*(in_current_timezone(v) for v in (value.start, value.stop)))


class LocalDateTimeFromToRangeFilter(django_filters.DateTimeFromToRangeFilter):
    field_class = LocalDateTimeRangeField


class TextContains(Expression):
    """`<search document> LIKE lower('%word%')`: the very expression of the one trigram index
    (list_indexes.SEARCH_DOCUMENT_SQL), so PostgreSQL answers it from that index. PostgreSQL
    only; elsewhere the filters use plain icontains."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, word: str):
        super().__init__()
        self.word = word

    def as_sql(self, compiler, connection):
        escaped = self.word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{SEARCH_DOCUMENT_SQL} LIKE lower(%s)", [f"%{escaped}%"]


class _FiltersCopiedOneByOne(dict):
    """A FilterSet's filters, which django-filter deep-copies for every instance (their
    widgets, choices and extras: 0.3 ms of every list page). Here each filter is copied on its
    own and given its own method binding; django-filter then gives each copy its model and
    parent, and nothing else of a filter changes per request (no one edits a filter's extra
    here, unlike accounts/filters.py, which keeps the deep copy)."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, original in self.items():
            copies[name] = found = copy.copy(original)
            if found.method is not None:
                found.method = found.method  # a FilterMethod bound to this copy
        return copies


class FindingFilterSet(django_filters.FilterSet):
    severity = InFilter(
        method="filter_severity",
        field_name="severity_band",
        choices=[(str(b.value), b.label) for b in SeverityBand],
        label="Severity",
        widget=forms.CheckboxSelectMultiple,
    )
    min_severity = django_filters.NumberFilter(
        field_name="severity", lookup_expr="gte", label="Minimum severity"
    )
    type = django_filters.CharFilter(field_name="type", label="Type is")
    type_prefix = django_filters.CharFilter(
        method="filter_type_prefix",
        label="Type starts with",
        help_text="UnauthorizedAccess: or a segment such as :EC2/",
    )
    type_contains = django_filters.CharFilter(method="filter_type_contains", label="Type contains")
    # Account, region and status: checkbox lists (filter_form renders them in a dropdown).
    account = _account_ids_filter("account_id", "filter_account", "Account")
    # The administrator whose detector a finding came through (with two administrators, an
    # account invited by both has findings through each).
    administrator = _account_ids_filter("administrator", "filter_administrator", "Administrator")
    region = LooseMultipleChoiceFilter(
        field_name="region", label="Region", pattern=REGION_RE, widget=forms.CheckboxSelectMultiple
    )
    resource_type = django_filters.ChoiceFilter(
        field_name="resource_type",
        choices=[(t, t) for t in RESOURCE_TYPES],
        label="Resource type",
    )
    resource_id = django_filters.CharFilter(field_name="resource_id", label="Resource id")
    action_type = django_filters.ChoiceFilter(
        field_name="action_type", choices=ACTION_TYPES, label="Action"
    )
    remote_ip = IPv4Filter(
        method="filter_remote_ip",
        label="Remote IP",
        protocol="IPv4",
        help_text="The remote party's IPv4 address (connection, probe, API call, login)",
    )
    archived = django_filters.ChoiceFilter(
        choices=ARCHIVED_CHOICES, method="filter_archived", label="Archived", empty_label=None
    )
    status = InFilter(
        field_name="status",
        choices=FindingStatus.choices,
        label="Status",
        widget=forms.CheckboxSelectMultiple,
    )
    assignee = LooseChoiceFilter(method="filter_assignee", label="Assignee", pattern=ASSIGNEE_RE)
    sample = django_filters.ChoiceFilter(
        choices=SAMPLE_CHOICES, method="filter_sample", label="Samples", empty_label=None
    )
    first_seen = LocalDateTimeFromToRangeFilter(
        field_name="first_seen_at", label="First seen", widget=TimeRangeWidget
    )
    last_seen = LocalDateTimeFromToRangeFilter(
        field_name="last_seen_at", label="Last seen", widget=TimeRangeWidget
    )
    updated = LocalDateTimeFromToRangeFilter(
        field_name="updated_at", label="Updated", widget=TimeRangeWidget
    )
    count_above = django_filters.NumberFilter(
        field_name="count",
        lookup_expr="gt",
        label="Count above",
        min_value=0,
        max_value=INTEGER_MAX,  # the count column's type
    )
    q = django_filters.CharFilter(method="filter_text", label="Search")
    # SLA clocks (findings/sla.py): overdue, due in 24 h, or within SLA, at this minute.
    sla = django_filters.ChoiceFilter(choices=SLA_CHOICES, method="filter_sla", label="SLA")

    class Meta:
        model = Finding
        fields: list[str] = []

    @classmethod
    def get_filters(cls):
        return _FiltersCopiedOneByOne(super().get_filters())

    def get_form_class(self):
        """The form class, built once per process: its fields come from the filters, the same
        for every request (django-filter builds nineteen fields and a class per request). Each
        form instance still gets its own copies of the fields, as Django's forms do."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def __init__(self, data=None, *args, request=None, **kwargs):
        if data is not None:
            data = data.copy()
            for name, value in DEFAULTS.items():
                if not data.get(name):
                    data[name] = value
        super().__init__(data, *args, request=request, **kwargs)
        user = getattr(request, "user", None)
        # Callables: the queries run only when a page renders the form, not for the API.
        fields = self.form.fields
        fields["account"].choices = lambda: list_choices(user).accounts if user else []
        fields["administrator"].choices = lambda: list_choices(user).administrators if user else []
        fields["region"].choices = lambda: [(r, r) for r in list_choices(user).regions]
        fields["assignee"].choices = lambda: _assignee_choices(user)

    # --- methods -----------------------------------------------------------------------------

    def filter_severity(self, queryset: QuerySet, name: str, value: list) -> QuerySet:
        """Bands as severity ranges (the list index is on severity; adjacent bands merge)."""
        if not value:
            return queryset
        ranges: list[list[float | None]] = []
        for band in sorted(SeverityBand(int(v)) for v in value):
            upper = _band_upper(band)
            if ranges and ranges[-1][1] == band.lower_bound:
                ranges[-1][1] = upper
            else:
                ranges.append([band.lower_bound, upper])
        condition = Q()
        for lower, upper in ranges:
            part = Q(severity__gte=lower) if lower else Q()
            if upper is not None:
                part &= Q(severity__lt=upper)
            condition |= part
        return queryset.filter(condition)

    def filter_account(self, queryset: QuerySet, name: str, value: list) -> QuerySet:
        """The accounts asked for that the user may see. The queryset is already limited to
        those (`account_id IN (scope)`), but PostgreSQL does not see that the two lists may not
        meet: it would read every finding in the sort order to find none."""
        if not value:
            return queryset
        wanted = set(value)
        user = getattr(self.request, "user", None)
        scope = visible_account_ids(user) if user is not None else None
        if scope is not None:
            wanted &= scope
            if not wanted:
                return queryset.none()
        return queryset.filter(account_id__in=sorted(wanted))

    def filter_remote_ip(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(remote_ip_condition(value, postgres=_uses_search_index(queryset)))

    def filter_administrator(self, queryset: QuerySet, name: str, value: list) -> QuerySet:
        """By the administrator's 12-digit id; findings keep its key, so a subquery maps the
        ids to keys (no join of the findings with the accounts)."""
        if not value:
            return queryset
        keys = AwsAccount.objects.filter(account_id__in=sorted(set(value))).values("pk")
        return queryset.filter(administrator_id__in=keys)

    def filter_type_prefix(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # ":EC2/" names a segment in the middle of the type, not its start.
        if value.startswith(":"):
            return queryset.filter(type__contains=value)
        return queryset.filter(type__startswith=value)

    def filter_type_contains(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset = queryset.filter(type__icontains=value)
        if _uses_search_index(queryset):
            # The search document holds the type: its index narrows, the icontains rechecks.
            queryset = queryset.filter(TextContains(value))
        return queryset

    def filter_archived(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _yes_no(queryset, "archived", value)

    def filter_sample(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _yes_no(queryset, "is_sample", value)

    def filter_assignee(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value == "me":
            user = getattr(self.request, "user", None)
            return queryset.filter(assignee_id=getattr(user, "pk", None))
        return queryset.filter(assignee_id=int(value))

    def filter_sla(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        durations = tuple(
            tuple(sorted(per_band.items()))
            for per_band in (settings.SLA_ACKNOWLEDGE, settings.SLA_RESOLVE)
        )
        return queryset.filter(_sla_condition(value, truncated_now(timezone.now()), durations))

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word in the title, type, resource id or description (each word anywhere).

        PostgreSQL: one LIKE per word over the indexed search document (list_indexes).
        """
        words = value.split()[:5]
        if _uses_search_index(queryset):
            return queryset.filter(*[TextContains(word) for word in words])
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(type__icontains=word)
                | Q(resource_id__icontains=word)
            )
        return queryset

    # --- used by pages -----------------------------------------------------------------------

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) of every filter the user set, for "Filtered by: ..." chips."""
        if not self.is_bound or not self.form.is_valid():
            return []
        shown = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()) or DEFAULTS.get(name) == value:
                continue
            field = self.form.fields[name]
            # Values by their labels ("High, Critical", not "3, 4"); only fixed choices, the
            # account and people lists would cost a query on the HTMX fragment.
            names = dict(field.choices) if name in LABELLED_CHIPS else {}
            if hasattr(value, "start"):
                value = " to ".join(str(v) for v in (value.start, value.stop) if v)
            elif isinstance(value, list | tuple):
                value = ", ".join(str(names.get(v, v)) for v in value)
            else:
                value = names.get(value, value)
            shown.append((str(field.label or name), str(value)))
        return shown


@lru_cache(maxsize=16)
def _sla_condition(value: str, now, durations: tuple) -> Compiled:
    """The SLA filter `value` at the minute `now` under these durations (sla.allowed reads the
    settings they come from): the same for a minute, built once (its Q objects took 0.2 ms of
    every SLA page). A page reads the sparse ones as their parts, one index range each."""
    condition = SLA_FILTERS[value](now)
    parts = sla_parts(value, now)
    return AnyOf(parts, condition) if parts else Compiled(condition)


def _uses_search_index(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _band_upper(band: SeverityBand) -> float | None:
    following = [b for b in SeverityBand if b > band]
    return following[0].lower_bound if following else None


def _yes_no(queryset: QuerySet, field: str, value: str) -> QuerySet:
    if value == "yes":
        return queryset.filter(**{field: True})
    if value == "no":
        return queryset.filter(**{field: False})
    return queryset


def _assignee_choices(user) -> list[tuple[str, str]]:
    choices = [("", "Anyone"), ("none", "Unassigned")]
    if user is None or not getattr(user, "is_authenticated", False):
        return choices
    return [*choices, ("me", "Me"), *list_choices(user).people]

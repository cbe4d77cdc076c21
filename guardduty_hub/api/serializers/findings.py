"""Findings as the API shows them: a list row, and the detail with raw JSON and notes."""

from datetime import datetime
from functools import cached_property

from django.http import QueryDict
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guardduty_hub.core.bounds import BIGINT_MAX
from guardduty_hub.findings.bulk_actions import ACTIONS
from guardduty_hub.findings.choices import Feedback, FindingStatus
from guardduty_hub.findings.models import BulkOperation, Finding, FindingNote
from guardduty_hub.findings.sla import finding_clock


class FindingSerializer(serializers.ModelSerializer):
    severity_label = serializers.CharField(source="get_severity_band_display", read_only=True)
    account_name = serializers.SerializerMethodField()
    assignee = serializers.CharField(source="assignee.username", default=None, read_only=True)
    # The SLA clock (findings/sla.py): when the current phase (acknowledge while New, resolve
    # while open) is due; null when no clock runs (resolved, false positive, archived).
    sla_due_at = serializers.SerializerMethodField()
    sla_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "guardduty_id",
            "account_id",
            "account_name",
            "region",
            "api_region",
            "type",
            "title",
            "severity",
            "severity_band",
            "severity_label",
            "resource_type",
            "resource_id",
            "count",
            "first_seen_at",
            "last_seen_at",
            "updated_at",
            "archived",
            "feedback",
            "is_sample",
            "status",
            "assignee",
            "reopened_at",
            "gone_from_guardduty_at",
            "sla_due_at",
            "sla_overdue",
        ]

    @cached_property
    def _now(self) -> datetime:
        # One instant for every row of a response (a list reuses one child serializer).
        return timezone.now()

    def get_sla_due_at(self, finding) -> datetime | None:
        found = finding_clock(finding)
        return serializers.DateTimeField().to_representation(found.due_at) if found else None

    def get_sla_overdue(self, finding) -> bool:
        found = finding_clock(finding)
        return found is not None and found.overdue(self._now)

    def get_account_name(self, finding) -> str:
        # Names come from the view's one lookup (context), not a query per row.
        return self.context.get("account_names", {}).get(finding.account_id, "")


class FindingNoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author_label", read_only=True)

    class Meta:
        model = FindingNote
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class FindingDetailSerializer(FindingSerializer):
    class Meta(FindingSerializer.Meta):
        fields = [
            *FindingSerializer.Meta.fields,
            "arn",
            "description",
            "threat_purpose",
            "threat_family",
            "action_type",
            "created_at",
            "raw",
        ]


# --- actions ------------------------------------------------------------------------------

# Feedback a person gives (Feedback without "none").
FEEDBACK_GIVEN = [(Feedback.USEFUL.value, "Useful"), (Feedback.NOT_USEFUL.value, "Not useful")]


class FeedbackSerializer(serializers.Serializer):
    feedback = serializers.ChoiceField(choices=FEEDBACK_GIVEN)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=FindingStatus.choices)


class AssignSerializer(serializers.Serializer):
    assignee = serializers.CharField(
        allow_null=True, help_text="Username of someone who can triage; null to unassign."
    )


class NoteSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10_000)


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
        "example": {"severity": ["3", "4"], "account": "111111111111"},
    }
)
class FilterField(serializers.Field):
    """The finding list's filters, as GET /api/findings/ takes them: a name -> a value or a
    list of values. Becomes the list's query string."""

    default_error_messages = {
        "invalid": "An object of filter names to a value or a list of values.",
    }

    def to_internal_value(self, data) -> str:
        if not isinstance(data, dict):
            self.fail("invalid")
        params = QueryDict(mutable=True)
        for name, value in data.items():
            values = value if isinstance(value, list) else [value]
            if not all(
                isinstance(v, str | int | float) and not isinstance(v, bool) for v in values
            ):
                self.fail("invalid")
            params.setlist(str(name), [str(v) for v in values])
        return params.urlencode()

    def to_representation(self, value):
        return {
            name: values[0] if len(values) == 1 else values
            for name, values in QueryDict(value).lists()
        }


class BulkActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(ACTIONS))
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIGINT_MAX),
        min_length=1,
        max_length=1000,
        required=False,
    )
    filter = FilterField(
        required=False,
        help_text="Instead of ids: every finding these filters match (those of GET "
        "/api/findings/), among the findings the caller may triage. Up to 500 are done at once; "
        "more run in the background (202, with the operation to follow).",
    )
    feedback = serializers.ChoiceField(choices=FEEDBACK_GIVEN, required=False)
    status = serializers.ChoiceField(choices=FindingStatus.choices, required=False)
    assignee = serializers.CharField(allow_null=True, required=False)

    def validate(self, attrs):
        if ("ids" in attrs) == ("filter" in attrs):
            raise serializers.ValidationError("Send either ids or filter (one of them).")
        return attrs


class BulkOperationSerializer(serializers.ModelSerializer):
    """A background run of a bulk action on every finding a filter matched."""

    filter = FilterField(source="query", read_only=True)

    class Meta:
        model = BulkOperation
        fields = [
            "id",
            "action",
            "argument",
            "filter",
            "status",
            "total",
            "done",
            "failed",
            "failures",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ActionResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    failed = serializers.DictField(
        child=serializers.CharField(), help_text="Finding id -> why it was not done."
    )

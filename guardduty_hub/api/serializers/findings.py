"""Findings as the API shows them: a list row, and the detail with raw JSON and notes."""

from datetime import datetime
from functools import cached_property

from django.utils import timezone
from rest_framework import serializers

from guardduty_hub.core.bounds import BIGINT_MAX
from guardduty_hub.findings.bulk_actions import ACTIONS
from guardduty_hub.findings.choices import Feedback, FindingStatus
from guardduty_hub.findings.models import Finding, FindingNote
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


class BulkActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(ACTIONS))
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIGINT_MAX),
        min_length=1,
        max_length=1000,
    )
    feedback = serializers.ChoiceField(choices=FEEDBACK_GIVEN, required=False)
    status = serializers.ChoiceField(choices=FindingStatus.choices, required=False)
    assignee = serializers.CharField(allow_null=True, required=False)


class ActionResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField())
    failed = serializers.DictField(
        child=serializers.CharField(), help_text="Finding id -> why it was not done."
    )

"""GuardDuty configuration as the API shows it: lists, rules, baselines, the coverage matrix."""

from rest_framework import serializers

from guardduty_hub.api.serializers.fields import AccountIdField
from guardduty_hub.configuration import models as configuration
from guardduty_hub.configuration.plans import FREQUENCIES, PLAN_KEYS


class _RegionState(serializers.ModelSerializer):
    drift = serializers.CharField(source="difference", read_only=True)


class _Definition(serializers.ModelSerializer):
    """A list or rule: its own fields between the ones every definition has."""

    administrator = AccountIdField("administrator")

    @staticmethod
    def fields_around(*own: str) -> list[str]:
        return ["id", "administrator", *own, "deleting", "regions", "created_at", "updated_at"]


class IntelListRegionSerializer(_RegionState):
    class Meta:
        model = configuration.IntelListRegion
        fields = [
            "region",
            "guardduty_id",
            "status",
            "name",
            "location",
            "error",
            "drift",
            "checked_at",
        ]


class IntelListSerializer(_Definition):
    regions = IntelListRegionSerializer(many=True, read_only=True)

    class Meta:
        model = configuration.IntelList
        fields = _Definition.fields_around("kind", "name", "format", "location", "active")


class IntelListCreateSerializer(serializers.Serializer):
    administrator = serializers.RegexField(r"^\d{12}$")
    kind = serializers.ChoiceField(choices=configuration.ListKind.choices)
    name = serializers.CharField(max_length=300)
    format = serializers.ChoiceField(
        choices=configuration.ListFormat.choices, default=configuration.ListFormat.TXT
    )
    location = serializers.CharField(max_length=300, required=False, allow_blank=True)
    file = serializers.FileField(required=False)
    active = serializers.BooleanField(default=True)


class IntelListChangeSerializer(serializers.Serializer):
    active = serializers.BooleanField(required=False)
    location = serializers.CharField(max_length=300, required=False, allow_blank=True)
    file = serializers.FileField(required=False)


class SuppressionRuleRegionSerializer(_RegionState):
    class Meta:
        model = configuration.SuppressionRuleRegion
        fields = ["region", "present", "action", "rank", "criteria", "error", "drift", "checked_at"]


class SuppressionRuleSerializer(_Definition):
    regions = SuppressionRuleRegionSerializer(many=True, read_only=True)

    class Meta:
        model = configuration.SuppressionRule
        fields = _Definition.fields_around(
            "name", "description", "action", "rank", "query", "criteria"
        )


class SuppressionRuleWriteSerializer(serializers.Serializer):
    administrator = serializers.RegexField(r"^\d{12}$")
    name = serializers.CharField(max_length=64)
    query = serializers.CharField(help_text="The finding list's filters, as its URL query string.")
    description = serializers.CharField(
        max_length=512, required=False, default="", allow_blank=True
    )
    action = serializers.ChoiceField(
        choices=configuration.RuleAction.choices, default=configuration.RuleAction.ARCHIVE
    )
    rank = serializers.IntegerField(min_value=1, max_value=100, default=1)
    confirmed_severe = serializers.BooleanField(
        default=False, help_text="Needed when the back-test finds High or Critical findings."
    )


class BacktestRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    recent = serializers.IntegerField()
    total = serializers.IntegerField()


class BacktestSerializer(serializers.Serializer):
    recent = serializers.IntegerField(help_text="Findings of the last 90 days it matches")
    total = serializers.IntegerField()
    severe = serializers.IntegerField(help_text="High and Critical among them")
    needs_confirmation = serializers.BooleanField()
    by_severity = BacktestRowSerializer(many=True)
    by_account = BacktestRowSerializer(many=True)
    list_url = serializers.CharField()


class BaselineSerializer(serializers.Serializer):
    finding_publishing_frequency = serializers.ChoiceField(choices=FREQUENCIES)
    plans = serializers.DictField(
        child=serializers.BooleanField(), help_text=f"Plan keys: {', '.join(PLAN_KEYS)}"
    )


class CoverageCellSerializer(serializers.Serializer):
    account = serializers.CharField()
    region = serializers.CharField()
    state = serializers.CharField(help_text="covered, partial, off, not a member, unknown")
    missing = serializers.ListField(child=serializers.CharField())
    drift = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField()

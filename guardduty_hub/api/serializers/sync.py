from rest_framework import serializers

from guardduty_hub.api.serializers.fields import AccountIdField
from guardduty_hub.sync.models import SyncRun


class SyncRunSerializer(serializers.ModelSerializer):
    administrator = AccountIdField("state.administrator")
    region = serializers.CharField(source="state.region", read_only=True)

    class Meta:
        model = SyncRun
        fields = [
            "id",
            "administrator",
            "region",
            "kind",
            "status",
            "started_at",
            "finished_at",
            "pages",
            "fetched",
            "created",
            "updated",
            "unchanged",
            "marked_gone",
            "archive_changed",
            "api_calls",
            "error",
        ]

from rest_framework import serializers

from guardduty_hub.sync.models import SyncRun


class SyncRunSerializer(serializers.ModelSerializer):
    administrator = serializers.CharField(source="state.administrator.account_id", read_only=True)
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

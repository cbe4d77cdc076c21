"""Sync runs (read): what the Sync page lists, for monitoring scripts, within the caller's
scope (sync.selectors.sync_runs_for)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from guardduty_hub.api.base import ReadOnlyApiViewSet
from guardduty_hub.api.permissions import CanSeeActivity, CanViewFindings
from guardduty_hub.api.serializers.sync import SyncRunSerializer
from guardduty_hub.sync.models import SyncRunStatus
from guardduty_hub.sync.selectors import sync_runs_for


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("administrator", required=False),
            OpenApiParameter("region", required=False),
            OpenApiParameter("status", enum=SyncRunStatus.values, required=False),
        ]
    )
)
class SyncRunViewSet(ReadOnlyApiViewSet):
    serializer_class = SyncRunSerializer
    permission_classes = [*ReadOnlyApiViewSet.permission_classes, CanViewFindings, CanSeeActivity]

    def get_queryset(self):
        runs = sync_runs_for(self.request.user).select_related("state__administrator")
        params = self.request.query_params
        if administrator := params.get("administrator"):
            runs = runs.filter(state__administrator__account_id=administrator)
        if region := params.get("region"):
            runs = runs.filter(state__region=region)
        if run_status := params.get("status"):
            runs = runs.filter(status=run_status)
        return runs

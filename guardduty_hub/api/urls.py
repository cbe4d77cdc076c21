from django.urls import include, path
from rest_framework.routers import DefaultRouter

from guardduty_hub.api.schema import DocsView, SchemaView
from guardduty_hub.api.views.accounts import (
    AccountViewSet,
    MembershipOperationViewSet,
    MembershipViewSet,
)
from guardduty_hub.api.views.configuration import (
    BaselineView,
    CoverageView,
    IntelListViewSet,
    SuppressionRuleViewSet,
)
from guardduty_hub.api.views.findings import FindingViewSet
from guardduty_hub.api.views.member import MemberAccountViewSet
from guardduty_hub.api.views.sync import SyncRunViewSet

app_name = "api"


class Router(DefaultRouter):
    # The API root lists the endpoints: it needs sign-in like the rest (LoginRequiredMiddleware
    # would redirect a token request to the sign-in page).
    include_root_view = False
    # `?format=json` is enough; suffix routes (".json") would answer 404 before sign-in.
    include_format_suffixes = False


router = Router()
router.register("findings", FindingViewSet, basename="finding")
router.register("accounts", AccountViewSet, basename="account")
router.register("memberships", MembershipViewSet, basename="membership")
router.register(
    "membership-operations", MembershipOperationViewSet, basename="membership-operation"
)
router.register("sync-runs", SyncRunViewSet, basename="sync-run")
# GuardDuty configuration of an administrator, in every region (configuration app).
router.register("intel-lists", IntelListViewSet, basename="intel-list")
router.register("suppression-rules", SuppressionRuleViewSet, basename="suppression-rule")
# The member side: a member owner's own accounts, their invitations, accept/decline/leave.
router.register("member-accounts", MemberAccountViewSet, basename="member-account")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path("administrators/<str:account_id>/coverage/", CoverageView.as_view(), name="coverage"),
    path("administrators/<str:account_id>/baseline/", BaselineView.as_view(), name="baseline"),
    path("", include(router.urls)),
]

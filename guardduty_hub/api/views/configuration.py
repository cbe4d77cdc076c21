"""GuardDuty configuration over the API, through the same services as the pages: read for
Viewers and Analysts (scope: the administrator's account, Verb.VIEW), changes for Admins
(Verb.MANAGE). A change answers 202 with the operation that applies it to every region
(poll /api/membership-operations/<id>/)."""

from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from guardduty_hub.accounts.scope import Verb
from guardduty_hub.api.base import ApiViewMixin, ApiViewSet
from guardduty_hub.api.permissions import CanManageAccounts, CanViewFindings
from guardduty_hub.api.serializers.configuration import (
    BacktestSerializer,
    BaselineSerializer,
    CoverageCellSerializer,
    IntelListChangeSerializer,
    IntelListCreateSerializer,
    IntelListSerializer,
    SuppressionRuleSerializer,
    SuppressionRuleWriteSerializer,
)
from guardduty_hub.configuration import intel_lists, protection, rules
from guardduty_hub.configuration.coverage import coverage_matrix
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.models import IntelList, ProtectionBaseline, SuppressionRule
from guardduty_hub.configuration.rule_backtest import rule_backtest
from guardduty_hub.configuration.rule_criteria import RuleCriteriaError, cleaned_filters
from guardduty_hub.configuration.selectors import administrators_visible_to

WRITES = ("create", "partial_update", "destroy", "apply", "update")


def _administrator(user, account_id: str, verb: Verb):
    found = administrators_visible_to(user, verb).filter(account_id=account_id).first()
    if found is None:
        raise ValidationError({"administrator": "Not an administrator you may use."})
    return found


def _refused(exc: ConfigurationError) -> ValidationError:
    return ValidationError({"detail": exc.message, "problems": exc.problems})


def _accepted(operation) -> Response:
    return Response(
        {"operation": operation.pk, "state": operation.state}, status=status.HTTP_202_ACCEPTED
    )


class _ConfigurationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ApiViewSet
):
    def get_permissions(self):
        needed = CanManageAccounts if self.action in WRITES else CanViewFindings
        return [*super().get_permissions(), needed()]

    def scoped(self, model):
        verb = Verb.MANAGE if self.action in WRITES else Verb.VIEW
        admins = administrators_visible_to(self.request.user, verb)
        found = model.objects.filter(administrator__in=admins).select_related("administrator")
        if administrator := self.request.query_params.get("administrator"):
            found = found.filter(administrator__account_id=administrator)
        return found.prefetch_related("regions")


class IntelListViewSet(_ConfigurationViewSet):
    """Trusted IP lists and threat lists, with their state in every region."""

    serializer_class = IntelListSerializer

    def get_queryset(self):
        return self.scoped(IntelList)

    @extend_schema(request=IntelListCreateSerializer, responses={202: None})
    def create(self, request):
        incoming = IntelListCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        administrator = _administrator(request.user, data["administrator"], Verb.MANAGE)
        upload = data.get("file")
        try:
            _, operation = intel_lists.intel_list_create(
                request.user,
                administrator,
                kind=data["kind"],
                name=data["name"],
                fmt=data["format"],
                location=data.get("location", ""),
                upload=intel_lists.ListFile(upload.name, upload.read()) if upload else None,
                active=data["active"],
            )
        except ConfigurationError as exc:
            raise _refused(exc) from exc
        return _accepted(operation)

    @extend_schema(request=IntelListChangeSerializer, responses={202: None})
    def partial_update(self, request, pk=None):
        intel_list = self.get_object()
        incoming = IntelListChangeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        upload = data.get("file")
        try:
            operation = intel_lists.intel_list_update(
                request.user,
                intel_list,
                active=data.get("active"),
                location=data.get("location", ""),
                upload=intel_lists.ListFile(upload.name, upload.read()) if upload else None,
            )
        except ConfigurationError as exc:
            raise _refused(exc) from exc
        return _accepted(operation)

    @extend_schema(responses={202: None})
    def destroy(self, request, pk=None):
        return _accepted(intel_lists.intel_list_delete(request.user, self.get_object()))

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        """Apply the list again in every region (drift)."""
        return _accepted(intel_lists.intel_list_apply(request.user, self.get_object()))


class SuppressionRuleViewSet(_ConfigurationViewSet):
    """Suppression rules (GuardDuty filters) with their state in every region."""

    serializer_class = SuppressionRuleSerializer

    def get_queryset(self):
        return self.scoped(SuppressionRule)

    @extend_schema(request=SuppressionRuleWriteSerializer, responses={202: None})
    def create(self, request):
        incoming = SuppressionRuleWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        administrator = _administrator(request.user, data.pop("administrator"), Verb.MANAGE)
        try:
            _, operation = rules.suppression_rule_save(request.user, administrator, **data)
        except ConfigurationError as exc:
            raise _refused(exc) from exc
        return _accepted(operation)

    @extend_schema(responses={202: None})
    def destroy(self, request, pk=None):
        return _accepted(rules.suppression_rule_delete(request.user, self.get_object()))

    @extend_schema(request=None, responses={202: None})
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        return _accepted(rules.suppression_rule_apply(request.user, self.get_object()))

    @extend_schema(
        parameters=[
            OpenApiParameter("administrator", required=True),
            OpenApiParameter("query", required=True, description="The finding list's filters"),
        ],
        responses={200: BacktestSerializer},
    )
    @action(detail=False, methods=["get"])
    def backtest(self, request):
        """What a rule with these filters would have archived among the stored findings."""
        params = request.query_params
        administrator = _administrator(request.user, params.get("administrator", ""), Verb.VIEW)
        query = params.get("query", "")
        try:
            cleaned_filters(query)
        except RuleCriteriaError as exc:
            raise ValidationError({"query": exc.problems}) from exc
        result = rule_backtest(administrator, QueryDict(query).urlencode())
        return Response(BacktestSerializer(result).data)


class _AdministratorView(ApiViewMixin, APIView):
    def get_permissions(self):
        needed = CanViewFindings if self.request.method == "GET" else CanManageAccounts
        return [*super().get_permissions(), needed()]

    def administrator(self, account_id: str):
        verb = Verb.VIEW if self.request.method == "GET" else Verb.MANAGE
        found = administrators_visible_to(self.request.user, verb).filter(account_id=account_id)
        if not found.exists():
            raise NotFound()
        return found.get()


class CoverageView(_AdministratorView):
    """The coverage matrix of an administrator: one cell per account and region."""

    @extend_schema(
        parameters=[OpenApiParameter("drift", bool, required=False)],
        responses={200: CoverageCellSerializer(many=True)},
    )
    def get(self, request, account_id: str):
        administrator = self.administrator(account_id)
        drift_only = request.query_params.get("drift") in ("1", "true")
        _, rows, _ = coverage_matrix(request.user, administrator, drift_only=drift_only)
        cells = [
            {
                "account": row.account.account_id,
                "region": region,
                "state": cell.state,
                "missing": cell.missing,
                "drift": cell.drift,
                "error": cell.error,
            }
            for row in rows
            for region, cell in row.cells
        ]
        return Response(CoverageCellSerializer(cells, many=True).data)


class BaselineView(_AdministratorView):
    """The administrator's protection baseline: read, set (PUT), apply (POST)."""

    @extend_schema(responses={200: BaselineSerializer})
    def get(self, request, account_id: str):
        baseline = ProtectionBaseline.objects.filter(
            administrator=self.administrator(account_id)
        ).first()
        if baseline is None:
            raise NotFound("No baseline yet.")
        return Response(BaselineSerializer(baseline).data)

    @extend_schema(request=BaselineSerializer, responses={200: BaselineSerializer})
    def put(self, request, account_id: str):
        administrator = self.administrator(account_id)
        incoming = BaselineSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        baseline = protection.baseline_save(
            request.user,
            administrator,
            frequency=incoming.validated_data["finding_publishing_frequency"],
            plans=incoming.validated_data["plans"],
        )
        return Response(BaselineSerializer(baseline).data)

    @extend_schema(request=None, responses={202: None})
    def post(self, request, account_id: str):
        """Apply the baseline to the administrator and its members in every region."""
        try:
            operation = protection.baseline_apply(request.user, self.administrator(account_id))
        except ConfigurationError as exc:
            raise _refused(exc) from exc
        return _accepted(operation)

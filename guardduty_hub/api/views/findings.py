"""Findings: the list (the pages' FilterSet and keyset pagination), detail, and triage actions.

Every finding comes from findings.selectors (the one access rule: outside it is a 404) and
every change goes through findings.services, the functions the pages call.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from guardduty_hub.api.base import ApiViewSet
from guardduty_hub.api.finding_pagination import FindingKeysetPagination
from guardduty_hub.api.permissions import CanTriageFindings, CanViewFindings
from guardduty_hub.api.serializers.findings import (
    ActionResultSerializer,
    AssignSerializer,
    BulkActionSerializer,
    BulkOperationSerializer,
    FeedbackSerializer,
    FindingDetailSerializer,
    FindingNoteSerializer,
    FindingSerializer,
    NoteSerializer,
    StatusSerializer,
)
from guardduty_hub.core import capabilities as cap
from guardduty_hub.findings import services
from guardduty_hub.findings.bulk_actions import (
    MISSING,
    assignee_named,
    bulk_action_for,
    bulk_action_run,
)
from guardduty_hub.findings.bulk_matching import bulk_matching_start, bulk_operations_of
from guardduty_hub.findings.filters import FindingFilterSet
from guardduty_hub.findings.selectors import (
    account_names,
    finding_for,
    findings_visible_to,
)

# Actions that change a finding, and what each needs from the request body.
WRITES = {"archive", "unarchive", "feedback", "status", "assign", "bulk", "bulk_operation"}


class FindingViewSet(mixins.ListModelMixin, ApiViewSet):
    """Findings of the accounts the caller may see; current ones without samples by default
    (`archived=any`, `sample=any` widen it), sorted by severity then last seen."""

    serializer_class = FindingSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = FindingFilterSet
    pagination_class = FindingKeysetPagination

    def get_permissions(self):
        needed = CanTriageFindings if self.action in WRITES else CanViewFindings
        return [*super().get_permissions(), needed()]

    def get_queryset(self):
        # The list row needs neither the raw JSON nor the description (the detail has them).
        return (
            findings_visible_to(self.request.user)
            .select_related("assignee")
            .defer("raw", "description")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "account_names": self._names()}

    def _names(self) -> dict[str, str]:
        return account_names(self.request.user) if self.request.user.is_authenticated else {}

    def _finding(self, pk):
        return finding_for(self.request.user, pk)  # Http404 outside the caller's scope

    @extend_schema(responses=FindingDetailSerializer)
    def retrieve(self, request, pk=None):
        finding = self._finding(pk)
        return Response(
            FindingDetailSerializer(finding, context=self.get_serializer_context()).data
        )

    # --- GuardDuty write-back ----------------------------------------------------------------

    @extend_schema(
        request=None, responses={200: ActionResultSerializer, 502: ActionResultSerializer}
    )
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive in GuardDuty (the administrator's detector), then in the hub."""
        return _single(services.finding_archive(request.user, [self._finding(pk)]))

    @extend_schema(
        request=None, responses={200: ActionResultSerializer, 502: ActionResultSerializer}
    )
    @action(detail=True, methods=["post"])
    def unarchive(self, request, pk=None):
        return _single(services.finding_unarchive(request.user, [self._finding(pk)]))

    @extend_schema(
        request=FeedbackSerializer,
        responses={200: ActionResultSerializer, 502: ActionResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        """Feedback written back to GuardDuty (UpdateFindingsFeedback)."""
        data = _valid(FeedbackSerializer, request)
        finding = self._finding(pk)
        return _single(_call(services.finding_feedback, request.user, [finding], data["feedback"]))

    # --- the hub's workflow ------------------------------------------------------------------

    @extend_schema(request=StatusSerializer, responses=ActionResultSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        data = _valid(StatusSerializer, request)
        finding = self._finding(pk)
        return _single(_call(services.finding_set_status, request.user, [finding], data["status"]))

    @extend_schema(request=AssignSerializer, responses=ActionResultSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        data = _valid(AssignSerializer, request)
        finding = self._finding(pk)
        assignee = _user(data["assignee"])
        return _single(_call(services.finding_assign, request.user, [finding], assignee))

    @extend_schema(methods=["GET"], request=None, responses=FindingNoteSerializer(many=True))
    @extend_schema(methods=["POST"], request=NoteSerializer, responses={201: FindingNoteSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def notes(self, request, pk=None):
        """The finding's notes, oldest first; POST appends one (notes are never edited)."""
        finding = self._finding(pk)
        if request.method == "GET":
            notes = finding.notes.order_by("created_at", "id")
            return Response(FindingNoteSerializer(notes, many=True).data)
        if not request.user.has_perm(cap.TRIAGE_FINDINGS):
            self.permission_denied(request, message="Adding notes needs the Analyst role.")
        data = _valid(NoteSerializer, request)
        note = _call(services.finding_note_add, request.user, finding, data["body"])
        return Response(FindingNoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=BulkActionSerializer,
        responses={200: ActionResultSerializer, 202: BulkOperationSerializer},
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """One action of the registry on many findings: `ids`, or `filter` for every finding
        the filters match (as the list page's "select all matching"). Ids the caller cannot
        see are reported as not found and left alone; a filter only reaches the findings the
        caller may triage. A large filtered set answers 202 with the background operation
        (GET bulk/{operation_id}/ follows it)."""
        data = _valid(BulkActionSerializer, request)
        kind = bulk_action_for(data["action"])
        if not request.user.has_perm(kind.capability):
            self.permission_denied(request)
        name = kind.argument.name if kind.argument else None
        raw = data.get(name, MISSING) if name else MISSING
        try:
            value = kind.parse(raw)
        except DjangoValidationError as exc:
            raise ValidationError({name: exc.messages}) from exc
        if "filter" in data:
            run = _call(bulk_matching_start, request.user, kind, raw, data["filter"])
            if run.operation is not None:
                body = BulkOperationSerializer(run.operation).data
                return Response(body, status=status.HTTP_202_ACCEPTED)
            return Response(ActionResultSerializer(run.result).data)
        result = _call(bulk_action_run, request.user, kind, value, data["ids"])
        return Response(ActionResultSerializer(result).data)

    @extend_schema(request=None, responses=BulkOperationSerializer)
    @action(
        detail=False,
        methods=["get"],
        url_path=r"bulk/(?P<operation_id>[0-9]{1,18})",
        url_name="bulk-operation",
    )
    def bulk_operation(self, request, operation_id=None):
        """A background bulk run's progress; only the caller who started it sees it."""
        operation = get_object_or_404(bulk_operations_of(request.user), pk=int(operation_id))
        return Response(BulkOperationSerializer(operation).data)


def _valid(serializer_class, request) -> dict:
    incoming = serializer_class(data=request.data)
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data


def _user(username: str | None):
    try:
        return assignee_named(username)
    except DjangoValidationError as exc:
        raise ValidationError({"assignee": exc.messages}) from exc


def _call(service, *args):
    """The services raise Django's ValidationError; the API answers those with 400."""
    try:
        return service(*args)
    except DjangoValidationError as exc:
        raise ValidationError(exc.messages) from exc


def _single(result) -> Response:
    """One finding: 200 when done, 502 when GuardDuty refused it (with GuardDuty's reason)."""
    body = ActionResultSerializer(result).data
    return Response(body, status=status.HTTP_200_OK if result.ok else status.HTTP_502_BAD_GATEWAY)

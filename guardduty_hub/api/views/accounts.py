"""Accounts and memberships (read, scoped like the pages) and membership operations (Admin).

Operations go through accounts.operations, the same service the accounts pages call.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from guardduty_hub.accounts.models import (
    AccountKind,
    AdministratorRegion,
    Membership,
    OperationItem,
    OperationKind,
)
from guardduty_hub.accounts.operations import operation_retry, operation_start
from guardduty_hub.accounts.scope import Verb, accounts_for
from guardduty_hub.accounts.selectors import operations_for
from guardduty_hub.api.base import ApiViewSet, ReadOnlyApiViewSet
from guardduty_hub.api.permissions import CanManageAccounts, CanSeeActivity, CanViewFindings
from guardduty_hub.api.serializers.accounts import (
    AwsAccountSerializer,
    MembershipOperationCreateSerializer,
    MembershipOperationSerializer,
    MembershipSerializer,
)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("kind", enum=AccountKind.values, required=False)]
    )
)
class AccountViewSet(ReadOnlyApiViewSet):
    """AWS accounts the hub knows, limited to the accounts the caller may see."""

    serializer_class = AwsAccountSerializer
    permission_classes = [*ReadOnlyApiViewSet.permission_classes, CanViewFindings]
    lookup_field = "account_id"
    lookup_value_regex = r"\d{12}"

    def get_queryset(self):
        accounts = accounts_for(self.request.user, Verb.VIEW)
        if kind := self.request.query_params.get("kind"):
            accounts = accounts.filter(kind=kind)
        return accounts


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("member", description="Member account id", required=False),
            OpenApiParameter("region", required=False),
            OpenApiParameter("relationship_status", required=False),
        ]
    )
)
class MembershipViewSet(ReadOnlyApiViewSet):
    """What each administrator's GuardDuty says about each member, region by region."""

    serializer_class = MembershipSerializer
    permission_classes = [*ReadOnlyApiViewSet.permission_classes, CanViewFindings]

    def get_queryset(self):
        memberships = Membership.objects.filter(
            member__in=accounts_for(self.request.user, Verb.VIEW)
        ).select_related("administrator", "member")
        params = self.request.query_params
        if member := params.get("member"):
            memberships = memberships.filter(member__account_id=member)
        if region := params.get("region"):
            memberships = memberships.filter(region=region)
        if "relationship_status" in params:
            memberships = memberships.filter(relationship_status=params["relationship_status"])
        return memberships


class MembershipOperationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ApiViewSet
):
    """Invite (or add, suspend, resume, disassociate, remove) accounts, in the background.

    Creating one answers 202 with the operation; poll it for per-account results. Listed are
    the operations whose administrator and accounts are all in the caller's scope; creating or
    retrying one needs them all manageable (accounts.scope), else they are "not known".
    """

    serializer_class = MembershipOperationSerializer

    def get_permissions(self):
        needed = CanManageAccounts if self.action in ("create", "retry") else CanViewFindings
        return [*super().get_permissions(), needed(), CanSeeActivity()]

    def get_queryset(self):
        verb = Verb.MANAGE if self.action == "retry" else Verb.VIEW
        return (
            operations_for(self.request.user, verb)
            .select_related("administrator", "created_by")
            .prefetch_related(
                Prefetch("items", queryset=OperationItem.objects.select_related("account"))
            )
        )

    def get_serializer_class(self):
        if self.action == "create":
            return MembershipOperationCreateSerializer
        return MembershipOperationSerializer

    @extend_schema(responses={202: MembershipOperationSerializer})
    def create(self, request, *args, **kwargs):
        incoming = MembershipOperationCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        manageable = accounts_for(request.user, Verb.MANAGE)
        administrator = manageable.filter(
            account_id=data["administrator"], kind=AccountKind.ADMINISTRATOR
        ).first()
        if administrator is None:
            raise ValidationError({"administrator": "Not an administrator known to the hub."})
        wanted = set(data["accounts"])
        accounts = list(manageable.filter(account_id__in=wanted))
        unknown = wanted - {a.account_id for a in accounts}
        if unknown:
            raise ValidationError({"accounts": f"Not in the hub: {', '.join(sorted(unknown))}."})
        skipped = []
        if data["kind"] == OperationKind.INVITE:
            # GuardDuty rejects invitations to Organizations members (as the page does).
            skipped = [a.account_id for a in accounts if a.is_organizations_member]
            accounts = [a for a in accounts if not a.is_organizations_member]
            if not accounts:
                raise ValidationError({"accounts": "Organizations members are not invited."})
        regions = _operation_regions(administrator, data.get("regions"))
        params = {}
        if data["kind"] == OperationKind.INVITE:
            params = {
                "message": data.get("message", "").strip(),
                "disable_email_notification": not data["email_root_user"],
            }
        operation = operation_start(
            request.user, data["kind"], administrator, accounts, regions, **params
        )
        body = MembershipOperationSerializer(self.get_queryset().get(pk=operation.pk)).data
        body["skipped_organizations_members"] = skipped
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: MembershipOperationSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Run the failed items of an operation again."""
        operation = self.get_object()
        operation_retry(request.user, operation)
        return Response(
            MembershipOperationSerializer(self.get_queryset().get(pk=operation.pk)).data,
            status=status.HTTP_202_ACCEPTED,
        )


def _operation_regions(administrator, asked: list[str] | None) -> list[str]:
    known = dict(
        AdministratorRegion.objects.filter(administrator=administrator).values_list(
            "region", "enabled"
        )
    )
    if not asked:
        regions = sorted(r for r, enabled in known.items() if enabled)
    else:
        unknown = set(asked) - set(known)
        if unknown:
            raise ValidationError(
                {"regions": f"No detector of this administrator in {', '.join(sorted(unknown))}."}
            )
        regions = sorted(set(asked))
    if not regions:
        raise ValidationError({"regions": "The administrator has no enabled region."})
    return regions

"""The member side: a member account's pending invitations, accept, decline, leave.

The member portal's rule (accounts.scope's Verb.ANSWER) and services (accounts/invitations.py):
a member owner acts only for the accounts they own (any other account is a 404); an Admin may
act for any member account they may manage, on its behalf, and the audit trail says so. Every GuardDuty
call goes through the member's own role, inside those services.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from guardduty_hub.accounts.invitations import (
    MemberActionError,
    administrator_leave,
    invitation_accept,
    invitation_decline,
    invitations_pending,
    invitations_refresh,
    member_states,
)
from guardduty_hub.accounts.scope import Verb, accounts_for, owned_member_accounts
from guardduty_hub.api.base import ApiViewSet
from guardduty_hub.api.permissions import CanAnswerInvitations
from guardduty_hub.api.serializers.accounts import AwsAccountSerializer
from guardduty_hub.api.serializers.member import (
    AnswerSerializer,
    LeaveSerializer,
    MemberStateSerializer,
    RegionOutcomeSerializer,
)

ANSWER_RESPONSES = {200: RegionOutcomeSerializer}


class MemberAccountViewSet(mixins.ListModelMixin, ApiViewSet):
    """Member accounts the caller answers invitations for: a member owner's own accounts, or
    (Admin) any non-administrator account in the caller's scope, on its behalf."""

    serializer_class = AwsAccountSerializer
    permission_classes = [*ApiViewSet.permission_classes, CanAnswerInvitations]
    lookup_field = "account_id"
    lookup_value_regex = r"\d{12}"

    def get_queryset(self):
        return accounts_for(self.request.user, Verb.ANSWER)

    def _on_behalf(self, member) -> bool:
        return not owned_member_accounts(self.request.user).filter(pk=member.pk).exists()

    @extend_schema(responses=MemberStateSerializer)
    def retrieve(self, request, account_id=None):
        """The current administrator per region and the invitations still to answer, as the
        last refresh read them (`checked_at`; a GET never calls AWS: POST .../refresh/)."""
        member = self.get_object()
        states, checked_at = member_states(member)
        return self._state(member, states, checked_at)

    @extend_schema(request=None, responses=MemberStateSerializer)
    @action(detail=True, methods=["post"])
    def refresh(self, request, account_id=None):
        """Read GuardDuty now, through the member's role (ListInvitations and
        GetAdministratorAccount in every region the hub works in), store it and answer it."""
        member = self.get_object()
        states = invitations_refresh(member)
        member.refresh_from_db()  # a role problem is recorded on the account
        return self._state(member, states, member_states(member)[1])

    def _state(self, member, states, checked_at) -> Response:
        body = {
            "account": member,
            "on_behalf": self._on_behalf(member),
            "checked_at": checked_at,
            "regions": states,
            "invitations": invitations_pending(member, states),
        }
        return Response(MemberStateSerializer(body).data)

    @extend_schema(request=AnswerSerializer, responses=ANSWER_RESPONSES)
    @action(detail=True, methods=["post"])
    def accept(self, request, account_id=None):
        """Accept the administrator's invitations (creating the member's detector where
        missing). A region that already has another administrator is refused: an account can
        have only one. Regions not done are listed in `failed` with the reason."""
        return self._answer(request, invitation_accept)

    @extend_schema(request=AnswerSerializer, responses=ANSWER_RESPONSES)
    @action(detail=True, methods=["post"])
    def decline(self, request, account_id=None):
        """Decline the administrator's invitations (DeclineInvitations); they leave the list."""
        return self._answer(request, invitation_decline)

    def _answer(self, request, service):
        """Accept or decline (`service` from accounts/invitations.py) the invitations in the body."""
        member = self.get_object()
        data = _valid(AnswerSerializer, request)
        try:
            outcome = service(request.user, member, data["administrator"], data.get("regions"))
        except MemberActionError as exc:
            raise ValidationError({"administrator": exc.message}) from exc
        invitations_refresh(member)  # a later GET shows the state the answer left
        return _outcome(outcome)

    @extend_schema(request=LeaveSerializer, responses=ANSWER_RESPONSES)
    @action(detail=True, methods=["post"])
    def leave(self, request, account_id=None):
        """Leave the current administrator in these regions
        (DisassociateFromAdministratorAccount; the administrator then sees Resigned)."""
        member = self.get_object()
        data = _valid(LeaveSerializer, request)
        outcome = administrator_leave(request.user, member, data["regions"])
        invitations_refresh(member)
        return _outcome(outcome)


def _valid(serializer_class, request) -> dict:
    incoming = serializer_class(data=request.data)
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data


def _outcome(outcome: dict[str, str]) -> Response:
    """{region: "" when done, else why not} as done/failed, the shape of the finding actions'
    results. 200 even when some regions failed: like a bulk action, the body says which."""
    body = {
        "done": [region for region, error in outcome.items() if not error],
        "failed": {region: error for region, error in outcome.items() if error},
    }
    return Response(RegionOutcomeSerializer(body).data)

"""Accounts, memberships and membership operations, as the API shows them (read)."""

from rest_framework import serializers

from guardduty_hub.accounts.models import (
    AwsAccount,
    Membership,
    MembershipOperation,
    OperationItem,
    OperationKind,
)
from guardduty_hub.api.serializers.fields import AccountIdField


class AwsAccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwsAccount
        # role_arn/external_id are how the hub reaches the account: not for every reader.
        fields = [
            "id",
            "account_id",
            "name",
            "kind",
            "joined_via",
            "root_email",
            "last_error",
            "last_error_at",
            "created_at",
            "updated_at",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    administrator = AccountIdField("administrator")
    member = AccountIdField("member")
    member_name = serializers.ReadOnlyField(source="member.name")

    class Meta:
        model = Membership
        fields = [
            "id",
            "administrator",
            "member",
            "member_name",
            "region",
            "relationship_status",
            "email",
            "invited_at",
            "updated_at",
            "last_refreshed_at",
            "last_error",
            "last_error_at",
        ]


class OperationItemSerializer(serializers.ModelSerializer):
    account = AccountIdField("account")

    class Meta:
        model = OperationItem
        fields = ["account", "region", "state", "result", "finished_at"]


class MembershipOperationSerializer(serializers.ModelSerializer):
    administrator = AccountIdField("administrator")
    created_by = serializers.CharField(source="created_by.username", default=None, read_only=True)
    items = OperationItemSerializer(many=True, read_only=True)

    class Meta:
        model = MembershipOperation
        fields = [
            "id",
            "kind",
            "administrator",
            "state",
            "params",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
            "attempts",
            "error",
            "items",
        ]


class MembershipOperationCreateSerializer(serializers.Serializer):
    """Start a membership operation (invite, ...) for accounts already in the hub."""

    kind = serializers.ChoiceField(choices=OperationKind.choices, default=OperationKind.INVITE)
    administrator = serializers.CharField(help_text="The administrator's 12-digit account id.")
    accounts = serializers.ListField(
        child=serializers.CharField(), min_length=1, max_length=5000, help_text="Account ids."
    )
    regions = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Default: the administrator's enabled regions.",
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    email_root_user = serializers.BooleanField(default=False)

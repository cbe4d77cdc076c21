"""The member side as the API shows it: a member account's invitations and administrators."""

from rest_framework import serializers

from guardduty_hub.accounts.models import Invitation
from guardduty_hub.api.serializers.accounts import AwsAccountSerializer


class MemberRegionSerializer(serializers.Serializer):
    """GetAdministratorAccount in one region, as the member sees it."""

    region = serializers.CharField()
    administrator = serializers.CharField(
        source="administrator_id", help_text="Current administrator; empty when none."
    )
    administrator_status = serializers.CharField(help_text="Its relationship status.")
    error = serializers.CharField(help_text="Why the region could not be read; empty when fine.")


class InvitationSerializer(serializers.ModelSerializer):
    administrator = serializers.CharField(source="administrator_account_id", read_only=True)

    class Meta:
        model = Invitation
        fields = ["administrator", "region", "invitation_id", "relationship_status", "invited_at"]


class MemberStateSerializer(serializers.Serializer):
    account = AwsAccountSerializer()
    on_behalf = serializers.BooleanField(
        help_text="True when the caller is not an owner of the account (an Admin acting for "
        "it); the audit trail records it so."
    )
    checked_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the hub last read this from GuardDuty (POST .../refresh/); null: never.",
    )
    regions = MemberRegionSerializer(many=True)
    invitations = InvitationSerializer(
        many=True,
        help_text="Pending invitations, by administrator then region. A region accepts only "
        "one administrator.",
    )


class AnswerSerializer(serializers.Serializer):
    """Accept or decline one administrator's invitations."""

    administrator = serializers.RegexField(
        r"^\d{12}$", help_text="The inviting administrator's 12-digit account id."
    )
    regions = serializers.ListField(
        child=serializers.CharField(max_length=32),
        required=False,
        min_length=1,
        help_text="Default: every region where that administrator invited the account.",
    )


class LeaveSerializer(serializers.Serializer):
    regions = serializers.ListField(
        child=serializers.CharField(max_length=32),
        min_length=1,
        help_text="Regions whose current administrator the account leaves.",
    )


class RegionOutcomeSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.CharField(), help_text="Regions done.")
    failed = serializers.DictField(
        child=serializers.CharField(), help_text="Region -> why it was not done."
    )

"""The GuardDuty relationship, region by region: administrator regions, memberships, invitations."""

from django.db import models

from guardduty_hub.accounts.choices import status_info
from guardduty_hub.accounts.models.aws_account import AwsAccount
from guardduty_hub.core.models import LastError


class AdministratorRegion(LastError):
    """A region in which an administrator account runs GuardDuty (its detector there).

    Discovered on onboarding (regions where the administrator has a detector); `enabled` is the
    administrator's choice of regions the hub works in: invite, refresh and sync loop over them.
    Its last error says why a call in this region failed (region not enabled, denied, ...).
    """

    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="admin_regions"
    )
    region = models.CharField(max_length=32)
    detector_id = models.CharField(max_length=300, blank=True)
    enabled = models.BooleanField(default=True)
    discovered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["administrator_id", "region"]
        constraints = [
            # One detector per account and region in GuardDuty; onboarding upserts on this key.
            models.UniqueConstraint(
                fields=["administrator", "region"], name="accounts_adminregion_unique"
            ),
        ]
        indexes = [
            # Invite/refresh/sync fan out over an administrator's enabled regions.
            models.Index(fields=["administrator", "enabled"], name="adminregion_enabled_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.administrator.account_id} {self.region}"


class Relationship(models.Model):
    """GuardDuty's word on an administrator-member relationship, as a member or an invitation.

    `relationship_status` is GuardDuty's free string (see choices.py), kept as it comes;
    `status` decorates it (label, help, colour).
    """

    relationship_status = models.CharField(max_length=64, blank=True)
    # GuardDuty's own time (it returns strings; parsed leniently), not ours.
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def status(self):
        return status_info(self.relationship_status)


class Membership(Relationship, LastError):
    """What the administrator's GuardDuty says about one member in one region.

    An empty relationship status means the hub asked for the relationship but GuardDuty has no
    member record (yet, or any more). Its last error is an UnprocessedAccounts result or an
    error reaching the region.
    """

    administrator = models.ForeignKey(
        AwsAccount, on_delete=models.CASCADE, related_name="memberships_administered"
    )
    member = models.ForeignKey(AwsAccount, on_delete=models.CASCADE, related_name="memberships")
    region = models.CharField(max_length=32)
    email = models.CharField(max_length=64, blank=True)
    # GuardDuty's own time, as invited_at.
    updated_at = models.DateTimeField(null=True, blank=True)
    member_detector_id = models.CharField(max_length=300, blank=True)
    last_refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member_id", "region"]
        constraints = [
            # GuardDuty's natural key; refresh and operations upsert on it.
            models.UniqueConstraint(
                fields=["administrator", "member", "region"], name="accounts_membership_unique"
            ),
        ]
        indexes = [
            # Accounts table filter "status X in region Y" and the sync's "Enabled members".
            models.Index(fields=["relationship_status", "region"], name="membership_status_idx"),
            # Status strip: a member's rows across regions.
            models.Index(fields=["member", "region"], name="membership_member_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.member.account_id} in {self.region}: {self.relationship_status or '-'}"


class Invitation(Relationship):
    """An invitation a member account sees (ListInvitations through the member's role)."""

    member = models.ForeignKey(AwsAccount, on_delete=models.CASCADE, related_name="invitations")
    region = models.CharField(max_length=32)
    administrator_account_id = models.CharField(max_length=12)
    invitation_id = models.CharField(max_length=300)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # Set when the member accepted/declined through the hub.
    responded_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["member_id", "region", "-invited_at"]
        constraints = [
            # A member holds at most one invitation per inviter and region; refresh upserts.
            models.UniqueConstraint(
                fields=["member", "region", "administrator_account_id"],
                name="accounts_invitation_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.administrator_account_id} -> {self.member.account_id} ({self.region})"


class MemberRegionState(models.Model):
    """What the member's own GuardDuty said in one region at its last refresh: its current
    administrator, or why it could not be read. Written only by an explicit refresh
    (invitations.invitations_refresh); the member portal and API read it (GET never calls
    AWS)."""

    member = models.ForeignKey(AwsAccount, on_delete=models.CASCADE, related_name="region_states")
    region = models.CharField(max_length=32)
    administrator_account_id = models.CharField(max_length=12, blank=True)
    administrator_status = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        constraints = [
            # One state per member and region; each refresh replaces it.
            models.UniqueConstraint(
                fields=["member", "region"], name="accounts_memberstate_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.region}: {self.administrator_account_id or 'none'}"

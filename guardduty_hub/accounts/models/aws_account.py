from django.core.validators import RegexValidator
from django.db import models

from guardduty_hub.core.models import LastError

account_id_validator = RegexValidator(r"^\d{12}\Z", "An AWS account ID is exactly 12 digits.")


class AccountKind(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    MEMBER = "member", "Member"
    STANDALONE = "standalone", "Standalone"


class JoinMethod(models.TextChoices):
    """How a member joined: Organizations members are added with CreateMembers alone."""

    INVITATION = "invitation", "By invitation"
    ORGANIZATIONS = "organizations", "Via Organizations"


class AwsAccount(LastError):
    """An AWS account the hub knows: a GuardDuty administrator, a member, or standalone.

    Its last error says why the hub could not reach the account (AssumeRole denied, ...).
    """

    account_id = models.CharField(max_length=12, unique=True, validators=[account_id_validator])
    name = models.CharField(max_length=128, blank=True)
    root_email = models.EmailField(max_length=64, blank=True)
    # How the hub reaches the account: this role (with the external id), else the configured
    # default role name in the account, else (home account) the hub's own credentials.
    role_arn = models.CharField(max_length=2048, blank=True)
    external_id = models.CharField(max_length=1224, blank=True)
    uses_hub_credentials = models.BooleanField(default=False)
    kind = models.CharField(max_length=16, choices=AccountKind.choices, default=AccountKind.MEMBER)
    joined_via = models.CharField(
        max_length=16, choices=JoinMethod.choices, default=JoinMethod.INVITATION
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "account_id"]
        indexes = [
            # The accounts table lists members (kind) in this order.
            models.Index(fields=["kind", "name", "account_id"], name="acct_kind_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.account_id})" if self.name else self.account_id

    @property
    def is_organizations_member(self) -> bool:
        """Organizations members are added with CreateMembers alone; GuardDuty rejects invites."""
        return self.joined_via == JoinMethod.ORGANIZATIONS

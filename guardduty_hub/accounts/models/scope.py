"""Which accounts a user may see: the one scope model (the triage app reuses it).

The rule, encoded only in accounts.selectors.accounts_visible_to():
- a member owner (capability core.respond_invitations without core.manage_accounts) sees only
  the accounts of their AccountScope rows (none when they have none);
- any other user with scope rows sees only those accounts;
- any other user with no scope rows sees every account.
"""

from django.conf import settings
from django.db import models

from guardduty_hub.accounts.models.aws_account import AwsAccount


class AccountScope(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_scopes"
    )
    account = models.ForeignKey(AwsAccount, on_delete=models.CASCADE, related_name="scopes")
    # True when the user owns the member account (member portal: respond to its invitations).
    is_owner = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A user is scoped to an account once; the selector's join relies on it.
            models.UniqueConstraint(fields=["user", "account"], name="accounts_scope_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} -> {self.account.account_id}"

"""Which accounts a user may see: the scope rows the access rule (accounts/scope.py) reads.

A user with a ScopedUser row is limited to the accounts of their AccountScope rows, and to none
when they have none: deleting an account (its scope rows cascade) or a scope row never widens
what the user sees. The first scope row a user gets marks them scoped (AccountScope.save);
only deleting the ScopedUser row (Django admin) opens every account to them again. Member owners
are limited to their scope whether marked or not.
"""

from django.conf import settings
from django.db import models

from guardduty_hub.accounts.models.aws_account import AwsAccount


class ScopedUser(models.Model):
    """The user sees only the accounts of their AccountScope rows (none when there are none)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="account_scope_limit",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} (scoped)"


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

    def save(self, *args, **kwargs):
        # A scope row limits its user for good: losing the row later must not open everything.
        ScopedUser.objects.get_or_create(user_id=self.user_id)
        super().save(*args, **kwargs)

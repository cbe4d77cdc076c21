"""Issuing and revoking API tokens: the only writes to ApiToken (page, admin and tests)."""

import hashlib
import secrets

from django.utils import timezone

from guardduty_hub.accounts.audit import audit_record
from guardduty_hub.api.models import ApiToken

KEY_PREFIX = "gdh_"


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_issue(actor, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with the key, which is never shown again."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API token",
        prefix=key[: len(KEY_PREFIX) + 6],
        digest=token_digest(key),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor, "api_token.issue", token, label=f"{user.get_username()}: {token}")
    return token, key


def token_revoke(actor, token: ApiToken) -> bool:
    """Revoke a token (idempotent); False when it was already revoked."""
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if changed:
        token.refresh_from_db(fields=["revoked_at"])
        audit_record(actor, "api_token.revoke", token, label=f"{token.user}: {token}")
    return bool(changed)

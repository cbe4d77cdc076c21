"""`Authorization: Token <key>` (or `Bearer <key>`) against hashed ApiToken rows.

Bad tokens count against the client's address (core/sign_in_limits.py): past the limit the
address gets 429 for a while, whatever token it sends.
"""

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from guardduty_hub.api.models import ApiToken
from guardduty_hub.api.services import token_digest
from guardduty_hub.core.sign_in_limits import lockout_message, token_failed, token_locked_for

# last_used_at is a hint for people, not an audit: one write a minute per token at most, so a
# busy client does not turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower().decode(errors="replace") not in self.keywords:
            return None
        wait = token_locked_for(request)
        if wait:
            raise exceptions.Throttled(wait, lockout_message(wait))
        if len(parts) != 2:
            self._failed(request, "Invalid token header.")
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            self._failed(request, "Invalid token.")
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            self._failed(request, "Invalid or revoked token.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    @staticmethod
    def _failed(request, message: str):
        wait = token_failed(request)
        if wait:
            raise exceptions.Throttled(wait, lockout_message(wait))
        raise exceptions.AuthenticationFailed(message)

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate) rather than 403 to anonymous requests.
        return "Token"

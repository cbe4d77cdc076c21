"""Per-user request budget (API_THROTTLE_RATE, e.g. "1200/min"; anonymous requests get 401)."""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle

DEFAULT_RATE = "1200/min"


class PerUserThrottle(UserRateThrottle):
    scope = "user"

    def get_rate(self):
        return getattr(settings, "API_THROTTLE_RATE", DEFAULT_RATE) or None

"""Each user's display time zone (UserProfile.time_zone, UTC by default), active per request.

The zone is read from the profile once per session and kept in the session, so pages do not
pay a query for it. Times are stored and compared in UTC; only display converts.
"""

import zoneinfo

from django.utils import timezone

from guardduty_hub.findings.models import UserProfile

SESSION_KEY = "gdh_time_zone"


def user_time_zone(user) -> str:
    zone = UserProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
    return zone or "UTC"


def profile_set_time_zone(user, zone: str, session=None) -> None:
    """Save the user's zone (validated by the caller's form) and use it from now on."""
    UserProfile.objects.update_or_create(user=user, defaults={"time_zone": zone})
    if session is not None:
        session[SESSION_KEY] = zone


class UserTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            zone = request.session.get(SESSION_KEY)
            if zone is None:
                zone = user_time_zone(user)
                request.session[SESSION_KEY] = zone
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

"""What every API view shares: authentication, sign-in, throttling, pagination.

Token requests carry no session, so Django's LoginRequiredMiddleware must let API views
through (`login_not_required`); DRF's IsAuthenticated then refuses anonymous requests with 401.
Set on the views themselves rather than in settings.REST_FRAMEWORK, so that no API view can
forget one of them.
"""

from django.contrib.auth.decorators import login_not_required
from rest_framework import authentication, permissions, viewsets
from rest_framework.throttling import UserRateThrottle

from guardduty_hub.api.authentication import ApiTokenAuthentication
from guardduty_hub.api.pagination import IdCursorPagination
from guardduty_hub.api.throttling import PerUserThrottle


class ApiViewMixin:
    authentication_classes = [ApiTokenAuthentication, authentication.SessionAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes: list[type[UserRateThrottle]] = [PerUserThrottle]
    pagination_class = IdCursorPagination

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class ReadOnlyApiViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ApiViewSet(ApiViewMixin, viewsets.GenericViewSet):
    pass

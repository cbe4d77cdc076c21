"""OpenAPI: the two ways in (session, token) for drf-spectacular, and the schema and docs views.

The docs page (Swagger UI from drf-spectacular-sidecar, served from our static files: no CDN)
needs sign-in like every other API view, and is a hub page (templates/api/docs.html).
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from guardduty_hub.api.base import ApiViewMixin
from guardduty_hub.api.permissions import CanViewFindings


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "guardduty_hub.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: the word Token, a space, then a key issued on the "
            "hub's API tokens page (`/api-tokens/`).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    """drf-spectacular's own cookieAuth, said in words: a cookie cannot be typed into Swagger
    UI's Authorize dialog, so the scheme says where it comes from."""

    target_class = "rest_framework.authentication.SessionAuthentication"
    name = "cookieAuth"
    priority = 1  # over drf_spectacular.authentication.SessionScheme

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The session of a person signed in to the hub (this docs page "
            "uses it). Requests that change something also need the `X-CSRFToken` header.",
        }


class SchemaView(ApiViewMixin, SpectacularAPIView):
    # The schema describes what the hub holds: for people with a role, like the API itself.
    permission_classes = [*ApiViewMixin.permission_classes, CanViewFindings]


class DocsView(ApiViewMixin, SpectacularSwaggerSplitView):
    permission_classes = [*ApiViewMixin.permission_classes, CanViewFindings]
    template_name = "api/docs.html"

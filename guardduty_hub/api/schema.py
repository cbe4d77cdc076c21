"""OpenAPI: the two ways in (session, token) for drf-spectacular, and the schema and docs views.

The docs page (Swagger UI from drf-spectacular-sidecar, served from our static files: no CDN)
needs sign-in like every other API view, and is a hub page (templates/api/docs.html). A person
who opens it (or the schema) signed out in a browser is sent to sign in and back, as on every
page; a script (a Token header, or a request that does not ask for HTML) still gets 401.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotAuthenticated

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


def _is_a_browser_page_request(request) -> bool:
    """A person's browser opening the page: a GET asking for HTML, with no API credentials.

    `accepts("text/html")` alone would be true for `*/*` (curl, the test client): a script that
    says nothing about what it wants keeps the API's 401.
    """
    accept = request.headers.get("Accept", "")
    return (
        request.method in ("GET", "HEAD")
        and "text/html" in accept
        and "Authorization" not in request.headers
    )


class SignInRedirectMixin:
    """Signed out in a browser: the sign-in page, with `next` back here, instead of 401."""

    def handle_exception(self, exc):
        if isinstance(exc, NotAuthenticated) and _is_a_browser_page_request(self.request):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


class SchemaView(SignInRedirectMixin, ApiViewMixin, SpectacularAPIView):
    # The schema describes what the hub holds: for people with a role, like the API itself.
    permission_classes = [*ApiViewMixin.permission_classes, CanViewFindings]


class DocsView(SignInRedirectMixin, ApiViewMixin, SpectacularSwaggerSplitView):
    permission_classes = [*ApiViewMixin.permission_classes, CanViewFindings]
    template_name = "api/docs.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The split view hands the schema's address only to its script; the page links it too.
        if request.GET.get("script") is None:
            response.data["schema_url"] = self._get_schema_url(request)
        return response

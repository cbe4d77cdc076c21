"""OpenAPI: the token scheme for drf-spectacular, and the schema and docs views.

The docs page (Swagger UI from drf-spectacular-sidecar, served from our static files: no CDN)
needs sign-in like every other API view.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from guardduty_hub.api.base import ApiViewMixin


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "guardduty_hub.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`; issue keys on the API tokens page.",
        }


class SchemaView(ApiViewMixin, SpectacularAPIView):
    pass


class DocsView(ApiViewMixin, SpectacularSwaggerView):
    pass

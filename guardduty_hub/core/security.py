"""Content-Security-Policy on every response (Django 5.2 has none of its own).

The policy is settings.CONTENT_SECURITY_POLICY. Scripts only from our own static files: no
inline <script>, no on* attributes, no eval, so text that slipped past escaping still cannot
run. A view that needs another policy sets the header itself and keeps it.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


def policy_header(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(HEADER, self.header)
        return response

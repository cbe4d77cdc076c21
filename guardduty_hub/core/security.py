"""Middleware that guards every request: a Content-Security-Policy on each response (Django
5.2 has none of its own), and no NUL characters in URLs.

The policy is settings.CONTENT_SECURITY_POLICY. Scripts only from our own static files: no
inline <script>, no on* attributes, no eval, so text that slipped past escaping still cannot
run. A view that needs another policy sets the header itself and keeps it.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest

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


class RefuseNullCharactersMiddleware:
    """A NUL character in the path or the query string is a 400 before any view runs.

    PostgreSQL cannot compare or store one in text ("A string literal cannot contain NUL"), so
    a filter or lookup passing it on would be a server error; form and serializer fields refuse
    it in bodies already, but query parameters are read in many places.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "Null characters are not allowed in the URL.", content_type="text/plain"
            )
        return self.get_response(request)

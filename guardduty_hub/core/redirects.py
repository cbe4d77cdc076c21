"""Where a form may send the person next: only somewhere on this site."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, default: str) -> str:
    """The posted (or queried) `next` when it is a URL on this host, else `default` (a URL or
    a URL name). An absolute URL to another site would make the hub an open redirect."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)

"""Every URL the hub serves needs sign-in, except /healthz and the sign-in pages themselves.

The URL conf is walked at collection time (included apps and the admin site too), so a page
any later feature adds is covered without touching this file. Signed-out requests must be
redirected to a sign-in page; the API refuses them with 401 (token auth), and the machines'
/metrics with 403.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize

# Views open to signed-out visitors, by "namespace:name".
PUBLIC = {"healthz", "login", "admin:login"}
# Values tried for each URL parameter, in order, until the pattern accepts one.
SAMPLES = [
    "1",
    "123456789012",
    "us-east-1",
    "auth",
    "x",
    "00000000-0000-0000-0000-000000000001",
]
API_PREFIX = "/api/"
# Views machines call with a token or from an allowed address instead of a session (no sign-in
# page to send them to): refused with 403 (sync/metrics.py).
MACHINE = {"metrics"}


def _level_samples(pattern) -> list[str]:
    """Concrete strings one level of the URL conf (route or regex) accepts."""
    found = []
    for template, params in normalize(pattern.regex.pattern):
        candidates = (
            [template] if not params else [template % dict.fromkeys(params, s) for s in SAMPLES]
        )
        found += [c for c in candidates if pattern.match(c) is not None]
    return found


def _walk(patterns, prefix="/", namespace=""):
    for entry in patterns:
        for sample in _level_samples(entry.pattern):
            path = prefix + sample
            if isinstance(entry, URLResolver):
                ns = entry.namespace or ""
                inner = f"{namespace}{ns}:" if ns else namespace
                yield from _walk(entry.url_patterns, path, inner)
                break
            if resolve(path).func == entry.callback:
                yield path, f"{namespace}{entry.name or '<unnamed>'}"
                break
        else:
            yield None, f"{namespace}{getattr(entry, 'name', None)} {entry.pattern}"


def url_cases():
    return list(_walk(get_resolver().url_patterns))


CASES = url_cases()


def test_every_url_pattern_got_a_sample_path():
    unreachable = [name for path, name in CASES if path is None]
    assert not unreachable, f"add a SAMPLES value these patterns accept: {unreachable}"


def test_the_walk_sees_included_apps_and_the_admin():
    names = {name for _, name in CASES}
    assert {"home", "healthz", "admin:index", "admin:auth_user_change"} <= names


def _login_paths() -> set[str]:
    return {reverse(settings.LOGIN_URL), reverse("admin:login")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name"),
    [c for c in CASES if c[0] is not None and c[1] not in PUBLIC],
    ids=[f"{c[1]}={c[0]}" for c in CASES if c[0] is not None and c[1] not in PUBLIC],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_signed_out_visitors_cannot_reach(client, path, name, method):
    response = getattr(client, method)(path)
    said = f"{method.upper()} {path} answered {response.status_code}"
    if path.startswith(API_PREFIX):
        assert response.status_code == 401, said
        return
    if name in MACHINE:
        assert response.status_code == 403, said
        return
    assert response.status_code == 302, said
    assert urlsplit(response["Location"]).path in _login_paths(), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_signed_out(client, name):
    assert client.get(reverse(name)).status_code == 200

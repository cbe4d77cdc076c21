"""Install the simulator into moto: URL routes, handler methods and per-backend state.

Idempotent. Must run before the first GuardDuty request of a process: moto builds its URL map
(and, in server mode, the Flask app per service) lazily and caches it.
"""

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from botocore.session import get_session
from moto.core.utils import camelcase_to_underscores
from moto.guardduty import urls as moto_urls
from moto.guardduty.models import GuardDutyBackend
from moto.guardduty.responses import GuardDutyResponse

# Importing the handler modules registers their handlers and state (registry.py).
from guardduty_hub.simulator import (  # noqa: F401 (handlers: imported to register)
    control_routes,
    faults,
    handlers,
    registry,
    speedups,
    world,
)
from guardduty_hub.simulator.errors import GuardDutyError, bad_request, invalid_parameter
from guardduty_hub.simulator.world import LOCK

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _add_routes()
    _add_state()
    _add_handlers()
    _wrap_dispatch()
    _install_controls()
    speedups.install()
    _installed = True


def _install_controls() -> None:
    """World reset with moto's, fault injection (GuardDuty and STS), /moto-api/static routes."""
    world.install_reset_hook()
    faults.install()
    control_routes.install()


# (HTTP method, URI regex whose labels may be empty) of every operation in botocore's model.
_URI_PATTERNS: list[tuple[str, re.Pattern]] = []


def _add_routes() -> None:
    """A URL regex for every request URI in botocore's GuardDuty model.

    Labels match empty too, so a request with an empty DetectorId reaches the dispatch and gets
    GuardDuty's JSON error (see _empty_label) instead of moto's "Not yet implemented" 404.
    """
    model = get_session().get_service_model("guardduty")
    for name in model.operation_names:
        http = model.operation_model(name).http
        uri = http["requestUri"].split("?", 1)[0]
        pattern = re.sub(r"\{([A-Za-z0-9_]+)\+?\}", r"(?P<\1>[^/]*)", uri)
        moto_urls.url_paths.setdefault("{0}" + pattern + "$", GuardDutyResponse.dispatch)
        _URI_PATTERNS.append((http["method"], re.compile(pattern + "$")))


def _empty_label(response: GuardDutyResponse) -> str | None:
    """The wire name of a URI label the request left empty (`/detector//member`), if any."""
    path = urlparse(response.uri).path
    if "//" not in path and not path.endswith("/"):
        return None  # every label has a value (the common case, checked cheaply)
    for method, pattern in _URI_PATTERNS:
        found = pattern.match(path) if method == response.method else None
        if found:
            for label, value in found.groupdict().items():
                if value == "":
                    return label[:1].lower() + label[1:]
    return None


def _add_state() -> None:
    original_init = GuardDutyBackend.__init__
    if getattr(original_init, "_simulator_state", False):
        return

    def __init__(self: GuardDutyBackend, region_name: str, account_id: str) -> None:
        original_init(self, region_name, account_id)
        for attr, factory in registry.STATE_FACTORIES.items():
            setattr(self, attr, factory())

    __init__._simulator_state = True  # type: ignore[attr-defined]
    GuardDutyBackend.__init__ = __init__  # type: ignore[method-assign]


def request_params(response: GuardDutyResponse) -> dict[str, Any]:
    """Body, query string and URI labels of the request, by their wire names."""
    params: dict[str, Any] = {}
    body = response.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if body:
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise bad_request(
                "The request is rejected because the JSON could not be processed"
            ) from exc
        if isinstance(decoded, dict):
            params.update(decoded)
    for key, values in parse_qs(urlparse(response.uri).query, keep_blank_values=True).items():
        params[key] = values[0] if len(values) == 1 else values
    # URI labels arrive under botocore's member names (DetectorId); use wire casing like the rest.
    for key, value in (getattr(response, "uri_match", {}) or {}).items():
        params[key[:1].lower() + key[1:]] = value
    return params


def _make_method(operation: str):
    def method(self: GuardDutyResponse) -> Any:
        call = registry.Call(
            operation=operation,
            account_id=self.current_account,
            region=self.region,
            params=request_params(self),
        )
        result = registry.HANDLERS[operation](call)
        return json.dumps(result or {})

    method.__name__ = camelcase_to_underscores(operation)
    return method


def _add_handlers() -> None:
    for operation in registry.HANDLERS:
        setattr(GuardDutyResponse, camelcase_to_underscores(operation), _make_method(operation))


def _wrap_dispatch() -> None:
    original = GuardDutyResponse.call_action
    if getattr(original, "_simulator_hooks", False):
        return

    def call_action(self: GuardDutyResponse):
        # moto's server is threaded: loads, activity ticks and archives mutate the stores that
        # ListFindings/GetFindings/statistics iterate. One RLock around every GuardDuty request
        # (ours and moto's own, response JSON included) keeps pages whole; it costs an
        # uncontended acquire in-process.
        with LOCK:
            return _call_action(self)

    def _call_action(self: GuardDutyResponse):
        def answer(exc: GuardDutyError):
            headers = dict(exc.get_headers())
            headers["status"] = exc.code
            return exc.code, headers, exc.description

        empty = _empty_label(self)
        if empty:
            return answer(invalid_parameter(empty))
        if registry.BEFORE_CALL:
            call = registry.Call(
                operation=self._get_action() or "",
                account_id=self.current_account,
                region=self.region,
            )
            try:
                for hook in registry.BEFORE_CALL:
                    hook(call)
            except GuardDutyError as exc:
                return answer(exc)
        return original(self)

    call_action._simulator_hooks = True  # type: ignore[attr-defined]
    GuardDutyResponse.call_action = call_action  # type: ignore[method-assign]

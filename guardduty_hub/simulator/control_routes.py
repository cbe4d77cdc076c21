"""The controls over HTTP, under moto's convention `/moto-api/static/guardduty/...`.

    GET  accounts                     registered root emails
    POST accounts   {"accounts": [{"accountId", "email"}]}
    GET  outbox     ?accountId=&region=&to=
    GET  faults | DELETE faults
    POST faults     {"kind", "rate", "burst", "operations", "accounts", "regions", "seed"}
                    and/or {"denyAssumeRole": [ids], "disabledRegions": [{"accountId","region"}]}
    POST findings   {"accountId", "region", "findings": [...], "publish": false,
                     "shape": "wire" (bulk loads already in the API wire shape: no conversion)}
    POST activity   {"accountId", "region" (both optional: every detector), "seed", "new",
                     "reoccur", "publish"}
    POST settings   {"verificationDelaySeconds": 0.3}
    POST reset      {"world": "demo"|"empty", "seed": 0}
    GET  world      the demo world's accounts, emails and role names

Each answers JSON; a bad request 400 {"message"}; a control not built yet 501.
"""

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

from guardduty_hub.simulator import controls, faults
from guardduty_hub.simulator.world import LOCK

PREFIX = "{0}/moto-api/static/guardduty/"

Response = tuple[int, dict[str, str], str]


def _body(request: Any) -> dict[str, Any]:
    raw = request.get_data() if hasattr(request, "get_data") else getattr(request, "body", b"")
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    if not raw:
        return {}
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _answer(status: int, payload: Any) -> Response:
    return status, {"Content-Type": "application/json"}, json.dumps(payload)


def _route(handlers: dict[str, Callable[[Any, dict[str, str]], Any]]):
    """A moto URL handler dispatching on the HTTP method, with JSON in and out."""

    def handle(request: Any, full_url: str, headers: Any) -> Response:
        handler = handlers.get(request.method)
        if handler is None:
            return _answer(405, {"message": f"{request.method} is not allowed here"})
        query = {k: v[0] for k, v in parse_qs(urlparse(full_url).query).items()}
        try:
            # Controls mutate the world the threaded server's requests read: same lock.
            with LOCK:
                return _answer(200, handler(request, query))
        except (ValueError, TypeError, KeyError) as exc:
            return _answer(400, {"message": str(exc)})

    return handle


def _post_accounts(request: Any, query: dict[str, str]) -> Any:
    body = _body(request)
    entries = body.get("accounts", [])
    controls.register_accounts({e["accountId"]: e["email"] for e in entries})
    return _get_accounts(request, query)


def _get_accounts(request: Any, query: dict[str, str]) -> Any:
    accounts = controls.registered_accounts()
    return {"accounts": [{"accountId": k, "email": v} for k, v in sorted(accounts.items())]}


def _get_outbox(request: Any, query: dict[str, str]) -> Any:
    return {
        "emails": controls.outbox(
            account_id=query.get("accountId"), region=query.get("region"), to=query.get("to")
        )
    }


def _post_faults(request: Any, query: dict[str, str]) -> Any:
    body = _body(request)
    if body.get("denyAssumeRole"):
        controls.deny_assume_role([str(a) for a in body["denyAssumeRole"]])
    for pair in body.get("disabledRegions", []):
        controls.disable_region(str(pair["accountId"]), str(pair["region"]))
    if body.get("kind"):
        controls.inject_fault(
            body["kind"],
            rate=float(body.get("rate", 0.0)),
            burst=int(body.get("burst", 0)),
            operations=body.get("operations"),
            accounts=body.get("accounts"),
            regions=body.get("regions"),
            seed=body.get("seed"),
        )
    elif body.get("seed") is not None:
        faults.set_seed(int(body["seed"]))
    return controls.fault_status()


def _get_faults(request: Any, query: dict[str, str]) -> Any:
    return controls.fault_status()


def _delete_faults(request: Any, query: dict[str, str]) -> Any:
    controls.clear_faults()
    return controls.fault_status()


def _post_findings(request: Any, query: dict[str, str]) -> Any:
    body = _body(request)
    ids = controls.load_findings(
        str(body["accountId"]),
        str(body["region"]),
        list(body.get("findings", [])),
        publish=bool(body.get("publish", False)),
        wire=body.get("shape") == "wire",
    )
    return {"loaded": len(ids), "findingIds": list(ids)}


def _post_activity(request: Any, query: dict[str, str]) -> Any:
    body = _body(request)
    return controls.advance_activity(
        account_id=body.get("accountId"),
        region=body.get("region"),
        seed=body.get("seed"),
        new=int(body.get("new", 1)),
        reoccur=int(body.get("reoccur", 1)),
        publish=bool(body.get("publish", True)),
    )


def _post_settings(request: Any, query: dict[str, str]) -> Any:
    body = _body(request)
    if "verificationDelaySeconds" in body:
        controls.set_verification_delay(float(body["verificationDelaySeconds"]))
    return {"verificationDelaySeconds": controls.WORLD.verification_delay}


def _post_reset(request: Any, query: dict[str, str]) -> Any:
    body = _body(request)
    return controls.reset(body.get("world"), seed=int(body.get("seed", 0)))


def _get_world(request: Any, query: dict[str, str]) -> Any:
    return controls.demo_world() or {"world": "empty"}


ROUTES = {
    "accounts": _route({"GET": _get_accounts, "POST": _post_accounts}),
    "outbox": _route({"GET": _get_outbox}),
    "faults": _route({"GET": _get_faults, "POST": _post_faults, "DELETE": _delete_faults}),
    "findings": _route({"POST": _post_findings}),
    "activity": _route({"POST": _post_activity}),
    "settings": _route({"POST": _post_settings}),
    "reset": _route({"POST": _post_reset}),
    "world": _route({"GET": _get_world}),
}


def install() -> None:
    """Add the routes to moto's moto_api URL map (read on every request, in-process and server)."""
    from moto.moto_api._internal import urls

    for name, handler in ROUTES.items():
        urls.url_paths.setdefault(PREFIX + name + "$", handler)

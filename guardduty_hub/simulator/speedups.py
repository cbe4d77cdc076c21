"""Per-request costs of moto's server that do not depend on the request: paid once instead.

Profiled on a GetFindings page of 50 (about 115 KB of JSON) in the HTTP simulator, moto spent
more time around the handler than in it:
- `list_of_moto_modules()` lists moto's package folder and stats every entry, twice per request
  (host -> backend lookup): the folder does not change while the process runs;
- `method_names_from_class()` runs `inspect.getmembers` over the response class per request;
- `_enrich_response` runs a look-behind regex over the whole body to rewrite an XML
  `<RequestId>`, which a JSON body never has.
Each replacement gives the same answers as the original.
"""

import functools
from typing import Any

_done = False


def install() -> None:
    global _done
    if _done:
        return
    _cache_module_list()
    _cache_method_names()
    _skip_request_id_regex()
    _done = True


def _cache_module_list() -> None:
    from moto import backends

    original = backends.list_of_moto_modules
    modules = functools.cache(lambda: tuple(original()))
    backends.list_of_moto_modules = modules  # type: ignore[assignment]


def _cache_method_names() -> None:
    from moto.core import responses

    original = responses.method_names_from_class

    @functools.cache
    def names(clazz: Any, size: int) -> frozenset[str]:
        return frozenset(original(clazz))

    def method_names_from_class(clazz: Any) -> frozenset[str]:
        # Keyed on the class's attribute count too: install() and tests add methods later.
        return names(clazz, len(vars(clazz)))

    responses.method_names_from_class = method_names_from_class  # type: ignore[assignment]


def _skip_request_id_regex() -> None:
    from moto.core.responses import BaseResponse
    from moto.utilities.aws_headers import gen_amzn_requestid_long

    original = BaseResponse._enrich_response

    def _enrich_response(headers: dict[str, str], body: Any) -> tuple[dict[str, str], Any]:
        if isinstance(body, str) and "<RequestId>" not in body:
            if "status" in headers:
                headers["status"] = str(headers["status"])
            gen_amzn_requestid_long(headers)
            return headers, body
        return original(headers, body)

    BaseResponse._enrich_response = staticmethod(_enrich_response)  # type: ignore[method-assign]

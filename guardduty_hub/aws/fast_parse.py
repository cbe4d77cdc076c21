"""botocore's rest-json response parser with compiled shapes: same output, a fraction of the CPU.

Parsing a GetFindings page of 50 findings took about 16 ms of CPU in botocore, more than the
simulator needs to answer it and the biggest part of a sync page. botocore walks the service
model per value: for every structure it loops over ALL members the model declares (a finding's
Resource and Service declare hundreds, a finding fills a few dozen) and dispatches each value
through `getattr(self, "_handle_<type>")`. Here each shape is compiled once into a converter
that walks the keys the JSON actually has. Converters do exactly what botocore's handlers do
(same types, timestamp and blob parsers, None left out of structures, sparse lists, unknown keys
ignored); anything unusual (documents, tagged unions, header-bound JSON values) is handed to
botocore's own method. tests/aws/test_fast_parse.py compares both on real and generated pages.

Only the rest-json protocol (GuardDuty) is affected; STS and others keep botocore's parsers.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from typing import Any

from botocore.parsers import ResponseParserFactory, RestJSONParser
from botocore.utils import ensure_boolean, is_json_value_header

Converter = Callable[[Any], Any]

_lock = threading.Lock()
# (shape resolver, shape name, timestamp parser, blob parser) -> converter. The resolver is one
# per service model, so names cannot collide across services; it is kept alive by the key.
_compiled: dict[tuple[Any, ...], Converter] = {}


class FastRestJSONParser(RestJSONParser):
    def _handle_structure(self, shape: Any, value: Any) -> Any:
        return self._converter(shape)(value)

    def _converter(self, shape: Any) -> Converter:
        # A parser is made per response: the default blob parser, a bound method, would differ
        # every time; it does not use its instance, so its function stands for it.
        if getattr(self._blob_parser, "__func__", None) is RestJSONParser._default_blob_parser:
            self._blob_parser = _decode_blob
        key = (
            getattr(shape, "_shape_resolver", None),
            shape.name,
            self._timestamp_parser,
            self._blob_parser,
        )
        found = _compiled.get(key)
        if found is None:
            found = self._compile(shape, {})
            with _lock:
                _compiled.setdefault(key, found)
        return found

    def _compile(self, shape: Any, pending: dict[str, Converter]) -> Converter:
        """A converter for `shape`; `pending` ties recursive shapes to their converter."""
        kind = shape.type_name
        if kind == "structure":
            return self._compile_structure(shape, pending)
        if kind == "list":
            if shape.serialization.get("location"):
                return lambda node: RestJSONParser._handle_list(self, shape, node)
            item = self._compile(shape.member, pending)
            return lambda node: [None if i is None else item(i) for i in node]
        if kind == "map":
            key = self._compile(shape.key, pending)
            val = self._compile(shape.value, pending)
            return lambda node: {key(k): val(v) for k, v in node.items()}
        if kind == "string":
            if is_json_value_header(shape):
                return lambda value: RestJSONParser._handle_string(self, shape, value)
            return _same
        if kind in ("integer", "long"):
            return int
        if kind in ("float", "double"):
            return float
        if kind == "boolean":
            return ensure_boolean
        if kind == "timestamp":
            return self._timestamp_parser
        if kind == "blob":
            return self._blob_parser
        handler = getattr(self, f"_handle_{kind}", None)
        if handler is None:
            return _same
        return lambda value: handler(shape, value)

    def _compile_structure(self, shape: Any, pending: dict[str, Converter]) -> Converter:
        if shape.is_document_type or shape.is_tagged_union:
            return lambda value: RestJSONParser._handle_structure(self, shape, value)
        if shape.name in pending:
            return pending[shape.name]
        plan: dict[str, list[tuple[str, Converter]]] = {}

        def convert(value: Any) -> Any:
            if value is None:
                return None
            parsed = {}
            for json_name, raw in value.items():
                targets = plan.get(json_name)
                if targets is None or raw is None:
                    continue
                for member_name, member in targets:
                    parsed[member_name] = member(raw)
            return parsed

        pending[shape.name] = convert
        for member_name, member_shape in shape.members.items():
            json_name = member_shape.serialization.get("name", member_name)
            member = self._compile(member_shape, pending)
            plan.setdefault(json_name, []).append((member_name, member))
        return convert


def _same(value: Any) -> Any:
    return value


def _decode_blob(value: Any) -> bytes:
    return base64.b64decode(value)


class FastResponseParserFactory(ResponseParserFactory):
    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "rest-json":
            return FastRestJSONParser(**self._defaults)
        return super().create_parser(protocol_name)


def install(botocore_session: Any) -> None:
    """Make the clients of this botocore session parse rest-json responses with compiled shapes."""
    existing = botocore_session.get_component("response_parser_factory")
    factory = FastResponseParserFactory()
    factory._defaults = dict(getattr(existing, "_defaults", {}))
    botocore_session.register_component("response_parser_factory", factory)

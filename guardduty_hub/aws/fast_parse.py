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

Two more costs of a page are cut the same way, with botocore's own code as the fallback: the
body is decoded with orjson (about four times faster than `json.loads`), and the common timestamp
forms (epoch numbers, ISO-8601 UTC with `Z`) skip dateutil. One deliberate difference: an epoch
number becomes a UTC datetime where botocore gives the machine's local zone (the same instant;
dateutil's local zone is what made it slow, and a stored finding should not depend on the
worker's TZ).

Only the rest-json protocol (GuardDuty) is affected; STS and others keep botocore's parsers.

This subclasses botocore's parser and overrides private methods (`_handle_structure`,
`_parse_body_as_json`, the factory's `_defaults`), so pyproject.toml pins botocore (and boto3,
which moves with it) to the minor version the value-by-value test was run on. Upgrading
botocore means running tests/aws/test_fast_parse.py first. If it fails, or anything parses
oddly in production, set AWS_FAST_PARSE=false (settings.py): every session is then made
without `install()` and botocore's own parser runs, slower and otherwise the same.
"""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import orjson
from botocore.parsers import DEFAULT_TIMESTAMP_PARSER, ResponseParserFactory, RestJSONParser
from botocore.utils import ensure_boolean, is_json_value_header
from dateutil.tz import tzutc

Converter = Callable[[Any], Any]

_lock = threading.Lock()
# (shape resolver, shape name, timestamp parser, blob parser) -> converter. The resolver is one
# per service model, so names cannot collide across services; it is kept alive by the key.
_compiled: dict[tuple[Any, ...], Converter] = {}


class FastRestJSONParser(RestJSONParser):
    def _handle_structure(self, shape: Any, value: Any) -> Any:
        return self._converter(shape)(value)

    def _parse_body_as_json(self, body_contents: bytes) -> Any:
        if not body_contents:
            return {}
        try:
            return orjson.loads(body_contents)
        except orjson.JSONDecodeError:
            # Out of orjson's range (integers beyond 64 bits, NaN) or not JSON at all: botocore
            # decides, as it would have.
            return super()._parse_body_as_json(body_contents)

    def _converter(self, shape: Any) -> Converter:
        # A parser is made per response: the default blob parser, a bound method, would differ
        # every time; it does not use its instance, so its function stands for it.
        if getattr(self._blob_parser, "__func__", None) is RestJSONParser._default_blob_parser:
            self._blob_parser = _decode_blob
        if self._timestamp_parser is DEFAULT_TIMESTAMP_PARSER:
            self._timestamp_parser = _parse_timestamp
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
            if item is _same:
                return list
            return lambda node: [None if i is None else item(i) for i in node]
        if kind == "map":
            key = self._compile(shape.key, pending)
            val = self._compile(shape.value, pending)
            if key is _same and val is _same:
                return dict
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
        # JSON name -> (member name, converter or None for values kept as they are). A JSON
        # name that feeds a second member (botocore allows it; GuardDuty has none) goes to
        # `more`, so the common loop stays one lookup per key: this loop is most of a page's CPU.
        plan: dict[str, tuple[str, Converter | None]] = {}
        more: list[tuple[str, str, Converter | None]] = []

        def convert(value: Any) -> Any:
            if value is None:
                return None
            parsed = {}
            target_of = plan.get
            for json_name, raw in value.items():
                target = target_of(json_name)
                if target is None or raw is None:
                    continue
                member_name, member = target
                parsed[member_name] = raw if member is None else member(raw)
            for json_name, member_name, member in more:
                raw = value.get(json_name)
                if raw is not None:
                    parsed[member_name] = raw if member is None else member(raw)
            return parsed

        pending[shape.name] = convert
        for member_name, member_shape in shape.members.items():
            json_name = member_shape.serialization.get("name", member_name)
            member = self._compile(member_shape, pending)
            kept = None if member is _same else member
            if json_name in plan:
                more.append((json_name, member_name, kept))
            else:
                plan[json_name] = (member_name, kept)
        return convert


def _same(value: Any) -> Any:
    return value


def _decode_blob(value: Any) -> bytes:
    return base64.b64decode(value)


_TZUTC = tzutc()  # the tzinfo botocore gives ISO times ending in Z
_ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z")


def _parse_timestamp(value: Any) -> datetime:
    """botocore's DEFAULT_TIMESTAMP_PARSER, without dateutil for the forms GuardDuty sends."""
    kind = type(value)
    try:
        if kind is float or kind is int:
            return datetime.fromtimestamp(value, UTC).replace(tzinfo=_TZUTC)
        if kind is str:
            if _ISO_UTC.fullmatch(value):
                return datetime.fromisoformat(value[:-1]).replace(tzinfo=_TZUTC)
            # botocore reads a string that is a number as epoch seconds too.
            return datetime.fromtimestamp(float(value), UTC).replace(tzinfo=_TZUTC)
    except (OverflowError, OSError, ValueError):
        pass
    return DEFAULT_TIMESTAMP_PARSER(value)


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

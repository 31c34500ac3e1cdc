"""Reading a JSON request body within the size limit, gzip or not.

A body over the limit is read to its end and discarded before answering 413,
so the client gets the JSON error instead of a reset connection; a gzip body
is inflated in bounded steps, so a small bomb can never be inflated past the
limit.

JSON is parsed strictly: `NaN`, `Infinity` and numbers too large for a float
(`1e999`) are not JSON a client means, nesting deeper than a document of ours
ever needs is refused before it can exhaust the parser's stack, and no string
may hold a character that no database column can store.
"""
from __future__ import annotations

import json
import math
import zlib

from flask import current_app, request

from ..errors import BadRequest, TooLarge, UnsupportedMediaType, ValidationFailed
from ..inputs import forbidden_text, refuse

CHUNK = 64 * 1024
# JSON escaping can make an HTML string longer than the page itself.
JSON_OVERHEAD = 2
# Past this much we stop draining an oversize body and let the connection drop.
DRAIN_CAP = 512 * 1024 * 1024
# No request body of the API nests deeper than a few levels.
MAX_DEPTH = 32


def body_limit() -> int:
    return current_app.config["MAX_PAGE_BYTES"] * JSON_OVERHEAD + 1024 * 1024


def _drain(stream) -> None:
    drained = 0
    while drained < DRAIN_CAP:
        chunk = stream.read(CHUNK)
        if not chunk:
            return
        drained += len(chunk)


def _too_large() -> TooLarge:
    limit_mib = current_app.config["MAX_PAGE_BYTES"] / (1024 * 1024)
    return TooLarge(f"The page is larger than the {limit_mib:g} MiB limit.")


def read_raw_body() -> bytes:
    """The request body, decompressed, at most body_limit() bytes."""
    limit = body_limit()
    stream = request.stream
    encoding = (request.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        _drain(stream)
        raise UnsupportedMediaType("Content-Encoding must be gzip or absent.")
    length = request.content_length
    if length is not None and length > limit:
        _drain(stream)
        raise _too_large()

    out = bytearray()
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
    read = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        read += len(chunk)
        if inflater is None:
            out += chunk
        else:
            try:
                # max_length bounds what one step may produce: a bomb stops here.
                out += inflater.decompress(chunk, limit + 1 - len(out))
                while inflater.unconsumed_tail and len(out) <= limit:
                    out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
            except zlib.error:
                _drain(stream)
                raise BadRequest("The body is not valid gzip.") from None
        if len(out) > limit or read > limit:
            _drain(stream)
            raise _too_large()
    if inflater is not None:
        try:
            out += inflater.flush()
        except zlib.error:
            raise BadRequest("The body is not valid gzip.") from None
        if len(out) > limit:
            raise _too_large()
    return bytes(out)


def read_json() -> dict:
    """A JSON object from the body; 415 when it is not JSON, 400 when it is malformed."""
    mimetype = request.mimetype
    if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
        _drain(request.stream)
        raise UnsupportedMediaType()
    raw = read_raw_body()
    if not raw:
        raise BadRequest("The request body is empty; send a JSON object.")
    data = parse_json(raw)
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return data


def _non_finite(token: str):
    raise ValueError(f"{token} is not a finite number")


def _finite_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise ValueError(f"{token[:40]} is out of range for a number")
    return value


def _check_parsed(data) -> None:
    """Every string storable, and no deeper nesting than MAX_DEPTH (walked without recursion)."""
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if forbidden_text(item):
                # Well-formed JSON whose text no field may hold: invalid content (422).
                raise ValidationFailed(refuse("body").message)
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise _too_deep()
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
                item = item.values()
            stack.extend((child, depth + 1) for child in item)


def _too_deep() -> BadRequest:
    return BadRequest(f"The body nests arrays and objects deeper than {MAX_DEPTH} levels.")


def parse_json(raw: bytes):
    """The JSON document in `raw`; 400 for anything but strict, finite, shallow JSON."""
    try:
        data = json.loads(raw, parse_constant=_non_finite, parse_float=_finite_float)
    except RecursionError:
        raise _too_deep() from None
    except ValueError as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}") from exc
    _check_parsed(data)
    return data

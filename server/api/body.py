"""Reading a JSON request body within the size limit, gzip or not.

A body over the limit is read to its end and discarded before answering 413,
so the client gets the JSON error instead of a reset connection; a gzip body
is inflated in bounded steps, so a small bomb can never be inflated past the
limit.
"""
from __future__ import annotations

import json
import zlib

from flask import current_app, request

from ..errors import BadRequest, TooLarge, UnsupportedMediaType

CHUNK = 64 * 1024
# JSON escaping can make an HTML string longer than the page itself.
JSON_OVERHEAD = 2
# Past this much we stop draining an oversize body and let the connection drop.
DRAIN_CAP = 512 * 1024 * 1024


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
                raise BadRequest("The body is not valid gzip.")
        if len(out) > limit or read > limit:
            _drain(stream)
            raise _too_large()
    if inflater is not None:
        try:
            out += inflater.flush()
        except zlib.error:
            raise BadRequest("The body is not valid gzip.")
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
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}")
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return data

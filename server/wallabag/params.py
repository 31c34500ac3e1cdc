"""Wallabag's parameters: its clients send them in the query string, as a form or as
JSON, whatever the method; all are read here, the body within Gloss's size limit."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import parse_qsl

from flask import g, request
from werkzeug.datastructures import MultiDict

from ..api.body import read_raw_body
from ..errors import BadRequest, ValidationFailed
from ..limits import MAX_TITLE, MAX_URL, forbidden_text, tag_problem, url_problem

MAX_FIELDS = 1000
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def params() -> MultiDict:
    """The query string's parameters and the body's (which win), read once per request."""
    if "wallabag_params" in g:
        return g.wallabag_params
    out = MultiDict(request.args)
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        raw = read_raw_body()
        if raw:
            for key, values in _body_fields(raw).items():
                out.setlist(key, values)
    g.wallabag_params = out
    return out


def _body_fields(raw: bytes) -> dict[str, list]:
    fields = _parse_body(raw)
    for key, values in fields.items():
        if forbidden_text(key) or any(isinstance(v, str) and forbidden_text(v) for v in values):
            raise BadRequest("The body contains a NUL byte or an unpaired surrogate, which no text "
                             "field may hold.")
    return fields


def _parse_body(raw: bytes) -> dict[str, list]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The body is not UTF-8.") from None
    mimetype = request.mimetype or ""
    if mimetype == "application/json" or mimetype.endswith("+json") or (
            not mimetype and text.lstrip().startswith("{")):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise BadRequest(f"The body is not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise BadRequest("The body must be a JSON object.")
        return {key: value if isinstance(value, list) else [value] for key, value in data.items()}
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise BadRequest(f"At most {MAX_FIELDS} parameters are read.") from None
    fields: dict[str, list] = {}
    for key, value in pairs:
        fields.setdefault(key, []).append(value)
    return fields


def flag(name: str) -> bool | None:
    """A 0/1 (or true/false) parameter; None when absent."""
    value = params().get(name)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise BadRequest(f"'{name}' must be 0 or 1.")


def whole(name: str, default: int, minimum: int = 1) -> int:
    value = params().get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest(f"'{name}' must be a whole number.") from None
    if number < minimum:
        raise BadRequest(f"'{name}' must be at least {minimum}.")
    return number


def text(name: str, most: int | None) -> str | None:
    """A string parameter of at most `most` characters (None: bounded by the body's limit)."""
    value = params().get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"'{name}' must be a string.")
    if most is not None and len(value) > most:
        raise ValidationFailed(f"'{name}' has {len(value)} characters; at most {most} are allowed.")
    return value


def url(name: str = "url") -> str:
    value = text(name, MAX_URL)
    if not value:
        raise BadRequest(f"'{name}' is required.")
    problem = url_problem(value)
    if problem:
        raise BadRequest(f"'{name}' {problem}.")
    return value.strip()


def title() -> str | None:
    value = text("title", MAX_TITLE)
    return " ".join(value.split()) if value else None


def tag_names(name: str = "tags") -> list[str] | None:
    """A comma-separated list of labels (or a JSON list); None when absent."""
    values = params().getlist(name)
    if not values:
        return None
    names = []
    for value in values:
        for part in (value if isinstance(value, list) else str(value).split(",")):
            part = " ".join(str(part).split())
            if part:
                names.append(part)
    names = list(dict.fromkeys(names))
    problem = tag_problem(names)
    if problem:
        raise ValidationFailed(problem[0].upper() + problem[1:] + ".")
    return names


def since() -> datetime | None:
    value = params().get("since")
    if value in (None, "", "0", 0):
        return None
    try:
        return datetime.fromtimestamp(int(value), timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        raise BadRequest("'since' must be a Unix timestamp.") from None

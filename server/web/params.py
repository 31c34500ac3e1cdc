"""Query strings of the web pages: empty form fields mean "no filter"."""
from __future__ import annotations

from flask import request
from marshmallow import Schema, ValidationError

from ..errors import BadRequest
from ..services.pagination import clamp_limit


def query_args(schema: Schema) -> dict:
    """The page's filters, loaded with the same schema as the JSON API's list."""
    raw = {key: value for key, value in request.args.items() if value.strip()}
    try:
        args = schema.load(raw)
    except ValidationError as err:
        raise BadRequest("This address has a filter or page marker that Gloss does not understand. "
                         "Go back to the first page and try again.", details=err.messages) from err
    args["limit"] = clamp_limit(args.get("limit"))
    return args


def filters_of(args: dict) -> dict:
    """The filters to carry over into links (the next page, clearing one of them)."""
    return {key: value for key, value in args.items()
            if key not in ("limit", "cursor") and value not in (None, "")}

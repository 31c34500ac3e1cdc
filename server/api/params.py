"""Query-string parsing for list endpoints: a bad limit or cursor is a 400."""
from __future__ import annotations

from flask import request
from marshmallow import Schema, ValidationError

from ..errors import BadRequest
from ..services.pagination import clamp_limit

PAGING_FIELDS = {"limit", "cursor"}


def list_args(schema: Schema) -> dict:
    try:
        args = schema.load(request.args)
    except ValidationError as err:
        if PAGING_FIELDS & set(err.messages):
            raise BadRequest("limit must be a whole number and cursor one this server gave out.",
                             details=err.messages) from err
        raise
    args["limit"] = clamp_limit(args.get("limit"))
    return args

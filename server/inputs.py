"""Characters no field may hold, and ids no table can have, refused for the whole request.

A NUL byte cannot be stored by PostgreSQL, and a lone surrogate cannot be encoded
by either database, so both are refused where they enter (path, query string, form
fields, JSON strings) with a 400 instead of failing at the database or being
stripped silently. An id in the path beyond the id columns' range names nothing,
so it is a 404 before any query runs (PostgreSQL would refuse to compare it).
"""
from __future__ import annotations

from flask import Flask, request

from .errors import BadRequest, NotFound
from .limits import MAX_ID, forbidden_text

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Paths whose views read the raw body themselves (a parsed form would leave them none).
OWN_BODY_PREFIXES = ("/api/", "/oauth/")


def refuse(where: str) -> BadRequest:
    return BadRequest(f"The {where} contains a NUL byte or an unpaired surrogate, which no text "
                      "field may hold.")


def check_request() -> None:
    """Refuses a request whose path, query string or form fields hold forbidden characters,
    and answers 404 for a path id no row can have."""
    if forbidden_text(request.path):
        raise refuse("path")
    for key, value in request.args.items(multi=True):
        if forbidden_text(key) or forbidden_text(value):
            raise refuse("query string")
    # The APIs read their own bodies (checked as they are parsed: api/body.py,
    # wallabag/params.py); only the web UI's forms are read here.
    if request.mimetype in FORM_TYPES and not request.path.startswith(OWN_BODY_PREFIXES):
        for key, value in request.form.items(multi=True):
            if forbidden_text(key) or forbidden_text(value):
                raise refuse("form")
    for value in (request.view_args or {}).values():
        if isinstance(value, int) and value > MAX_ID:
            raise NotFound()


def init_app(app: Flask) -> None:
    app.before_request(check_request)

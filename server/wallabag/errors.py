"""Errors in the shapes Wallabag's clients read: FOSRest's `{"error": {"code": 404,
"message": ...}}` on the API paths, and FOSOAuth's `{"error": "invalid_grant",
"error_description": ...}` for a missing, wrong or expired token (401) and on the token
endpoint."""
from __future__ import annotations

from flask import current_app, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from ..errors import GlossError, Unauthorized
from ..http_errors import add_retry_after, status_for
from ..redact import redacted_path
from .blueprint import bp


def is_wallabag_path(path: str) -> bool:
    """Wallabag's API paths (and its token endpoint), not Gloss's own /api/v1/."""
    return (path.startswith("/api/") and not path.startswith("/api/v1/")) or path.startswith("/oauth/")


def wallabag_error(status: int, message: str):
    resp = jsonify(error={"code": status, "message": message})
    resp.status_code = status
    return resp


def oauth_error(status: int, error: str, description: str):
    resp = jsonify(error=error, error_description=description)
    resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    if status == 401:
        resp.headers["WWW-Authenticate"] = f'Bearer realm="Service", error="{error}"'
    return resp


class TokenRequired(Unauthorized):
    """No usable access token: answered in FOSOAuth's shape."""

    def __init__(self, error: str, description: str):
        super().__init__(description)
        self.error = error


@bp.errorhandler(GlossError)
def _domain(err: GlossError):
    if isinstance(err, TokenRequired):
        return oauth_error(401, err.error, err.message)
    return add_retry_after(wallabag_error(status_for(err), err.message), err)


@bp.errorhandler(ValidationError)
def _validation(err: ValidationError):
    return wallabag_error(400, "Some parameters are invalid: " + "; ".join(
        f"{key}: {' '.join(map(str, value)) if isinstance(value, list) else value}"
        for key, value in err.normalized_messages().items()))


@bp.errorhandler(HTTPException)
def _http(err: HTTPException):
    resp = wallabag_error(err.code or 500, err.description or err.name)
    for name, value in err.get_headers():
        if name.lower() != "content-type":
            resp.headers[name] = value
    return resp


@bp.errorhandler(Exception)
def _unexpected(err: Exception):
    current_app.logger.exception("unhandled error on %s %s", request.method, redacted_path(request.path))
    return wallabag_error(500, "Something went wrong on the server.")

"""Domain errors raised by services, and the one JSON error shape of the API.

Services raise `GlossError` subclasses; `register_error_handlers` turns them,
werkzeug's HTTP exceptions and marshmallow validation errors into
`{"error": {"code", "message", "details"?}}` with the right status.
"""
from __future__ import annotations

from flask import Flask, Response, jsonify, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from .redact import redacted_path


class GlossError(Exception):
    status = 400
    code = "bad_request"
    message = "The request could not be understood."

    def __init__(self, message: str | None = None, details=None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.details = details


class BadRequest(GlossError):
    pass


class Unauthorized(GlossError):
    status, code, message = 401, "unauthorized", "Sign in or send a valid API token."


class InvalidCredentials(GlossError):
    status, code, message = 401, "invalid_credentials", "Wrong username or password."


class Forbidden(GlossError):
    status, code, message = 403, "forbidden", "This request is not allowed."


class NotFound(GlossError):
    status, code, message = 404, "not_found", "Not found."


class TooLarge(GlossError):
    status, code, message = 413, "too_large", "The request body is too large."


class UnsupportedMediaType(GlossError):
    status, code, message = 415, "unsupported_media_type", "Send JSON (application/json)."


class ValidationFailed(GlossError):
    status, code, message = 422, "validation_error", "Some fields are invalid."


class NoArticleFound(GlossError):
    status, code, message = 422, "no_article", "No article text was found on this page."


class RateLimited(GlossError):
    status, code, message = 429, "rate_limited", "Too many attempts; try again later."

    def __init__(self, message: str | None = None, retry_after: int = 60):
        super().__init__(message)
        self.retry_after = retry_after


HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "bad_request", 413: "too_large", 415: "unsupported_media_type",
    422: "validation_error", 429: "rate_limited",
}


def error_response(status: int, code: str, message: str, details=None) -> Response:
    body = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    resp = jsonify(error=body)
    resp.status_code = status
    return resp


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def register_error_handlers(app: Flask, html_handler=None, other_shapes=()) -> None:
    """JSON errors for the API; `html_handler(status, message)` renders them for the web UI.
    `other_shapes` are (is_its_path(path), respond(status, message)) pairs for APIs that
    answer errors in another shape, even where no route of theirs matched (a 404, a 405)."""

    def render(status: int, code: str, message: str, details=None):
        for is_its_path, respond in other_shapes:
            if is_its_path(request.path):
                return respond(status, message)
        if html_handler is not None and not wants_json():
            return html_handler(status, message)
        return error_response(status, code, message, details)

    @app.errorhandler(GlossError)
    def _domain(err: GlossError):
        resp = app.make_response(render(err.status, err.code, err.message, err.details))
        if isinstance(err, RateLimited):
            resp.headers["Retry-After"] = str(err.retry_after)
        return resp

    @app.errorhandler(ValidationError)
    def _validation(err: ValidationError):
        return render(422, "validation_error", "Some fields are invalid.", err.messages)

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException):
        status = err.code or 500
        code = HTTP_CODES.get(status, "bad_request" if status < 500 else "server_error")
        resp = app.make_response(render(status, code, err.description or err.name))
        # What the exception says beside its body (a 405's Allow, a 401's WWW-Authenticate).
        for name, value in err.get_headers():
            if name.lower() != "content-type":
                resp.headers[name] = value
        return resp

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        app.logger.exception("unhandled error on %s %s", request.method, redacted_path(request.path))
        return render(500, "server_error", "Something went wrong on the server.")

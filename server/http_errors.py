"""Errors as HTTP answers: the status of each domain error code, the one JSON error body
`{"error": {"code", "message", "details"?}}`, and the app's handlers that turn domain
errors, werkzeug's HTTP exceptions and marshmallow validation errors into it (or into the
web UI's HTML page, or another API's shape on its own paths)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from .errors import GlossError, RateLimited
from .redact import redacted_path

# The status each domain error code answers with (CONTRACT.md's list).
STATUS_FOR_CODE: dict[str, int] = {
    "bad_request": 400, "unauthorized": 401, "invalid_credentials": 401, "forbidden": 403,
    "not_found": 404, "too_large": 413, "unsupported_media_type": 415, "validation_error": 422,
    "no_article": 422, "rate_limited": 429,
}

# The code answered for a status that no domain error chose (werkzeug's exceptions, gunicorn's own).
HTTP_CODES: dict[int, str] = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "bad_request", 413: "too_large", 415: "unsupported_media_type",
    422: "validation_error", 429: "rate_limited",
}

HtmlHandler = Callable[[int, str], ResponseReturnValue]
OtherShape = tuple[Callable[[str], bool], Callable[[int, str], ResponseReturnValue]]


def status_for(err: GlossError) -> int:
    return STATUS_FOR_CODE[err.code]


def error_response(status: int, code: str, message: str, details: Any = None) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    resp = jsonify(error=body)
    resp.status_code = status
    return resp


def add_retry_after(resp: Response, err: GlossError) -> Response:
    """A rate-limited answer says when to try again."""
    if isinstance(err, RateLimited):
        resp.headers["Retry-After"] = str(err.retry_after)
    return resp


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def register_error_handlers(app: Flask, html_handler: HtmlHandler | None = None,
                            other_shapes: Iterable[OtherShape] = ()) -> None:
    """JSON errors for the API; `html_handler(status, message)` renders them for the web UI.
    `other_shapes` are (is_its_path(path), respond(status, message)) pairs for APIs that
    answer errors in another shape, even where no route of theirs matched (a 404, a 405)."""
    shapes = list(other_shapes)

    def render(status: int, code: str, message: str, details: Any = None) -> ResponseReturnValue:
        for is_its_path, respond in shapes:
            if is_its_path(request.path):
                return respond(status, message)
        if html_handler is not None and not wants_json():
            return html_handler(status, message)
        return error_response(status, code, message, details)

    @app.errorhandler(GlossError)
    def _domain(err: GlossError) -> Response:
        resp = app.make_response(render(status_for(err), err.code, err.message, err.details))
        return add_retry_after(resp, err)

    @app.errorhandler(ValidationError)
    def _validation(err: ValidationError) -> ResponseReturnValue:
        return render(422, "validation_error", "Some fields are invalid.", err.messages)

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> Response:
        status = err.code or 500
        code = HTTP_CODES.get(status, "bad_request" if status < 500 else "server_error")
        resp = app.make_response(render(status, code, err.description or err.name))
        # What the exception says beside its body (a 405's Allow, a 401's WWW-Authenticate).
        for name, value in err.get_headers():
            if name.lower() != "content-type":
                resp.headers[name] = value
        return resp

    @app.errorhandler(Exception)
    def _unexpected(err: Exception) -> ResponseReturnValue:
        app.logger.exception("unhandled error on %s %s", request.method, redacted_path(request.path))
        return render(500, "server_error", "Something went wrong on the server.")

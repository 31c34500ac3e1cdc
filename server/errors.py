"""Domain errors: what services (and the request parsers) raise when a request cannot be
done. Each names its `code`, the one word clients branch on, and a sentence for people.

This module knows nothing of HTTP: `server/http_errors.py` maps each code to its status
and renders the one error body, at the edge.
"""
from __future__ import annotations

from typing import Any


class GlossError(Exception):
    code = "bad_request"
    message = "The request could not be understood."

    def __init__(self, message: str | None = None, details: Any = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.details = details


class BadRequest(GlossError):
    pass


class Unauthorized(GlossError):
    code, message = "unauthorized", "Sign in or send a valid API token."


class InvalidCredentials(GlossError):
    code, message = "invalid_credentials", "Wrong username or password."


class Forbidden(GlossError):
    code, message = "forbidden", "This request is not allowed."


class NotFound(GlossError):
    code, message = "not_found", "Not found."


class TooLarge(GlossError):
    code, message = "too_large", "The request body is too large."


class UnsupportedMediaType(GlossError):
    code, message = "unsupported_media_type", "Send JSON (application/json)."


class ValidationFailed(GlossError):
    code, message = "validation_error", "Some fields are invalid."


class NoArticleFound(GlossError):
    code, message = "no_article", "No article text was found on this page."


class RateLimited(GlossError):
    code, message = "rate_limited", "Too many attempts; try again later."

    def __init__(self, message: str | None = None, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after

"""The web UI: server-rendered pages over the same services as the JSON API.

Views parse the request, call one service and render a template; the reader's
own script talks to the JSON API with the session cookie and the CSRF header.
"""
from __future__ import annotations

from flask import render_template

from .blueprint import bp

from .session import sign_in, template_context  # noqa: E402  (sign_in is used by tests and links)

bp.app_context_processor(template_context)

__all__ = ["bp", "render_error", "sign_in"]

TITLES = {400: "That request did not work", 401: "Please sign in", 403: "Not allowed",
          404: "Not found", 405: "Not allowed", 413: "Too large", 422: "That did not work",
          429: "Too many attempts"}


def render_error(status: int, message: str):
    """The HTML answer for an error on a web page (the API answers JSON instead)."""
    title = TITLES.get(status, "Something went wrong" if status >= 500 else "That did not work")
    return render_template("error.html", status=status, title=title, message=message), status


from . import (app_shell, auth, books, filters, highlights, images, jobs, library, links, reader,  # noqa: E402,F401
               reading, review, tags, tokens)

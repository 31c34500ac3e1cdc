"""The sizes a user's data may have, named once: the API's schemas and the importers
both apply them, so an import can store nothing the API would refuse."""
from __future__ import annotations

import math
from urllib.parse import urlsplit

from . import palette

# The colours a highlight may have: the shared palette's (server/palette.py).
COLORS = palette.COLORS
DEFAULT_COLOR = palette.DEFAULT_COLOR
MAX_URL = 4096
MAX_TITLE = 2000
# Names people give (a tag, an API token, a Wallabag client): their columns' width.
MAX_NAME = 100
MAX_TAGS = 100
MAX_TAG = MAX_NAME
MAX_QUOTE = 20000
MAX_CONTEXT = 1000  # a highlight's prefix or suffix
MAX_NOTE = 20000
# Page metadata that comes from extraction, bounded by their columns.
MAX_LANGUAGE = 20
MAX_PUBLISHED = 40
# Row ids are 32-bit integer columns: a larger id names nothing.
MAX_ID = 2**31 - 1
# No text column can hold a NUL (PostgreSQL) or an unpaired surrogate (neither database):
# such text is refused, never stripped.
FORBIDDEN_PROBLEM = "holds a NUL byte or an unpaired surrogate"


def forbidden_text(value: str) -> bool:
    # Every request's text passes here, pages of HTML among it: a memory scan for the NUL, and
    # UTF-8 encoding, which fails on a surrogate and nothing else, are several times faster
    # than a regular expression over the whole text.
    if "\x00" in value:
        return True
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def tag_problem(names: list[str]) -> str | None:
    """Why these tag names break the API's limits, or None."""
    if len(names) > MAX_TAGS:
        return f"at most {MAX_TAGS} tags are allowed, not {len(names)}"
    for name in names:
        if not 1 <= len(name) <= MAX_TAG:
            return f"a tag has 1 to {MAX_TAG} characters ({name[:40]!r}... has {len(name)})"
        if forbidden_text(name):
            return f"a tag {FORBIDDEN_PROBLEM}"
    return None


def text_problem(name: str, value: str | None, most: int) -> str | None:
    if value is not None and len(value) > most:
        return f"'{name}' has {len(value)} characters; at most {most} are allowed"
    if value is not None and forbidden_text(value):
        return f"'{name}' {FORBIDDEN_PROBLEM}"
    return None


def progress_problem(value: float | None) -> str | None:
    if value is not None and not (math.isfinite(value) and 0 <= value <= 1):
        return "'progress' must be a number from 0 to 1"
    return None


def url_problem(value: str) -> str | None:
    """Why `value` is not an http(s) URL the API takes, or None."""
    if len(value) > MAX_URL:
        return f"a URL has at most {MAX_URL} characters"
    if forbidden_text(value):
        return f"a URL {FORBIDDEN_PROBLEM}"
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError:
        return "must be an http:// or https:// URL (with a port up to 65535)"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "must be an http:// or https:// URL"
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return "a URL cannot contain spaces or control characters (write a space as %20)"
    return None


def name_problem(what: str, value: str) -> str | None:
    """Why `value` cannot name a token or a client, or None."""
    if len(value) > MAX_NAME:
        return f"{what} has at most {MAX_NAME} characters, not {len(value)}"
    if forbidden_text(value):
        return f"{what} {FORBIDDEN_PROBLEM}"
    return None

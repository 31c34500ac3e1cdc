"""What logs may say about a request: login links carry their secret in the path, so
their paths are logged without it."""
from __future__ import annotations

import re

LOGIN_LINK_PATH_RE = re.compile(r"(/login-links/)[^/?#\s]+")


def redacted_path(path: str) -> str:
    return LOGIN_LINK_PATH_RE.sub(r"\1[secret]", path)

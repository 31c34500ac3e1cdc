"""The extension's highlighter, served to the reader view: one copy of that code, not two."""
from __future__ import annotations

from pathlib import Path

from flask import abort, send_from_directory

from . import bp

# The project is installed editable, so the extension sits beside the package.
EXTENSION_CONTENT = Path(__file__).resolve().parents[2] / "extension" / "content"
SHARED_SCRIPTS = {"highlighter.js"}


@bp.get("/ext/<name>")
def extension_script(name: str):
    if name not in SHARED_SCRIPTS:
        abort(404)
    return send_from_directory(EXTENSION_CONTENT, name, mimetype="text/javascript", max_age=3600)

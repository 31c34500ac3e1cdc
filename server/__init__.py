"""Gloss: a self-hosted read-it-later and annotation service."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__ as __version__

if TYPE_CHECKING:
    from .app import create_app as create_app


def __getattr__(name: str) -> Any:
    # `server.create_app` is imported when first asked for: the modules free of Flask (the
    # domain errors, extraction, anchoring) stay so when imported through the package.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

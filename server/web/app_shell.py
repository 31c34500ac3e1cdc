"""Gloss as an installable web app: its manifest (with the Web Share Target that puts
Gloss in a phone's share sheet), its service worker and the page shown offline.

The service worker keeps only the app shell: static files that are the same for
everyone, and an offline page with no user data in it. Pages and API answers
always come from the network, so nothing of one user is ever served to another.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import Response, render_template, url_for

from ..palette import swatch_css
from .blueprint import bp

STATIC = Path(__file__).resolve().parent / "static"
# What the service worker caches, relative to the static folder (served under /assets/).
SHELL_ASSETS = ("gloss.css", "app.js", "library.js", "progress.js", "reader.js", "review.js", "shared/highlighter.js",
                "shared/ui.js", "favicon.svg", "icons/icon-192.png", "icons/maskable-192.png")
THEME_COLOR = "#0f766e"
BACKGROUND_COLOR = "#fbfaf7"
ICONS = (  # (file, sizes, purpose)
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/maskable-192.png", "192x192", "maskable"),
    ("icons/maskable-512.png", "512x512", "maskable"),
    ("icons/icon.svg", "any", "any"),
)


@lru_cache(maxsize=1)
def shell_version() -> str:
    """Changes whenever a shell file does, so installed apps drop the old copies."""
    digest = hashlib.sha256()
    for name in SHELL_ASSETS:
        digest.update(name.encode() + b"\0" + (STATIC / name).read_bytes())
    digest.update((Path(__file__).resolve().parent / "templates" / "offline.html").read_bytes())
    return digest.hexdigest()[:16]


def manifest() -> dict:
    return {
        "id": "/",
        "name": "Gloss",
        "short_name": "Gloss",
        "description": "Your read-it-later library: save links, read, highlight and take notes.",
        "start_url": url_for("web.library"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [{"src": url_for("web.static", filename=src), "sizes": sizes,
                   "type": "image/svg+xml" if src.endswith(".svg") else "image/png", "purpose": purpose}
                  for src, sizes, purpose in ICONS],
        # Android's share sheet opens this with what was shared; /share asks before saving.
        "share_target": {"action": url_for("web.share"), "method": "GET",
                         "enctype": "application/x-www-form-urlencoded",
                         "params": {"title": "title", "text": "text", "url": "url"}},
    }


@bp.get("/manifest.webmanifest")
def web_manifest():
    body = json.dumps(manifest(), indent=2)
    return Response(body, mimetype="application/manifest+json", headers={"Cache-Control": "no-cache"})


@bp.get("/sw.js")
def service_worker():
    """Served from the root, so its scope is the whole app; revalidated on every update check."""
    # The palette's CSS is made from shared/highlighter.js, so the version covers it too.
    shell = [*(url_for("web.static", filename=name) for name in SHELL_ASSETS), url_for("web.palette_css")]
    body = render_template("sw.js", version=shell_version(), shell=shell, offline=url_for("web.offline"))
    return Response(body, mimetype="text/javascript",
                    headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


@bp.get("/palette.css")
def palette_css():
    """The highlight colours as CSS variables, from the palette the extension shares;
    cached with the shell, so the offline page has them too."""
    return Response(swatch_css(), mimetype="text/css", headers={"Cache-Control": "no-cache"})


@bp.get("/offline")
def offline():
    """What the installed app shows without a network: the same for everyone, no user data."""
    return render_template("offline.html"), 200, {"Cache-Control": "no-cache"}

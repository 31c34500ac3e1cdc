"""Wallabag's API v2, as its apps (Android, iOS, KOReader, command-line clients) speak
it: OAuth2 tokens at /oauth/v2/token and entries, tags and annotations under /api/.

A translation layer over Gloss's services: an entry is a page, "archived" is read,
"starred" is the page's favourite flag, an annotation is a highlight. Only API clients
and their tokens are its own (services/clients.py)."""
from . import annotations, entries, errors, info, oauth, tags  # noqa: F401  (routes register on bp)
from .blueprint import bp

__all__ = ["bp"]

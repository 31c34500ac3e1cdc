"""Gloss's pages, highlights and tags in the shapes of Wallabag's entries, annotations
(annotator.js) and tags."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

from ..models import Highlight, Page, Tag, User
from ..sanitize import reader_html
from ..states import ARTICLE

# The Wallabag release whose API this one answers as (clients check a minimum version).
WALLABAG_VERSION = "2.6.10"
ANNOTATOR_SCHEMA_VERSION = "v1.0"


def when(value: datetime | None) -> str | None:
    """Wallabag's date-times: ISO 8601 with the offset, e.g. 2026-12-04T03:44:42+0000."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S%z")


def slug(label: str) -> str:
    return re.sub(r"[^\w]+", "-", label.casefold()).strip("-") or "tag"


def hashed(url: str) -> str:
    """Wallabag's hashed_url: the SHA-1 of the URL."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def domain(url: str) -> str | None:
    return urlsplit(url).hostname


def tag_json(tag: Tag) -> dict:
    return {"id": tag.id, "label": tag.name, "slug": slug(tag.name)}


def annotation_json(h: Highlight, user: User) -> dict:
    """An annotator.js annotation; its range's offsets are those of the passage in the
    article's plain text (an orphaned highlight has none)."""
    ranges = [] if h.start is None else [{"start": "", "startOffset": h.start, "end": "", "endOffset": h.end}]
    return {"user": user.username, "annotator_schema_version": ANNOTATOR_SCHEMA_VERSION, "id": h.id,
            "text": h.note or "", "created_at": when(h.created_at), "updated_at": when(h.updated_at),
            "quote": h.quote, "ranges": ranges}


def changed_at(page: Page) -> datetime:
    """When the entry last changed for a syncing app: its content, or its being archived
    or starred (Gloss's own updated_at follows the content only)."""
    return max(moment for moment in (page.updated_at, page.read_at, page.starred_at) if moment is not None)


def entry_json(page: Page, user: User, *, full: bool = True) -> dict:
    """An entry; `full=False` (detail=metadata) leaves the content out."""
    has_article = page.state == ARTICLE
    content = None
    if full:
        content = reader_html(page.html or "", page.sanitizer_version, page.url) if has_article else ""
    return {
        "is_archived": int(page.read_at is not None),
        "is_starred": int(page.starred_at is not None),
        "user_name": user.username,
        "user_email": "",
        "user_id": user.id,
        "tags": [tag_json(t) for t in sorted(page.tags, key=lambda t: t.key)],
        "is_public": False,
        "id": page.id,
        "uid": None,
        "title": page.title or page.url,
        "url": page.url,
        "hashed_url": hashed(page.url),
        "origin_url": None,
        "given_url": page.url,
        "hashed_given_url": hashed(page.url),
        "archived_at": when(page.read_at),
        "content": content,
        "created_at": when(page.saved_at),
        "updated_at": when(changed_at(page)),
        "published_at": page.published,
        "published_by": [page.author] if page.author else [],
        "starred_at": when(page.starred_at),
        "annotations": [annotation_json(h, user) for h in page.highlights],
        "mimetype": "text/html" if has_article else None,
        "language": page.language,
        "reading_time": page.reading_minutes or 0,
        "domain_name": domain(page.url),
        "preview_picture": page.image,
        "http_status": "200" if has_article else None,
        "headers": None,
        "_links": {"self": {"href": f"/api/entries/{page.id}"}},
    }

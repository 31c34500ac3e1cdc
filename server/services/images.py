"""Article images shown through Gloss, so reading a saved page tells no publisher (and
no tracking pixel) when it is read.

The reader view rewrites each image of the article to a Gloss URL signed for the
reader's own page (`signature`); only then is the image fetched, by the one fetcher
and its address checks, at most `max_bytes`, and kept only when its first bytes say it
is a raster image (PNG, JPEG, GIF, WebP, AVIF: never SVG, which can carry script).
Fetched images, and failed fetches with their reason, are cached in the database so
every app server finds them and an image is fetched once for everyone who reads it.
Stored reader HTML and exports keep the original URLs.
"""
from __future__ import annotations

import hashlib
import hmac
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db import may_write
from ..errors import NotFound
from ..models import CachedImage, Page, utcnow
from . import fetch as fetcher

# A failed fetch is tried again after this long (the site may have been down).
RETRY_FAILED = timedelta(hours=1)
ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9"
NOT_AN_IMAGE = "This is not a PNG, JPEG, GIF, WebP or AVIF image."


# ---- what an image is, by its first bytes -------------------------------------------

def _is_avif(head: bytes) -> bool:
    """An ISO-BMFF `ftyp` box whose major or compatible brands name AVIF."""
    if head[4:8] != b"ftyp":
        return False
    size = min(int.from_bytes(head[:4], "big"), len(head))
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, size - 3, 4)]
    return any(brand in (b"avif", b"avis") for brand in brands)


def raster_type(body: bytes) -> str | None:
    """The MIME type of a raster image from its magic bytes, or None (SVG, HTML, anything else)."""
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if body.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if body.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if body[:4] == b"RIFF" and body[8:12] == b"WEBP":
        return "image/webp"
    if _is_avif(body[:64]):
        return "image/avif"
    return None


# ---- signed URLs --------------------------------------------------------------------

def signature(secret: str, user_id: int, page_id: int, url: str) -> str:
    """What makes an image URL valid for this user's page only."""
    message = f"gloss-image\0{user_id}\0{page_id}\0{url}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def check_access(session: Session, secret: str, user_id: int, page_id: int, url: str, given: str) -> None:
    """NotFound unless the page is the user's and `given` signs this image URL for it."""
    expected = signature(secret, user_id, page_id, url).encode()
    if not hmac.compare_digest(expected, (given or "").encode("utf-8", "replace")):
        raise NotFound("No such image.")
    owned = session.scalar(select(Page.id).where(Page.id == page_id, Page.user_id == user_id))
    if owned is None:  # deleted since
        raise NotFound("No such image.")


# ---- fetching once --------------------------------------------------------------------

def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def get_image(session: Session, url: str, settings: fetcher.FetchSettings, *, max_bytes: int,
              while_waiting: Callable[[], AbstractContextManager] = nullcontext) -> CachedImage:
    """The image at `url`, from the cache or fetched now (and cached); NotFound when it
    cannot be had. `while_waiting` is entered around the network fetch (the server steps
    out of its bounded app slots while waiting on another site). Commits."""
    key = url_hash(url)
    cached = session.get(CachedImage, key)
    session.commit()  # ends the read: the write below is a transaction of its own
    if cached is None or (cached.body is None and cached.fetched_at < utcnow() - RETRY_FAILED):
        with while_waiting():
            content_type, body, error = _fetch(url, settings, max_bytes)
        cached = _store(session, key, url, content_type, body, error)
    if cached.body is None:
        raise NotFound(f"The image could not be loaded: {cached.error}")
    return cached


def _fetch(url: str, settings: fetcher.FetchSettings, max_bytes: int) -> tuple[str | None, bytes | None, str | None]:
    try:
        response = fetcher.fetch(url, settings, accept=ACCEPT, max_bytes=max_bytes)
    except fetcher.FetchError as exc:
        return None, None, exc.message
    content_type = raster_type(response.body)
    if content_type is None:
        return None, None, NOT_AN_IMAGE
    return content_type, response.body, None


def _store(session: Session, key: str, url: str, content_type, body, error) -> CachedImage:
    token = may_write.set(True)
    try:
        row = session.get(CachedImage, key)
        if row is None:
            row = CachedImage(url_hash=key, url=url)
        row.content_type, row.body, row.error, row.fetched_at = content_type, body, error, utcnow()
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:  # another request stored it meanwhile: theirs is as good
            row = session.get_one(CachedImage, key, populate_existing=True)
        session.commit()
        return row
    finally:
        may_write.reset(token)

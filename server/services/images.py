"""Article images shown through Gloss, so reading a saved page tells no publisher (and
no tracking pixel) when it is read.

The reader view rewrites each image of the article to a Gloss URL signed for the
reader's own page (`signature`); only then is the image fetched, by the one fetcher
and its address checks, at most `max_bytes`, and kept only when its first bytes say it
is a raster image (PNG, JPEG, GIF, WebP, AVIF: never SVG, which can carry script).
Fetched images, and failed fetches with their reason, are cached in the database so
every app server finds them and an image is fetched once for everyone who reads it: a
request that finds another one fetching the same image waits for it (a claim row, with
neither body nor error, says so; a claim older than a fetch can last is taken over). Past
`max_cache_bytes` of images, the least recently used are dropped. Stored reader HTML and
exports keep the original URLs.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db import may_write
from ..errors import NotFound
from ..models import CachedImage, Page, utcnow
from . import fetch as fetcher

# A failed fetch is tried again after this long (the site may have been down).
RETRY_FAILED = timedelta(hours=1)
# A kept image's fetched_at moves to now when it is served, at most once in this long: it
# then tells when the image was last used (for eviction) without a write per reading.
TOUCH_EVERY = timedelta(hours=1)
# How often a request waiting for an image another request is fetching looks again.
WAIT_STEP_S = 0.1
ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9"
NOT_AN_IMAGE = "This is not a PNG, JPEG, GIF, WebP or AVIF image."
T = TypeVar("T")


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
              max_cache_bytes: int, while_waiting: Callable[[], AbstractContextManager] = nullcontext,
              sleep: Callable[[float], None] = time.sleep) -> CachedImage:
    """The image at `url`, from the cache or fetched now (and cached); NotFound when it
    cannot be had. `while_waiting` is entered around the network fetch and around waiting
    for another request's fetch (the server steps out of its bounded app slots while
    waiting on another site). Commits."""
    key = url_hash(url)
    # A claim older than the longest fetch was left by a request that died.
    abandoned = timedelta(seconds=2 * (settings.connect_timeout + settings.total_timeout))
    while True:
        cached = session.get(CachedImage, key, populate_existing=True)
        session.commit()  # ends the read: any write below is a transaction of its own
        if cached is not None and cached.body is not None:
            _touch(session, cached)
            return cached
        if cached is not None and cached.error is not None and cached.fetched_at >= utcnow() - RETRY_FAILED:
            raise NotFound(f"The image could not be loaded: {cached.error}")
        if _claim(session, key, url, cached, abandoned):
            break
        with while_waiting():
            sleep(WAIT_STEP_S)
    with while_waiting():
        content_type, body, error = _fetch(url, settings, max_bytes)
    cached = _store(session, key, url, content_type, body, error, max_cache_bytes)
    if cached.body is None:
        raise NotFound(f"The image could not be loaded: {cached.error}")
    return cached


def _writing(session: Session, write: Callable[[], T]) -> T:
    """Runs `write` in a short write transaction of its own and commits it."""
    token = may_write.set(True)
    try:
        done = write()
        session.commit()
        return done
    finally:
        may_write.reset(token)


def _claim(session: Session, key: str, url: str, cached: CachedImage | None, abandoned: timedelta) -> bool:
    """Whether this request may fetch the image: it is not cached, or failed long enough ago,
    or another request's claim was abandoned. Claims it; False when another request did."""
    now = utcnow()

    def insert() -> bool:
        try:
            with session.begin_nested():
                session.add(CachedImage(url_hash=key, url=url, fetched_at=now))
        except IntegrityError:  # another request claimed it meanwhile
            return False
        return True

    def take_over(old: CachedImage) -> bool:
        stale = (CachedImage.error.is_not(None) if old.error is not None
                 else CachedImage.fetched_at < now - abandoned)
        claimed = session.execute(
            update(CachedImage)
            .where(CachedImage.url_hash == key, CachedImage.body.is_(None), CachedImage.fetched_at == old.fetched_at,
                   stale)
            .values(error=None, fetched_at=now)
            .execution_options(synchronize_session=False))
        return claimed.rowcount == 1  # type: ignore[attr-defined]

    if cached is None:
        return _writing(session, insert)
    if cached.error is None and cached.fetched_at >= now - abandoned:
        return False  # being fetched by another request
    return _writing(session, lambda: take_over(cached))


def _touch(session: Session, cached: CachedImage) -> None:
    if cached.fetched_at < utcnow() - TOUCH_EVERY:
        def touch() -> bool:
            cached.fetched_at = utcnow()
            return True

        _writing(session, touch)


def _fetch(url: str, settings: fetcher.FetchSettings, max_bytes: int) -> tuple[str | None, bytes | None, str | None]:
    try:
        response = fetcher.fetch(url, settings, accept=ACCEPT, max_bytes=max_bytes)
    except fetcher.FetchError as exc:
        return None, None, exc.message
    content_type = raster_type(response.body)
    if content_type is None:
        return None, None, NOT_AN_IMAGE
    return content_type, response.body, None


def _store(session: Session, key: str, url: str, content_type, body, error, max_cache_bytes: int) -> CachedImage:
    """Fills this request's claim with the image or the reason it failed, dropping the least
    recently used images past `max_cache_bytes` (the new one stays, however large)."""

    def store() -> CachedImage:
        row = session.get(CachedImage, key, populate_existing=True)
        if row is None:  # evicted meanwhile
            row = CachedImage(url_hash=key, url=url)
            session.add(row)
        row.content_type, row.body, row.error, row.fetched_at = content_type, body, error, utcnow()
        session.flush()
        if body is not None:
            _evict(session, key, max_cache_bytes)
        return row

    return _writing(session, store)


def _evict(session: Session, keep: str, max_cache_bytes: int) -> None:
    size = func.length(CachedImage.body)
    total = session.scalar(select(func.coalesce(func.sum(size), 0))) or 0
    if total <= max_cache_bytes:
        return
    gone = []
    oldest_first = select(CachedImage.url_hash, size).where(CachedImage.body.is_not(None), CachedImage.url_hash != keep)
    for image_key, length in session.execute(oldest_first.order_by(CachedImage.fetched_at)):
        if total <= max_cache_bytes:
            break
        gone.append(image_key)
        total -= length
    session.execute(delete(CachedImage).where(CachedImage.url_hash.in_(gone)).execution_options(
        synchronize_session=False))

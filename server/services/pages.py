"""Saving pages: extract -> canonical URL -> store (with a version) -> re-anchor
highlights; and reading, tagging, deleting them."""
from __future__ import annotations

import os
import threading
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, literal, or_, select, tuple_, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from .. import extraction
from ..errors import NoArticleFound, NotFound, TooLarge
from ..models import Highlight, Page, PageVersion, Tag, User, page_tags, utcnow
from . import highlights as highlight_service
from . import search
from .pagination import clamp_limit, decode_cursor, encode_cursor
from .tags import find_tag, get_or_create_tags
from .urls import canonical_url, normalize_url

# A re-save is refused (the current version kept) when its article has fewer than
# this share of the current words, or would orphan more than this share of the
# highlights and at least REFUSE_MIN_ORPHANS of them: a paywall, a logged-out view,
# an error page.
REFUSE_WORD_SHARE = 0.5
REFUSE_ORPHAN_SHARE = 0.5
REFUSE_MIN_ORPHANS = 3


@dataclass
class SaveResult:
    page: Page
    created: bool


def compress_html(html: str) -> bytes:
    return zlib.compress(html.encode("utf-8", "surrogatepass"), 1)


# zlib releases the GIL: the original HTML is compressed on this pool while the
# request's thread extracts the article. One pool per process (made again after a fork).
_compressor: tuple[int, ThreadPoolExecutor] | None = None
_compressor_lock = threading.Lock()


def _compress_in_background(html: str) -> Future:
    global _compressor
    pool = _compressor
    if pool is None or pool[0] != os.getpid():
        with _compressor_lock:
            if _compressor is None or _compressor[0] != os.getpid():
                _compressor = (os.getpid(), ThreadPoolExecutor(max_workers=2, thread_name_prefix="compress"))
            pool = _compressor
    return pool[1].submit(compress_html, html)


def decompress_html(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


def _check_size(html: str, max_bytes: int) -> None:
    # Pure-ASCII text is as long in UTF-8 as in characters; anything else is at most 4 bytes
    # a character, so only a page that could be over the limit pays for encoding it.
    if len(html) > max_bytes or (len(html) * 4 > max_bytes and not html.isascii()
                                 and len(html.encode("utf-8", "surrogatepass")) > max_bytes):
        raise TooLarge(f"The page is larger than the {max_bytes / 1048576:g} MiB limit.")


def _extract(html: str, url: str) -> extraction.Article:
    try:
        return extraction.extract(html, url)
    except extraction.NoArticle as exc:
        raise NoArticleFound(str(exc) or None)


def _apply_article(page: Page, article: extraction.Article, title: str | None) -> None:
    page.state = "article"
    page.title = article.title or title or page.title
    page.author = article.author
    page.published = article.published
    page.site_name = article.site_name
    page.language = article.language
    page.image = article.image
    page.excerpt = article.excerpt
    page.word_count = article.word_count
    page.reading_minutes = article.reading_minutes
    page.text = article.text
    page.html = article.html
    page.notice = None
    page.updated_at = utcnow()


def save_page(session: Session, user: User, url: str, html: str, title: str | None = None,
              *, max_bytes: int) -> SaveResult:
    """Saves a page for the user: new (created=True) or an update of the page
    already saved under the same canonical URL."""
    _check_size(html, max_bytes)
    compressing = _compress_in_background(html)
    try:
        article = _extract(html, url)
    finally:
        source_html = compressing.result()
    given = normalize_url(url)
    canon = canonical_url(url, article.canonical_href)
    page = _find_for_save(session, user, canon, given)
    if page is None:
        page = Page(user_id=user.id, url=given, canonical_url=canon, saved_at=utcnow(), highlight_count=0)
        _apply_article(page, article, title)
        try:
            with session.begin_nested():  # a concurrent save of the same URL may win the race
                session.add(page)
                session.flush()
        except IntegrityError:
            page = _find_by_canonical(session, user, canon)
            if page is None:
                raise
        else:
            # Nothing else can hold tags or highlights of a row this transaction just made.
            set_committed_value(page, "tags", [])
            set_committed_value(page, "highlights", [])
            session.add(PageVersion(page_id=page.id, url=given, text=article.text,
                                    source_html=source_html))
            search.index_new_page(session, page)
            return SaveResult(page, True)
    update_page_content(session, page, article, source_html, given, title)
    return SaveResult(page, False)


def update_page_content(session: Session, page: Page, article: extraction.Article,
                        source_html: bytes | None, url: str, title: str | None = None) -> bool:
    """Re-saves a page with newly extracted content and re-anchors its highlights;
    `source_html` (compressed) is kept as a new version unless it is None.

    Returns False (and records why in page.notice) when the new content looks
    like a paywall or error page and the current version is kept instead."""
    version = None if source_html is None else PageVersion(
        page_id=page.id, url=url, text=article.text, source_html=source_html)
    highlights = list(page.highlights)
    placements = highlight_service.reanchor(article.text, highlights)
    refusal = _refusal_reason(page, article, highlights, placements)
    if refusal:
        page.notice = refusal
        if version is not None:
            version.accepted = False
            session.add(version)
        session.flush()
        return False
    indexed_before = (page.title, page.text)
    _apply_article(page, article, title)
    highlight_service.apply_placements(article.text, highlights, placements)
    page.highlight_count = len(highlights)
    if version is not None:
        session.add(version)
    session.flush()
    if (page.title, page.text) != indexed_before:  # tags, notes and quotes are indexed as they change
        search.index_page(session, page)
    return True


def _refusal_reason(page: Page, article, highlights, placements) -> str | None:
    if page.state != "article" or not page.text:
        return None
    if article.word_count < page.word_count * REFUSE_WORD_SHARE:
        return (f"The page was saved again on {utcnow():%Y-%m-%d %H:%M} UTC, but that copy had "
                f"{article.word_count} words against {page.word_count}: it looked like a paywall, "
                "a logged-out view or an error page, so the earlier version was kept.")
    orphans = sum(1 for h, place in zip(highlights, placements)
                  if h.status == "anchored" and place is None)
    if orphans >= REFUSE_MIN_ORPHANS and orphans > len(highlights) * REFUSE_ORPHAN_SHARE:
        return (f"The page was saved again on {utcnow():%Y-%m-%d %H:%M} UTC, but that copy would have "
                f"lost the text of {orphans} of {len(highlights)} highlights, so the earlier "
                "version was kept.")
    return None


def _find_by_canonical(session: Session, user: User, canon: str) -> Page | None:
    # Tags and highlights load lazily: cheaper than eager loaders for the one page a save touches.
    return session.scalar(select(Page).where(Page.user_id == user.id, Page.canonical_url == canon))


def _find_for_save_statement():
    candidates = union_all(
        select(Page.id, literal(0).label("preference"))
        .where(Page.user_id == bindparam("user_id"), Page.canonical_url == bindparam("canon")),
        select(Page.id, literal(1).label("preference"))
        .where(Page.user_id == bindparam("user_id"), Page.state == "link", Page.url == bindparam("url")),
    ).subquery()
    return (select(Page).join(candidates, Page.id == candidates.c.id)
            .order_by(candidates.c.preference, Page.id).limit(1))


# Built once: building a statement costs more than running it.
_FIND_FOR_SAVE = _find_for_save_statement()
_PAGE_TAGS = (select(Tag).join(page_tags, page_tags.c.tag_id == Tag.id)
              .where(page_tags.c.page_id == bindparam("page_id")).order_by(Tag.key))
_PAGE_HIGHLIGHTS = (select(Highlight).where(Highlight.page_id == bindparam("page_id")).order_by(Highlight.id)
                    .options(selectinload(Highlight.tags)))


def _find_for_save(session: Session, user: User, canon: str, url: str) -> Page | None:
    """The page saved under this canonical URL, else a link-only page (imported without
    its article) saved under this URL, each branch on its own index.

    Its tags and highlights are loaded now, inside the save's transaction: the answer
    shows them, and loading them after the commit would open another transaction."""
    page = session.scalar(_FIND_FOR_SAVE, {"user_id": user.id, "canon": canon, "url": url})
    if page is not None:
        set_committed_value(page, "tags", list(session.scalars(_PAGE_TAGS, {"page_id": page.id})))
        set_committed_value(page, "highlights", list(session.scalars(_PAGE_HIGHLIGHTS, {"page_id": page.id})))
    return page


_GET_PAGE = (select(Page).where(Page.id == bindparam("page_id"), Page.user_id == bindparam("user_id"))
             .options(selectinload(Page.tags), selectinload(Page.highlights).selectinload(Highlight.tags)))


def get_page(session: Session, user: User, page_id: int) -> Page:
    page = session.scalar(_GET_PAGE, {"page_id": page_id, "user_id": user.id})
    if page is None:
        raise NotFound("No such page.")
    return page


def lookup_page(session: Session, user: User, url: str) -> Page:
    """The user's page saved from this URL, matched on its saved or canonical URL."""
    norm = normalize_url(url)
    page_id = session.scalar(
        select(Page.id).where(Page.user_id == user.id,
                              or_(Page.url == norm, Page.canonical_url == norm)).limit(1)
    ) or session.scalar(
        select(PageVersion.page_id).join(Page, Page.id == PageVersion.page_id)
        .where(Page.user_id == user.id, PageVersion.url == norm).limit(1)
    )
    if page_id is None:
        raise NotFound("This URL is not saved.")
    return get_page(session, user, page_id)


def list_pages(session: Session, user: User, *, tag: str | None = None,
               has_highlights: bool | None = None, read: bool | None = None,
               saved_after: datetime | None = None, saved_before: datetime | None = None,
               limit: int | None = 50, cursor: str | None = None) -> tuple[list[Page], str | None]:
    """Newest first, by keyset cursor; list items need neither text nor HTML."""
    limit = clamp_limit(limit)
    stmt = select(Page).where(Page.user_id == user.id)
    if saved_after is not None:
        stmt = stmt.where(Page.saved_at >= saved_after)
    if saved_before is not None:
        stmt = stmt.where(Page.saved_at < saved_before)
    if tag:
        found = find_tag(session, user, tag)
        if found is None:
            return [], None
        stmt = stmt.join(page_tags, page_tags.c.page_id == Page.id).where(page_tags.c.tag_id == found.id)
    if has_highlights is not None:
        stmt = stmt.where(Page.highlight_count > 0 if has_highlights else Page.highlight_count == 0)
    if read is not None:
        stmt = stmt.where(Page.read_at.is_not(None) if read else Page.read_at.is_(None))
    if cursor:
        moment, last_id = decode_cursor(cursor)
        stmt = stmt.where(tuple_(Page.saved_at, Page.id) < tuple_(moment, last_id))
    stmt = (stmt.order_by(Page.saved_at.desc(), Page.id.desc()).limit(limit + 1)
            .options(selectinload(Page.tags), defer(Page.text), defer(Page.html)))
    rows = list(session.scalars(stmt))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].saved_at, rows[-1].id)
    return rows, next_cursor


def delete_page(session: Session, user: User, page_id: int) -> None:
    page = session.scalar(select(Page).where(Page.id == page_id, Page.user_id == user.id))
    if page is None:
        raise NotFound("No such page.")
    search.remove_page(session, page)
    session.execute(delete(Page).where(Page.id == page.id))
    session.expunge(page)


def set_page_tags(session: Session, user: User, page_id: int, names: list[str]) -> Page:
    page = get_page(session, user, page_id)
    page.tags = get_or_create_tags(session, user, names)
    page.updated_at = utcnow()
    session.flush()
    search.index_page(session, page)
    return page


def mark_page(session: Session, user: User, page_id: int, *, read: bool | None = None,
              progress: float | None = None) -> Page:
    """Read/unread and reading progress (0..1)."""
    page = get_page(session, user, page_id)
    if read is not None:
        page.read_at = (page.read_at or utcnow()) if read else None
    if progress is not None:
        page.progress = progress
        if progress >= 0.98 and page.read_at is None:
            page.read_at = utcnow()
    session.flush()
    return page


def latest_source(session: Session, page: Page) -> PageVersion | None:
    """The newest accepted version: what the current text was extracted from."""
    return session.scalar(
        select(PageVersion).where(PageVersion.page_id == page.id, PageVersion.accepted.is_(True))
        .order_by(PageVersion.id.desc()).limit(1))


def reextract_page(session: Session, page: Page) -> bool:
    """Extracts the page again from its stored HTML, re-anchoring its highlights."""
    version = latest_source(session, page)
    if version is None:
        return False
    html = decompress_html(version.source_html)
    try:
        article = extraction.extract(html, version.url)
    except extraction.NoArticle:
        return False
    return update_page_content(session, page, article, None, version.url)

"""Which pages go into a book: one page, or a selection (a tag, the unread pages, a
search), only pages that have their article, newest first (best first for a search),
at most a book's worth. And the lists an OPDS catalog shows, by keyset cursor."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, defer, selectinload

from ..errors import NotFound
from ..models import Highlight, Page, User, page_tags, utcnow
from . import page_list
from .pagination import clamp_limit, decode_cursor, encode_cursor
from .tags import find_tag

DEFAULT_MAX_BOOK_PAGES = 100


@dataclass(frozen=True)
class Selection:
    """Pages of a book: all of these that are given must hold."""

    tag: str | None = None
    q: str | None = None
    unread: bool = False

    @property
    def title(self) -> str:
        parts = []
        if self.unread:
            parts.append("Unread")
        if self.tag:
            parts.append(f"Tagged “{self.tag}”")
        if self.q:
            parts.append(f"Search “{self.q}”")
        return "Gloss: " + (", ".join(parts) if parts else "All pages")

    def filename(self, now: datetime | None = None) -> str:
        words = (["unread"] if self.unread else []) + ([self.tag] if self.tag else []) + \
            ([self.q] if self.q else [])
        slug = re.sub(r"[^A-Za-z0-9]+", "-", "-".join(words)).strip("-").lower()[:60] or "all"
        return f"gloss-{slug}-{(now or utcnow()):%Y%m%d}.epub"


def _with_content(stmt):
    return stmt.options(selectinload(Page.highlights).selectinload(Highlight.tags), selectinload(Page.tags))


def _has_article():
    return Page.html != ""


def book_page(session: Session, user: User, page_id: int) -> Page:
    """The user's page with its highlights; 404 for anyone else's, or for a page without its article."""
    page = session.scalar(_with_content(select(Page).where(Page.id == page_id, Page.user_id == user.id)))
    if page is None:
        raise NotFound("No such page.")
    if not page.html:
        raise NotFound("This page has no saved article to put in a book yet.")
    return page


def book_pages(session: Session, user: User, selection: Selection, *, max_pages: int) -> list[Page]:
    """The pages of the selection that have their article, at most `max_pages`; 404 when none."""
    if selection.q:
        hits, _cursor = page_list.find_pages(session, user, q=selection.q, tag=selection.tag,
                                             read=False if selection.unread else None,
                                             limit=min(max_pages, 200))
        ids = [hit.page.id for hit in hits]
        rows = {page.id: page for page in session.scalars(_with_content(
            select(Page).where(Page.id.in_(ids), Page.user_id == user.id, _has_article())))}
        pages = [rows[i] for i in ids if i in rows]
    else:
        stmt = _filtered(session, user, selection)
        pages = [] if stmt is None else list(session.scalars(_with_content(
            stmt.order_by(Page.saved_at.desc(), Page.id.desc()).limit(max_pages))))
    if not pages:
        raise NotFound("No saved article matches; a book needs at least one.")
    return pages


def _filtered(session: Session, user: User, selection: Selection):
    stmt = select(Page).where(Page.user_id == user.id, _has_article())
    if selection.unread:
        stmt = stmt.where(Page.read_at.is_(None))
    if selection.tag:
        tag = find_tag(session, user, selection.tag)
        if tag is None:
            return None
        stmt = stmt.join(page_tags, page_tags.c.page_id == Page.id).where(page_tags.c.tag_id == tag.id)
    return stmt


def catalog_pages(session: Session, user: User, selection: Selection, *, limit: int | None = 50,
                  cursor: str | None = None) -> tuple[list[Page], str | None]:
    """A catalog's page of entries (no search): newest first, without text or HTML."""
    limit = clamp_limit(limit)
    stmt = _filtered(session, user, Selection(tag=selection.tag, unread=selection.unread))
    if cursor:
        moment, last_id = decode_cursor(cursor)
        if stmt is not None:
            stmt = stmt.where(tuple_(Page.saved_at, Page.id) < tuple_(moment, last_id))
    if stmt is None:
        return [], None
    rows = list(session.scalars(stmt.order_by(Page.saved_at.desc(), Page.id.desc()).limit(limit + 1)
                                .options(defer(Page.text), defer(Page.html), selectinload(Page.tags))))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].saved_at, rows[-1].id)
    return rows, next_cursor

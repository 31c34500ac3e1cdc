"""Listing a user's pages: newest first, or best first for a search (`q`), narrowed by
the same filters either way, a page at a time by keyset cursor."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, defer, selectinload

from ..models import Page, User, page_tags
from . import search
from .pagination import clamp_limit, decode_score_cursor, encode_cursor, newest_first
from .search_query import parse
from .tags import find_tag


@dataclass(frozen=True)
class PageItem:
    """A page in a list; a search adds the passage that matched."""

    page: Page
    snippet: str | None = None
    snippet_matches: list[list[int]] | None = None


def page_filters(session: Session, user: User, *, tag: str | None = None, has_highlights: bool | None = None,
                 read: bool | None = None, starred: bool | None = None, saved_after: datetime | None = None,
                 saved_before: datetime | None = None) -> list[ColumnElement[bool]] | None:
    """The conditions a page must meet besides being the user's; None when no page can
    (a tag the user does not have)."""
    conditions: list[ColumnElement[bool]] = []
    if tag:
        found = find_tag(session, user, tag)
        if found is None:
            return None
        conditions.append(Page.id.in_(select(page_tags.c.page_id).where(page_tags.c.tag_id == found.id)))
    if has_highlights is not None:
        conditions.append(Page.highlight_count > 0 if has_highlights else Page.highlight_count == 0)
    if read is not None:
        conditions.append(Page.read_at.is_not(None) if read else Page.read_at.is_(None))
    if starred is not None:
        conditions.append(Page.starred_at.is_not(None) if starred else Page.starred_at.is_(None))
    if saved_after is not None:
        conditions.append(Page.saved_at >= saved_after)
    if saved_before is not None:
        conditions.append(Page.saved_at < saved_before)
    return conditions


def list_pages(session: Session, user: User, conditions: list[ColumnElement[bool]], *, limit: int,
               cursor: str | None = None) -> tuple[list[Page], str | None]:
    """Newest first; list items need neither text nor HTML."""
    stmt = (select(Page).where(Page.user_id == user.id, *conditions)
            .options(selectinload(Page.tags), defer(Page.text), defer(Page.html)))
    return newest_first(session, stmt, Page.saved_at, Page.id, limit=limit, cursor=cursor)


def search_pages(session: Session, user: User, q: str, conditions: list[ColumnElement[bool]], *,
                 limit: int, cursor: str | None = None) -> tuple[list[search.PageHit], str | None]:
    """Best first, each with its snippet."""
    query = parse(q)
    if query.empty:
        return [], None
    hits, more = search.search_pages(session, user.id, query, conditions, limit=limit,
                                     after=decode_score_cursor(cursor) if cursor else None)
    return hits, encode_cursor(hits[-1].score, hits[-1].page.id) if more and hits else None


def find_pages(session: Session, user: User, *, q: str | None = None, limit: int | None = None,
               cursor: str | None = None, tag: str | None = None, has_highlights: bool | None = None,
               read: bool | None = None, starred: bool | None = None, saved_after: datetime | None = None,
               saved_before: datetime | None = None) -> tuple[list[PageItem], str | None]:
    """The user's pages matching `q` (best first) or, without it, all of them (newest
    first), narrowed by the filters; and the cursor of the next page of results."""
    size = clamp_limit(limit)
    if q and cursor:
        decode_score_cursor(cursor)  # a bad cursor is a 400 even when nothing matches
    conditions = page_filters(session, user, tag=tag, has_highlights=has_highlights, read=read,
                              starred=starred, saved_after=saved_after, saved_before=saved_before)
    if conditions is None:
        return [], None
    if q:
        hits, next_cursor = search_pages(session, user, q, conditions, limit=size, cursor=cursor)
        return [PageItem(h.page, h.snippet, h.snippet_matches) for h in hits], next_cursor
    pages, next_cursor = list_pages(session, user, conditions, limit=size, cursor=cursor)
    return [PageItem(page) for page in pages], next_cursor

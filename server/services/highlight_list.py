"""Listing a user's highlights: newest first, or best first for a search (`q`),
narrowed by the same filters either way, a page at a time by keyset cursor."""
from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from ..errors import NotFound
from ..models import Highlight, Page, User, highlight_tags
from . import search
from .pagination import clamp_limit, decode_score_cursor, encode_cursor, newest_first
from .search_query import parse
from .tags import find_tag


def highlight_filters(session: Session, user: User, *, tag: str | None = None, page_id: int | None = None,
                      status: str | None = None, color: str | None = None) -> list[ColumnElement[bool]] | None:
    """The conditions a highlight must meet besides being the user's; None when none can
    (a tag the user does not have). A page that is not the user's is a 404."""
    conditions: list[ColumnElement[bool]] = []
    if page_id is not None:
        if session.scalar(select(Page.id).where(Page.id == page_id, Page.user_id == user.id)) is None:
            raise NotFound("No such page.")
        conditions.append(Highlight.page_id == page_id)
    if tag:
        found = find_tag(session, user, tag)
        if found is None:
            return None
        # A tag holds far fewer highlights than the user: the database starts from its rows.
        conditions.append(Highlight.id.in_(select(highlight_tags.c.highlight_id)
                                           .where(highlight_tags.c.tag_id == found.id)))
    if status:
        conditions.append(Highlight.status == status)
    if color:
        conditions.append(Highlight.color == color)
    return conditions


def list_highlights(session: Session, user: User, conditions: list[ColumnElement[bool]], *, limit: int,
                    cursor: str | None = None) -> tuple[list[Highlight], str | None]:
    """Newest first."""
    stmt = select(Highlight).where(Highlight.user_id == user.id, *conditions).options(selectinload(Highlight.tags))
    return newest_first(session, stmt, Highlight.created_at, Highlight.id, limit=limit, cursor=cursor)


def find_highlights(session: Session, user: User, *, q: str | None = None, limit: int | None = None,
                    cursor: str | None = None, tag: str | None = None, page_id: int | None = None,
                    status: str | None = None, color: str | None = None) -> tuple[list[Highlight], str | None]:
    """The user's highlights whose quote, note or tags match `q` (best first) or, without
    it, all of them (newest first), narrowed by the filters; and the next page's cursor."""
    size = clamp_limit(limit)
    if q and cursor:
        decode_score_cursor(cursor)  # a bad cursor is a 400 even when nothing matches
    conditions = highlight_filters(session, user, tag=tag, page_id=page_id, status=status, color=color)
    if conditions is None:
        return [], None
    if not q:
        return list_highlights(session, user, conditions, limit=size, cursor=cursor)
    query = parse(q)
    if query.empty:
        return [], None
    hits, more = search.search_highlights(session, user.id, query, conditions, limit=size,
                                          after=decode_score_cursor(cursor) if cursor else None)
    next_cursor = encode_cursor(hits[-1].score, hits[-1].highlight.id) if more and hits else None
    return [hit.highlight for hit in hits], next_cursor

"""Finding a user's pages and highlights: the backend's matches, narrowed by the
caller's filters, best first, a page at a time after a (score, id) key. Results are
plain objects: the page or highlight with its score (and a page's snippet)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import REAL, ColumnElement, Float, Integer, and_, cast, literal, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from ...models import Highlight, Page
from ..search_query import SearchQuery
from .backend import Hits
from .backends import backend_for
from .snippets import make_snippet, plain_snippet

Key = tuple[float, int]  # (score, id) of the last row of the previous page


@dataclass(frozen=True)
class PageHit:
    page: Page
    score: float
    snippet: str  # plain text around the matched words
    snippet_matches: list[list[int]]  # [start, end) of each marked word in the snippet


@dataclass(frozen=True)
class HighlightHit:
    highlight: Highlight
    score: float


def _ranked(session: Session, hits: Hits, model: type[Page | Highlight], conditions: Sequence[ColumnElement[bool]],
            limit: int, after: Key | None) -> tuple[list[tuple[int, float]], bool]:
    """Up to `limit` (id, score) pairs, best first; and whether more follow."""
    sub = hits.sql.columns(id=Integer, score=Float).subquery("hits")
    stmt = select(sub.c.id, sub.c.score)
    if conditions:  # filters need the row; the backend's match alone picks the user's rows
        stmt = stmt.join(model, model.id == sub.c.id).where(*conditions)
    if after is not None:
        score, last_id = after
        # PostgreSQL ranks are float4: compare as float4, or the last row would come again.
        last = cast(literal(score, Float), REAL)
        stmt = stmt.where(or_(sub.c.score < last, and_(sub.c.score == last, sub.c.id < last_id)))
    stmt = stmt.order_by(sub.c.score.desc(), sub.c.id.desc()).limit(limit + 1)
    with backend_for(session).ranking(session):
        ranked = [(r.id, r.score) for r in session.execute(stmt, hits.params)]
    return ranked[:limit], len(ranked) > limit


M = TypeVar("M", Page, Highlight)


def _in_order(objects: Iterable[M], ranked: list[tuple[int, float]]) -> list[tuple[M, float]]:
    by_id = {o.id: o for o in objects}
    return [(by_id[i], score) for i, score in ranked if i in by_id]


def search_pages(session: Session, user_id: int, query: SearchQuery,
                 conditions: Sequence[ColumnElement[bool]] = (), *, limit: int,
                 after: Key | None = None) -> tuple[list[PageHit], bool]:
    """The user's pages matching a non-empty query and `conditions`, best first; and
    whether more follow."""
    hits = backend_for(session).page_hits(session, user_id, query)
    if hits is None:
        return [], False
    ranked, more = _ranked(session, hits, Page, conditions, limit, after)
    # The user check also drops rows a deleted user left in SQLite's index (FTS5 tables
    # have no cascading foreign keys).
    pages = session.scalars(select(Page).where(Page.id.in_([i for i, _ in ranked]), Page.user_id == user_id)
                            .options(defer(Page.html), selectinload(Page.tags)))
    found = []
    for page, score in _in_order(pages, ranked):
        snippet, matches = _page_snippet(session, page, query)
        found.append(PageHit(page, score, snippet, matches))
    return found, more


def _page_snippet(session: Session, page: Page, query: SearchQuery) -> tuple[str, list[list[int]]]:
    """From the article text; else from a highlight's quote or note; else the title."""
    found = make_snippet(page.text, query)
    if found:
        return found
    for quote, note in session.execute(select(Highlight.quote, Highlight.note)
                                       .where(Highlight.page_id == page.id).order_by(Highlight.id)):
        found = make_snippet(note or "", query) or make_snippet(quote, query)
        if found:
            return found
    found = make_snippet(page.title or "", query)
    if found:
        return found
    return plain_snippet(page.excerpt or page.text or page.title or "")


def search_highlights(session: Session, user_id: int, query: SearchQuery,
                      conditions: Sequence[ColumnElement[bool]] = (), *, limit: int,
                      after: Key | None = None) -> tuple[list[HighlightHit], bool]:
    """The user's highlights whose quote, note or tags match a non-empty query and
    `conditions`, best first; and whether more follow."""
    hits = backend_for(session).highlight_hits(session, user_id, query)
    if hits is None:
        return [], False
    ranked, more = _ranked(session, hits, Highlight, conditions, limit, after)
    rows = session.scalars(select(Highlight).where(Highlight.id.in_([i for i, _ in ranked]),
                                                   Highlight.user_id == user_id)
                           .options(selectinload(Highlight.tags)))
    return [HighlightHit(h, score) for h, score in _in_order(rows, ranked)], more

"""Highlights: anchored into a page's text on creation, re-anchored when the
page's text changes, orphaned (never deleted, never moved onto look-alike
text) when their passage is gone."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import anchoring
from ..errors import NotFound, ValidationFailed
from ..limits import DEFAULT_COLOR
from ..models import Highlight, Page, User, utcnow
from ..states import ANCHORED, ARTICLE, ORPHANED
from . import search
from .tags import get_or_create_tags

Placement = tuple[int, int] | None


def _owned_page(session: Session, user: User, page_id: int) -> Page:
    page = session.scalar(select(Page).where(Page.id == page_id, Page.user_id == user.id))
    if page is None:
        raise NotFound("No such page.")
    return page


def _owned(session: Session, user: User, highlight_id: int) -> Highlight:
    h = session.scalar(select(Highlight).where(Highlight.id == highlight_id, Highlight.user_id == user.id)
                       .options(selectinload(Highlight.tags)))
    if h is None:
        raise NotFound("No such highlight.")
    return h


def _set_selectors(h: Highlight, text: str, start: int, end: int) -> None:
    sel = anchoring.describe(text, start, end)
    h.quote, h.prefix, h.suffix = sel.exact, sel.prefix, sel.suffix
    h.start, h.end, h.status = start, end, ANCHORED


def create_highlight(session: Session, user: User, page_id: int, *, quote: str, prefix: str = "",
                     suffix: str = "", start: int | None = None, end: int | None = None,
                     note: str = "", color: str = DEFAULT_COLOR, tags: Sequence[str] = ()) -> Highlight:
    page = _owned_page(session, user, page_id)
    if page.state != ARTICLE or not page.text:
        raise ValidationFailed("This page has no saved article yet; save it from the browser first.")
    place = anchoring.locate(page.text, quote, prefix, suffix, start, end)
    if place is None:
        raise ValidationFailed("The passage is not in the saved article.",
                               details={"quote": ["not found in the page's text"]})
    h = Highlight(user_id=user.id, page_id=page.id, note=note, color=color)
    _set_selectors(h, page.text, *place)
    h.tags = get_or_create_tags(session, user, list(tags))
    session.add(h)
    page.highlight_count = (page.highlight_count or 0) + 1
    session.flush()
    search.index_highlight(session, page, h.id)
    return h


def get_highlight(session: Session, user: User, highlight_id: int) -> Highlight:
    return _owned(session, user, highlight_id)


def update_highlight(session: Session, user: User, highlight_id: int, *, note: str | None = None,
                     color: str | None = None, tags: list[str] | None = None) -> Highlight:
    h = _owned(session, user, highlight_id)
    if note is not None:
        h.note = note
    if color is not None:
        h.color = color
    if tags is not None:
        h.tags = get_or_create_tags(session, user, tags)
    h.updated_at = utcnow()
    session.flush()
    search.index_highlight(session, h.page, h.id)
    return h


def delete_highlight(session: Session, user: User, highlight_id: int) -> None:
    h = _owned(session, user, highlight_id)
    page, highlight_id = h.page, h.id
    session.delete(h)
    page.highlight_count = max(0, (page.highlight_count or 1) - 1)
    session.flush()
    search.remove_highlight(session, page, highlight_id)


def reanchor(old_text: str | None, text: str, highlights: list[Highlight]) -> list[Placement]:
    """Where each highlight belongs in a new text (None: its passage is gone). `old_text`
    is the page's last accepted text (None when it had none): the highlights placed in it
    are carried through the edit to the new one."""
    selectors = [anchoring.Selector(exact=h.quote, prefix=h.prefix or "", suffix=h.suffix or "",
                                    start=h.start, end=h.end, highlighted=h.highlighted) for h in highlights]
    return anchoring.anchor_many(text, selectors, old_text) if selectors else []


def apply_placements(text: str, highlights: list[Highlight], placements: list[Placement]) -> None:
    """Moves highlights to their new places; those without one are orphaned,
    keeping their quote and context so a later save can bring them back."""
    now = utcnow()
    for h, place in zip(highlights, placements, strict=True):
        if place is None:
            if h.status != ORPHANED:
                h.status, h.start, h.end, h.updated_at = ORPHANED, None, None, now
        else:
            if (h.status, h.start, h.end) != (ANCHORED, *place):
                h.updated_at = now
            if h.highlighted is None and text[place[0]:place[1]] != h.quote:
                h.highlighted = h.quote
            _set_selectors(h, text, *place)

"""The daily review of highlights: choosing the day's session, answering, favourites
and retiring. The schedule itself comes from `server.scheduling` (FSRS); this module
reads and writes the cards (one `HighlightReview` per highlight).

The day's session holds the highlights due before the end of the day, earliest
first, then, while there is room, new ones (never reviewed, newest first), at most
`new_per_day` of them entering review on one day. A session may be limited to a tag
or to a page. Retired highlights never come back.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session, selectinload

from .. import scheduling
from ..errors import NotFound, ValidationFailed
from ..models import Highlight, HighlightReview, Page, ReviewLog, User, highlight_tags
from .tags import find_tag

# The paragraph shown around a highlight is cut to about this many characters each side.
CONTEXT_CHARS = 600


@dataclass(frozen=True)
class Context:
    """The paragraph a highlight sits in, split around it."""

    before: str
    quote: str
    after: str


@dataclass(frozen=True)
class ReviewItem:
    highlight: Highlight
    card: HighlightReview
    context: Context


@dataclass(frozen=True)
class ReviewSession:
    items: list[ReviewItem]
    new_left: int  # how many more new highlights may still enter review today


def _trim_start(text: str, most: int) -> str:
    if len(text) <= most:
        return text
    cut = text[-most:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < 40 else cut)


def _trim_end(text: str, most: int) -> str:
    if len(text) <= most:
        return text
    cut = text[:most]
    space = cut.rfind(" ")
    return (cut[:space] if space > most - 40 else cut) + "…"


def paragraph_around(text: str, start: int | None, end: int | None, quote: str, prefix: str = "",
                     suffix: str = "", most: int = CONTEXT_CHARS) -> Context:
    """The paragraph of `text` (lines apart) that holds start..end; for a highlight no
    longer anchored, the context it was saved with."""
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        return Context(_trim_start(prefix, most), quote, _trim_end(suffix, most))
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    return Context(_trim_start(text[left:start], most), text[start:end], _trim_end(text[end:right], most))


def _card_state(card: HighlightReview) -> scheduling.CardState:
    return scheduling.CardState(state=card.state, step=card.step, stability=card.stability,
                                difficulty=card.difficulty, due=card.due, last_review=card.last_review)


def _owned_card(session: Session, user: User, highlight_id: int) -> HighlightReview:
    card = session.scalar(select(HighlightReview).where(HighlightReview.highlight_id == highlight_id,
                                                        HighlightReview.user_id == user.id))
    if card is None:
        owned = session.scalar(select(Highlight.id).where(Highlight.id == highlight_id,
                                                          Highlight.user_id == user.id))
        if owned is None:
            raise NotFound("No such highlight.")
        card = HighlightReview(highlight_id=highlight_id, user_id=user.id, state=scheduling.NEW,
                               reviews=0, favourite=False, retired=False)
        session.add(card)
        session.flush()
    return card


def get_card(session: Session, user: User, highlight_id: int) -> HighlightReview:
    return _owned_card(session, user, highlight_id)


def introduced_on_day(session: Session, user: User, now: datetime) -> int:
    """How many highlights were reviewed for the first time on the day of `now`."""
    return session.scalar(select(func.count()).select_from(HighlightReview).where(
        HighlightReview.user_id == user.id, HighlightReview.first_review >= scheduling.day_start(now),
        HighlightReview.first_review < scheduling.day_end(now))) or 0


def todays_review(session: Session, user: User, now: datetime, *, limit: int = scheduling.SESSION_SIZE,
                  tag: str | None = None, page_id: int | None = None,
                  new_per_day: int = scheduling.NEW_PER_DAY) -> ReviewSession:
    """The day's session for `user` at `now`: due highlights first, then new ones."""
    limit = max(1, min(limit, scheduling.MAX_SESSION_SIZE))
    cards = select(HighlightReview).where(HighlightReview.user_id == user.id,
                                          HighlightReview.retired == false())
    if page_id is not None:
        if session.scalar(select(Page.id).where(Page.id == page_id, Page.user_id == user.id)) is None:
            raise NotFound("No such page.")
        cards = cards.join(Highlight, Highlight.id == HighlightReview.highlight_id).where(
            Highlight.page_id == page_id)
    if tag:
        found = find_tag(session, user, tag)
        if found is None:
            return ReviewSession([], 0)
        cards = cards.join(highlight_tags, highlight_tags.c.highlight_id == HighlightReview.highlight_id
                           ).where(highlight_tags.c.tag_id == found.id)
    due = list(session.scalars(
        cards.where(HighlightReview.due < scheduling.day_end(now))
        .order_by(HighlightReview.due, HighlightReview.highlight_id).limit(limit)))
    introduced = introduced_on_day(session, user, now)
    room = scheduling.new_allowance(limit, len(due), introduced, new_per_day)
    new = list(session.scalars(
        cards.where(HighlightReview.due.is_(None)).order_by(HighlightReview.highlight_id.desc())
        .limit(room))) if room else []
    chosen = due + new
    highlights = {h.id: h for h in session.scalars(
        select(Highlight).where(Highlight.id.in_([c.highlight_id for c in chosen]))
        .options(selectinload(Highlight.tags), selectinload(Highlight.page)))} if chosen else {}
    items = []
    for card in chosen:
        h = highlights[card.highlight_id]
        items.append(ReviewItem(h, card, paragraph_around(h.page.text or "", h.start, h.end, h.quote,
                                                          h.prefix or "", h.suffix or "")))
    return ReviewSession(items, max(0, new_per_day - introduced - len(new)))


def answer(session: Session, user: User, highlight_id: int, rating: str, now: datetime, *,
           fuzz: bool = True) -> HighlightReview:
    """Records how well the highlight stuck; FSRS sets when it comes back."""
    if rating not in scheduling.RATINGS:
        raise ValidationFailed("Answer again, hard, good or easy.", details={"rating": ["unknown rating"]})
    card = _owned_card(session, user, highlight_id)
    after = scheduling.answer(_card_state(card), rating, now, favourite=card.favourite, fuzz=fuzz)
    card.state, card.step, card.stability, card.difficulty = after.state, after.step, after.stability, \
        after.difficulty
    card.due, card.last_review = after.due, after.last_review
    if card.first_review is None:
        card.first_review = now
    card.reviews = (card.reviews or 0) + 1
    session.add(ReviewLog(user_id=user.id, highlight_id=highlight_id,
                          rating=int(scheduling.RATINGS[rating]), reviewed_at=now))
    session.flush()
    return card


def set_flags(session: Session, user: User, highlight_id: int, *, favourite: bool | None = None,
              retired: bool | None = None) -> HighlightReview:
    """Favourite (comes back more often) or retire (never comes back) a highlight."""
    card = _owned_card(session, user, highlight_id)
    if favourite is not None:
        card.favourite = favourite
    if retired is not None:
        card.retired = retired
    session.flush()
    return card


# ---- export and import ---------------------------------------------------------------

def card_record(card: HighlightReview | None) -> dict | None:
    """The card as the Gloss JSON export writes it (None: never touched)."""
    if card is None or (card.state == scheduling.NEW and not card.favourite and not card.retired):
        return None
    iso = lambda v: v.isoformat() if v is not None else None  # noqa: E731
    return {"state": scheduling.STATE_NAMES.get(card.state, "new"), "step": card.step,
            "stability": card.stability, "difficulty": card.difficulty, "due": iso(card.due),
            "last_review": iso(card.last_review), "first_review": iso(card.first_review),
            "reviews": card.reviews, "favourite": card.favourite, "retired": card.retired}


STATE_VALUES = {name: value for value, name in scheduling.STATE_NAMES.items()}


def restore_card(session: Session, highlight: Highlight, record: dict) -> None:
    """Puts an exported card back on a highlight (already checked by the importer)."""
    session.flush()  # the highlight and its new card exist
    card = session.get(HighlightReview, highlight.id)
    if card is None:
        card = HighlightReview(highlight_id=highlight.id, user_id=highlight.user_id)
        session.add(card)
    card.state = STATE_VALUES[record["state"]]
    card.step, card.stability, card.difficulty = record.get("step"), record.get("stability"), \
        record.get("difficulty")
    card.due, card.last_review, card.first_review = record.get("due"), record.get("last_review"), \
        record.get("first_review")
    card.reviews = record.get("reviews") or 0
    card.favourite, card.retired = bool(record.get("favourite")), bool(record.get("retired"))
    session.flush()

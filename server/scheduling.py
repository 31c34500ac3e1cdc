"""When a highlight comes back in the daily review: FSRS (the `fsrs` package) on plain
values, with no Flask and no database, so it is tested with fixed clocks.

The review is daily, so cards skip FSRS's minute-long learning steps and go straight
to intervals of whole days. Favourites are scheduled for a higher recall (the
interval at which the user should still remember 95 % rather than 90 %), which
brings them back sooner and more often.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
RATING_NAMES = {int(rating): name for name, rating in RATINGS.items()}
NEW = 0  # a card never answered; otherwise the value of fsrs.State
STATE_NAMES = {NEW: "new", State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}

RETENTION = 0.90
FAVOURITE_RETENTION = 0.95

# Review sessions: how many highlights by default and at most, and how many never
# reviewed highlights may enter review on one day (the rest wait for the next days).
SESSION_SIZE = 10
MAX_SESSION_SIZE = 50
NEW_PER_DAY = 10


@dataclass(frozen=True)
class CardState:
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None


@lru_cache(maxsize=4)
def scheduler(favourite: bool, fuzz: bool) -> Scheduler:
    return Scheduler(desired_retention=FAVOURITE_RETENTION if favourite else RETENTION,
                     learning_steps=(), relearning_steps=(), enable_fuzzing=fuzz)


def answer(card: CardState, rating: str, now: datetime, *, favourite: bool = False,
           fuzz: bool = True) -> CardState:
    """The card after the user answered `rating` (again/hard/good/easy) at `now`."""
    if rating not in RATINGS:
        raise ValueError(f"unknown rating {rating!r}")
    now = as_utc(now)
    if card.state == NEW:
        before = Card(due=now)
    else:
        before = Card(state=State(card.state), step=card.step, stability=card.stability,
                      difficulty=card.difficulty, due=as_utc(card.due or now),
                      last_review=as_utc(card.last_review) if card.last_review else None)
    after, _log = scheduler(favourite, fuzz).review_card(before, RATINGS[rating], now)
    return CardState(state=int(after.state), step=after.step, stability=after.stability,
                     difficulty=after.difficulty, due=after.due, last_review=after.last_review)


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def day_start(now: datetime) -> datetime:
    """The start of the (UTC) day of `now`: new highlights are counted from here."""
    return datetime.combine(as_utc(now).date(), time(0), tzinfo=timezone.utc)


def day_end(now: datetime) -> datetime:
    """The day's review holds every highlight due before this moment: one that is due
    later today is reviewed with the rest of today's, not in a session of its own."""
    return day_start(now) + timedelta(days=1)


def new_allowance(size: int, due_count: int, introduced_today: int, new_per_day: int = NEW_PER_DAY) -> int:
    """How many new highlights join a session of `size` that already holds `due_count`
    due ones, when `introduced_today` entered review today."""
    return max(0, min(size - due_count, new_per_day - introduced_today))


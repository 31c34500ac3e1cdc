"""What a user read, at a glance: pages saved and read and highlights made per week,
the days with reading, highlighting or review, and the tags read most.

Moments are bucketed here rather than in SQL, so SQLite and PostgreSQL agree; only
the period shown is read (by the user's indexed timestamps).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Highlight, Page, ReviewLog, Tag, User, page_tags
from ..scheduling import as_utc

WEEKS = 26
CALENDAR_DAYS = 7 * 53
TOP_TAGS = 10


@dataclass(frozen=True)
class Week:
    start: date
    saved: int
    read: int
    highlights: int


@dataclass(frozen=True)
class Day:
    day: date
    read: int
    highlights: int
    reviews: int

    @property
    def total(self) -> int:
        return self.read + self.highlights + self.reviews

    @property
    def level(self) -> int:
        """0 (nothing) to 4, for the calendar's shades."""
        total = self.total
        return 0 if total == 0 else 1 if total < 3 else 2 if total < 8 else 3 if total < 20 else 4


@dataclass(frozen=True)
class ReadingStats:
    weeks: list[Week]
    days: list[Day]  # the calendar, oldest first, starting on a Monday
    top_tags: list[tuple[str, int]]  # tag name, pages read with it
    totals: dict


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _moments(session: Session, column, *where) -> list[datetime]:
    return [as_utc(m) for m in session.scalars(select(column).where(*where))]


def reading_stats(session: Session, user: User, now: datetime, *, weeks: int = WEEKS,
                  calendar_days: int = CALENDAR_DAYS) -> ReadingStats:
    today = as_utc(now).date()
    first_week = monday(today) - timedelta(weeks=weeks - 1)
    first_day = monday(today - timedelta(days=calendar_days - 1))
    since = datetime.combine(min(first_week, first_day), datetime.min.time()).replace(tzinfo=as_utc(now).tzinfo)

    saved = _moments(session, Page.saved_at, Page.user_id == user.id, Page.saved_at >= since)
    read = _moments(session, Page.read_at, Page.user_id == user.id, Page.read_at >= since)
    made = _moments(session, Highlight.created_at, Highlight.user_id == user.id, Highlight.created_at >= since)
    reviewed = _moments(session, ReviewLog.reviewed_at, ReviewLog.user_id == user.id,
                        ReviewLog.reviewed_at >= since)

    def per_week(moments):
        return Counter(monday(m.date()) for m in moments)

    saved_w, read_w, made_w = per_week(saved), per_week(read), per_week(made)
    week_list = [Week(start, saved_w[start], read_w[start], made_w[start])
                 for start in (first_week + timedelta(weeks=n) for n in range(weeks))]

    read_d, made_d, reviewed_d = (Counter(m.date() for m in ms) for ms in (read, made, reviewed))
    day_list = []
    day = first_day
    while day <= today:
        day_list.append(Day(day, read_d[day], made_d[day], reviewed_d[day]))
        day += timedelta(days=1)

    count = func.count()
    top = session.execute(
        select(Tag.name, count).join(page_tags, page_tags.c.tag_id == Tag.id)
        .join(Page, Page.id == page_tags.c.page_id)
        .where(Tag.user_id == user.id, Page.read_at.is_not(None))
        .group_by(Tag.id, Tag.name).order_by(count.desc(), Tag.name).limit(TOP_TAGS)).all()

    totals = {
        "pages": session.scalar(select(func.count()).select_from(Page).where(Page.user_id == user.id)) or 0,
        "read": session.scalar(select(func.count()).select_from(Page).where(
            Page.user_id == user.id, Page.read_at.is_not(None))) or 0,
        "highlights": session.scalar(select(func.count()).select_from(Highlight).where(
            Highlight.user_id == user.id)) or 0,
        "reviews": len(reviewed),
    }
    return ReadingStats(week_list, day_list, [(name, n) for name, n in top], totals)

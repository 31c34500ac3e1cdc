"""What a user read, at a glance: pages saved and read and highlights made per week,
the days with reading, highlighting or review, and the tags read most.

The database counts per UTC day (`utc_day`, one expression per backend) over the
period shown, by the user's indexed timestamps; weeks are summed from the days here.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement

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


class utc_day(FunctionElement):  # noqa: N801  (used like a SQL function)
    """The UTC calendar day of a stored moment."""

    type = Date()
    inherit_cache = True


@compiles(utc_day, "sqlite")
def _utc_day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"  # stored as naive UTC text


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element, compiler, **kw):
    return f"(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC')::date"


def _per_day(session: Session, column, *where) -> Counter:
    day = utc_day(column)
    rows = session.execute(select(day, func.count()).where(*where).group_by(day))
    return Counter({(d if isinstance(d, date) else date.fromisoformat(str(d)[:10])): n for d, n in rows})


def reading_stats(session: Session, user: User, now: datetime, *, weeks: int = WEEKS,
                  calendar_days: int = CALENDAR_DAYS) -> ReadingStats:
    today = as_utc(now).date()
    first_week = monday(today) - timedelta(weeks=weeks - 1)
    first_day = monday(today - timedelta(days=calendar_days - 1))
    since = datetime.combine(min(first_week, first_day), datetime.min.time()).replace(tzinfo=as_utc(now).tzinfo)

    saved_d = _per_day(session, Page.saved_at, Page.user_id == user.id, Page.saved_at >= since)
    read_d = _per_day(session, Page.read_at, Page.user_id == user.id, Page.read_at >= since)
    made_d = _per_day(session, Highlight.created_at, Highlight.user_id == user.id, Highlight.created_at >= since)
    reviewed_d = _per_day(session, ReviewLog.reviewed_at, ReviewLog.user_id == user.id,
                          ReviewLog.reviewed_at >= since)

    def per_week(days: Counter) -> Counter:
        weekly: Counter = Counter()
        for day, n in days.items():
            weekly[monday(day)] += n
        return weekly

    saved_w, read_w, made_w = per_week(saved_d), per_week(read_d), per_week(made_d)
    week_list = [Week(start, saved_w[start], read_w[start], made_w[start])
                 for start in (first_week + timedelta(weeks=n) for n in range(weeks))]

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
        "reviews": sum(n for day, n in reviewed_d.items() if day >= first_day),
    }
    return ReadingStats(week_list, day_list, [(name, n) for name, n in top], totals)

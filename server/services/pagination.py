"""Keyset cursors: an opaque string naming the last row of the previous page.

One codec for every list: a list in time order keys its rows by (moment, id), a
search by (score, id). The two kinds are told apart inside the cursor, so a cursor
from one kind of list given to the other is refused like any cursor this server
never gave out.
"""
from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..errors import BadRequest

R = TypeVar("R")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_SCORE = "s"  # the first item of a search cursor


def clamp_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1:
        raise BadRequest("limit must be a positive whole number.")
    return min(limit, MAX_LIMIT)


def encode_cursor(key: datetime | float, row_id: int) -> str:
    """The cursor after the row keyed (key, row_id): a moment for lists, a score for searches."""
    items: list[object] = [key.isoformat(), row_id] if isinstance(key, datetime) else [_SCORE, key, row_id]
    raw = json.dumps(items).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _items(cursor: str) -> list[object]:
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    items = json.loads(raw)
    if not isinstance(items, list):
        raise TypeError
    return items


def _row_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError
    return value


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (moment, id) a list cursor names; 400 for anything else."""
    try:
        moment, row_id = _items(cursor)
        if not isinstance(moment, str):
            raise TypeError
        return datetime.fromisoformat(moment), _row_id(row_id)
    except (ValueError, TypeError):  # json.JSONDecodeError and binascii.Error are ValueErrors
        raise BadRequest("cursor is not one this server gave out.") from None


def decode_score_cursor(cursor: str) -> tuple[float, int]:
    """The (score, id) a search cursor names; 400 for anything else."""
    try:
        kind, score, row_id = _items(cursor)
        if kind != _SCORE or not isinstance(score, (int, float)) or isinstance(score, bool):
            raise TypeError
        return float(score), _row_id(row_id)
    except (ValueError, TypeError):
        raise BadRequest("cursor is not one this server gave out.") from None


def newest_first(session: Session, stmt: Select[R], moment: InstrumentedAttribute[Any],
                 row_id: InstrumentedAttribute[Any], *, limit: int, cursor: str | None) -> tuple[list[R], str | None]:
    """Up to `limit` rows of `stmt`, newest `moment` first, after the row `cursor` names;
    and the cursor after the last of them when more follow."""
    if cursor:
        after_moment, after_id = decode_cursor(cursor)
        stmt = stmt.where(tuple_(moment, row_id) < tuple_(after_moment, after_id))
    rows = list(session.scalars(stmt.order_by(moment.desc(), row_id.desc()).limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor(getattr(last, moment.key), getattr(last, row_id.key))

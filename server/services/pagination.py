"""Keyset cursors: an opaque string naming the last row of the previous page."""
from __future__ import annotations

import base64
import json
from datetime import datetime

from ..errors import BadRequest

MAX_LIMIT = 200


def clamp_limit(limit: int | None) -> int:
    if limit is None:
        return 50
    if limit < 1:
        raise BadRequest("limit must be a positive whole number.")
    return min(limit, MAX_LIMIT)


def encode_cursor(moment: datetime, row_id: int) -> str:
    raw = json.dumps([moment.isoformat(), row_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, row_id = json.loads(raw)
        if not isinstance(row_id, int):
            raise ValueError
        return datetime.fromisoformat(moment), row_id
    except (ValueError, TypeError, json.JSONDecodeError):
        raise BadRequest("cursor is not one this server gave out.") from None

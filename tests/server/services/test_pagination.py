"""One cursor codec for lists (keyed by a moment) and searches (keyed by a score)."""
from __future__ import annotations

import base64
from datetime import datetime, timezone

import pytest

from server.errors import BadRequest
from server.services.pagination import (MAX_LIMIT, clamp_limit, decode_cursor, decode_score_cursor,
                                        encode_cursor)


def test_each_kind_reads_back_its_own_key():
    moment = datetime(2026, 12, 4, 9, 30, tzinfo=timezone.utc)
    assert decode_cursor(encode_cursor(moment, 42)) == (moment, 42)
    assert decode_score_cursor(encode_cursor(0.125, 7)) == (0.125, 7)


def test_a_cursor_of_one_kind_is_refused_by_the_other():
    with pytest.raises(BadRequest):
        decode_score_cursor(encode_cursor(datetime(2026, 1, 1, tzinfo=timezone.utc), 1))
    with pytest.raises(BadRequest):
        decode_cursor(encode_cursor(1.5, 1))


@pytest.mark.parametrize("raw", [b"", b"[]", b"{}", b'["s", true, 1]', b'["s", 1.0, true]', b'["2026-01-01", "1"]',
                                 b'["s", "x", 1]', b"not json"])
def test_anything_else_is_a_bad_request(raw):
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    for decode in (decode_cursor, decode_score_cursor):
        with pytest.raises(BadRequest):
            decode(cursor)


def test_limits():
    assert clamp_limit(None) == 50
    assert clamp_limit(10_000) == MAX_LIMIT
    with pytest.raises(BadRequest):
        clamp_limit(0)

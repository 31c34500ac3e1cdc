"""Migration 0008 on an install that already holds highlights: each enters review as new,
and the session is there at once."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text
from sqlalchemy.orm import Session

from server.db import upgrade
from server.models import HighlightReview, User
from server.services import review
from tests.conftest import Database


def test_existing_highlights_enter_review(tmp_path):
    db = Database(tmp_path, migrate=False)
    try:
        upgrade(db.engine, "0006")
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (1, 'old', :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO pages (id, user_id, url, canonical_url, state, title, word_count, reading_minutes, "
                "text, html, progress, highlight_count, saved_at, updated_at) VALUES (7, 1, 'https://e.org/', "
                "'https://e.org/', 'article', 'Before review', 5, 1, 'An archipelago of small islands.', "
                "'<p>An archipelago of small islands.</p>', 0, 2, :now, :now)"), {"now": now})
            for hid, (start, end) in ((3, (17, 30)), (4, (3, 14))):
                conn.execute(text(
                    "INSERT INTO highlights (id, user_id, page_id, quote, prefix, suffix, start, \"end\", status, "
                    "note, color, created_at, updated_at) VALUES (:id, 1, 7, :quote, '', '', :s, :e, "
                    "'anchored', '', 'yellow', :now, :now)"),
                    {"id": hid, "quote": "An archipelago of small islands."[start:end], "s": start, "e": end,
                     "now": now})
        upgrade(db.engine)
        with Session(db.engine) as s:
            cards = s.query(HighlightReview).order_by(HighlightReview.highlight_id).all()
            assert [(c.highlight_id, c.user_id, c.state, c.due, c.favourite, c.retired) for c in cards] == [
                (3, 1, 0, None, False, False), (4, 1, 0, None, False, False)]
            found = review.todays_review(s, s.get_one(User, 1), now)
            assert sorted(item.highlight.id for item in found.items) == [3, 4]
            assert found.items[0].context.quote in ("small islands", "archipelago")
    finally:
        db.drop()

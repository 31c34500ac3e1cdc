"""Migration 0008 on an install that already holds highlights: each enters review as new,
and the session is there at once."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from server.db import upgrade
from server.models import HighlightReview, User
from server.services import review

from .old_rows import database_at, insert_highlight, insert_page, insert_user


def test_existing_highlights_enter_review(tmp_path):
    with database_at(tmp_path, "0006") as db:
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            insert_user(conn, now)
            insert_page(conn, now, page_id=7, title="Before review", highlight_count=2)
            for hid, (start, end) in ((3, (17, 30)), (4, (3, 14))):
                insert_highlight(conn, now, highlight_id=hid, page_id=7, start=start, end=end)
        upgrade(db.engine)
        with Session(db.engine) as s:
            cards = s.query(HighlightReview).order_by(HighlightReview.highlight_id).all()
            assert [(c.highlight_id, c.user_id, c.state, c.due, c.favourite, c.retired) for c in cards] == [
                (3, 1, 0, None, False, False), (4, 1, 0, None, False, False)]
            found = review.todays_review(s, s.get_one(User, 1), now)
            assert sorted(item.highlight.id for item in found.items) == [3, 4]
            assert found.items[0].context.quote in ("small islands", "archipelago")

"""The search index migrations: 0002 indexes pages saved before it, 0010 (SQLite) moves
each page's notes and tags into their own FTS5 row. Both read their own table
definitions, so rows written as revision 0001 had them are indexed."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text
from sqlalchemy.orm import Session

from server.db import upgrade
from server.models import User
from server.services import highlight_list, page_list
from tests.conftest import Database


def test_migration_indexes_pages_saved_before_it(tmp_path):
    """Upgrading a database that already holds pages makes them searchable (rows written
    as revision 0001 had them: the migration reads its own table definitions)."""
    db = Database(tmp_path, migrate=False)
    try:
        upgrade(db.engine, "0001")
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (1, 'old', :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO pages (id, user_id, url, canonical_url, state, title, word_count, reading_minutes, "
                "text, html, progress, highlight_count, saved_at, updated_at) VALUES (7, 1, 'https://e.org/', "
                "'https://e.org/', 'article', 'Before search', 5, 1, 'An archipelago of small islands.', "
                "'<p>An archipelago of small islands.</p>', 0, 1, :now, :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO highlights (id, user_id, page_id, quote, prefix, suffix, start, \"end\", status, "
                "note, color, created_at, updated_at) VALUES (3, 1, 7, 'small islands', '', '', 17, 30, "
                "'anchored', 'volcanic origin', 'yellow', :now, :now)"), {"now": now})
            conn.execute(text("INSERT INTO tags (id, user_id, name, key) VALUES (5, 1, 'Geography', 'geography')"))
            conn.execute(text("INSERT INTO highlight_tags (highlight_id, tag_id) VALUES (3, 5)"))
        upgrade(db.engine)
        with Session(db.engine) as s:
            user = s.query(User).one()
            for q in ("archipelago", "volcanic", "geography", "archipelago volcanic geography"):
                items, _ = page_list.find_pages(s, user, q=q)
                assert [item.page.title for item in items] == ["Before search"], q
            found, _ = highlight_list.find_highlights(s, user, q="volcanic")
            assert [h.id for h in found] == [3]
            if db.kind == "sqlite":  # the article's row and the notes' row apart, rowid the page's id
                assert s.execute(text("SELECT rowid, title FROM page_search")).all() == [(7, "Before search")]
                assert s.execute(text("SELECT rowid, notes, tags FROM page_notes_search")).all() == [
                    (7, "small islands\nvolcanic origin", "Geography")]
    finally:
        db.drop()


def test_0010_moves_notes_apart_and_back(tmp_path):
    """On SQLite the notes row is split off the article row and joined back on downgrade,
    keeping what each page matches; PostgreSQL's tables are left as they are."""
    from alembic import command

    from server.db import alembic_config

    db = Database(tmp_path, migrate=False)
    try:
        upgrade(db.engine, "0009")
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (1, 'old', :now)"), {"now": now})
            for page_id, title in ((7, "Noted"), (8, "Plain")):
                conn.execute(text(
                    "INSERT INTO pages (id, user_id, url, canonical_url, state, title, word_count, reading_minutes, "
                    "text, html, progress, highlight_count, saved_at, updated_at) VALUES (:id, 1, :url, :url, "
                    "'article', :title, 3, 1, 'Lagoons and reefs.', '<p>Lagoons and reefs.</p>', 0, 0, :now, :now)"),
                    {"id": page_id, "url": f"https://e.org/{page_id}", "title": title, "now": now})
            if db.kind == "sqlite":  # the index as 0002 wrote it: notes and tags in the article's row
                conn.execute(text("INSERT INTO page_search (rowid, owner, title, body, notes, tags) VALUES "
                                  "(7, 'u1', 'Noted', 'Lagoons and reefs.', 'reefs\nmangrove', 'Coast'), "
                                  "(8, 'u1', 'Plain', 'Lagoons and reefs.', '', '')"))
        upgrade(db.engine)

        def titles(q: str) -> list[str]:
            with Session(db.engine) as s:
                user = s.get_one(User, 1)
                return sorted(item.page.title or "" for item in page_list.find_pages(s, user, q=q)[0])

        if db.kind == "sqlite":
            assert titles("mangrove") == ["Noted"] and titles("coast lagoons") == ["Noted"]
            assert titles("lagoons") == ["Noted", "Plain"]
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT rowid FROM page_notes_search")).scalars().all() == [7]
            with db.engine.begin() as conn:
                command.downgrade(alembic_config(conn), "0009")
            with db.engine.connect() as conn:
                rows = conn.execute(text("SELECT rowid, notes, tags FROM page_search ORDER BY rowid")).all()
            assert rows == [(7, "reefs\nmangrove", "Coast"), (8, "", "")]
            upgrade(db.engine)
            assert titles("mangrove") == ["Noted"] and titles("lagoons") == ["Noted", "Plain"]
        else:
            with db.engine.connect() as conn:
                assert conn.execute(text("SELECT to_regclass('page_notes_search')")).scalar() is None
                assert conn.execute(text("SELECT to_regclass('page_search')")).scalar() is not None
    finally:
        db.drop()

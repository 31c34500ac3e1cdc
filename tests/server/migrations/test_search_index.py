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

from .old_rows import database_at, insert_highlight, insert_page, insert_user


def test_migration_indexes_pages_saved_before_it(tmp_path):
    """Upgrading a database that already holds pages makes them searchable (rows written
    as revision 0001 had them: the migration reads its own table definitions)."""
    with database_at(tmp_path, "0001") as db:
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            insert_user(conn, now)
            insert_page(conn, now, page_id=7, title="Before search", highlight_count=1)
            insert_highlight(conn, now, highlight_id=3, page_id=7, start=18, end=31, note="volcanic origin")
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


def test_0010_moves_notes_apart_and_back(tmp_path):
    """On SQLite the notes row is split off the article row and joined back on downgrade,
    keeping what each page matches; PostgreSQL's tables are left as they are."""
    from alembic import command

    from server.db import alembic_config

    with database_at(tmp_path, "0009") as db:
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            insert_user(conn, now)
            for page_id, title in ((7, "Noted"), (8, "Plain")):
                insert_page(conn, now, page_id=page_id, title=title, article="Lagoons and reefs.")
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

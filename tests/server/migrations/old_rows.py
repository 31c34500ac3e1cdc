"""Databases left at an old revision, holding rows written the way that revision wrote
them (plain SQL over the columns every revision since 0001 has), for the migration tests."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text

from server.db import upgrade
from tests.conftest import Database

ARTICLE = "An archipelago of small islands."


@contextmanager
def database_at(tmp_path: Path, revision: str) -> Iterator[Database]:
    """A database of its own migrated up to `revision` only, dropped afterwards."""
    db = Database(tmp_path, migrate=False)
    try:
        upgrade(db.engine, revision)
        yield db
    finally:
        db.drop()


def insert_user(conn: Connection, now: datetime, user_id: int = 1) -> None:
    conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (:id, 'old', :now)"),
                 {"id": user_id, "now": now})


def insert_page(conn: Connection, now: datetime, *, page_id: int, title: str, article: str = ARTICLE,
                highlight_count: int = 0) -> None:
    conn.execute(text(
        "INSERT INTO pages (id, user_id, url, canonical_url, state, title, word_count, reading_minutes, "
        "text, html, progress, highlight_count, saved_at, updated_at) VALUES (:id, 1, :url, :url, "
        "'article', :title, :words, 1, :text, :html, 0, :count, :now, :now)"),
        {"id": page_id, "url": f"https://e.org/{page_id}", "title": title, "words": len(article.split()),
         "text": article, "html": f"<p>{article}</p>", "count": highlight_count, "now": now})


def insert_highlight(conn: Connection, now: datetime, *, highlight_id: int, page_id: int, start: int, end: int,
                     note: str = "", article: str = ARTICLE) -> None:
    conn.execute(text(
        "INSERT INTO highlights (id, user_id, page_id, quote, prefix, suffix, start, \"end\", status, "
        "note, color, created_at, updated_at) VALUES (:id, 1, :page, :quote, '', '', :s, :e, "
        "'anchored', :note, 'yellow', :now, :now)"),
        {"id": highlight_id, "page": page_id, "quote": article[start:end], "s": start, "e": end, "note": note,
         "now": now})

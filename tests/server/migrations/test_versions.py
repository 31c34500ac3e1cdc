"""Migrations are frozen: each runs its own SQL or its own table definitions, never the
app's current models or services, so a database saved long ago still upgrades."""
from __future__ import annotations

import ast
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import text

from server.db import upgrade
from tests.conftest import Database

VERSIONS = Path(__file__).parents[3] / "server" / "migrations" / "versions"


def test_no_migration_imports_the_app():
    for path in sorted(VERSIONS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            relative = isinstance(node, ast.ImportFrom) and node.level > 0
            assert not relative and not any(n == "server" or n.startswith("server.") for n in names), path.name


def test_a_database_from_the_first_revision_upgrades_with_its_data(tmp_path):
    db = Database(tmp_path, migrate=False)
    try:
        upgrade(db.engine, "0001")
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (1, 'old', :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO pages (id, user_id, url, canonical_url, state, title, word_count, reading_minutes, "
                "text, html, progress, highlight_count, saved_at, updated_at) VALUES (7, 1, 'https://e.org/', "
                "'https://e.org/', 'article', 'Saved at 0001', 5, 1, 'An archipelago of small islands.', "
                "'<p>An archipelago of small islands.</p>', 0, 1, :now, :now)"), {"now": now})
            conn.execute(text(
                "INSERT INTO highlights (id, user_id, page_id, quote, prefix, suffix, start, \"end\", status, "
                "note, color, created_at, updated_at) VALUES (3, 1, 7, 'small islands', '', '', 17, 30, "
                "'anchored', 'volcanic origin', 'yellow', :now, :now)"), {"now": now})
        upgrade(db.engine)
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT title FROM pages WHERE id = 7")) == "Saved at 0001"
            assert conn.execute(text("SELECT quote, note, status FROM highlights")).all() == [
                ("small islands", "volcanic origin", "anchored")]
            # Each later revision saw the rows: indexed for search, entered into review.
            assert conn.scalar(text("SELECT count(*) FROM page_search")) == 1
            assert conn.scalar(text("SELECT count(*) FROM highlight_search")) == 1
            assert conn.scalar(text("SELECT count(*) FROM highlight_reviews WHERE highlight_id = 3")) == 1
    finally:
        db.drop()

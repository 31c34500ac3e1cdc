"""Migrations are frozen: each runs its own SQL or its own table definitions, never the
app's current models or services, so a database saved long ago still upgrades."""
from __future__ import annotations

import ast
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import text

from server.db import upgrade

from .old_rows import database_at, insert_highlight, insert_page, insert_user

VERSIONS = Path(__file__).parents[3] / "server" / "migrations" / "versions"


def test_no_migration_imports_the_app():
    for path in sorted(VERSIONS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            relative = isinstance(node, ast.ImportFrom) and node.level > 0
            assert not relative and not any(n == "server" or n.startswith("server.") for n in names), path.name


def test_a_database_from_the_first_revision_upgrades_with_its_data(tmp_path):
    with database_at(tmp_path, "0001") as db:
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            insert_user(conn, now)
            insert_page(conn, now, page_id=7, title="Saved at 0001", highlight_count=1)
            insert_highlight(conn, now, highlight_id=3, page_id=7, start=18, end=31, note="volcanic origin")
        upgrade(db.engine)
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT title FROM pages WHERE id = 7")) == "Saved at 0001"
            assert conn.execute(text("SELECT quote, note, status FROM highlights")).all() == [
                ("small islands", "volcanic origin", "anchored")]
            # Each later revision saw the rows: indexed for search, entered into review.
            assert conn.scalar(text("SELECT count(*) FROM page_search")) == 1
            assert conn.scalar(text("SELECT count(*) FROM highlight_search")) == 1
            assert conn.scalar(text("SELECT count(*) FROM highlight_reviews WHERE highlight_id = 3")) == 1

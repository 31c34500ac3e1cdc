"""SQLite search: a page's highlight quotes, notes and tags move out of its article's
FTS5 row into a row of their own in `page_notes_search`

An FTS5 row is rewritten whole, so a highlight's change used to tokenize the page's
whole article again. The existing rows are moved as they are (plain SQL: the index as
this revision defines it). PostgreSQL keeps its tables: there a highlight's change
updates the page's notes without parsing the article again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE page_search RENAME TO page_search_0009")
    op.execute(f"CREATE VIRTUAL TABLE page_search USING fts5(owner, title, body, tokenize = '{FTS5_TOKENIZER}')")
    op.execute(f"CREATE VIRTUAL TABLE page_notes_search USING fts5("
               f"owner, notes, tags, tokenize = '{FTS5_TOKENIZER}')")
    op.execute("INSERT INTO page_search (rowid, owner, title, body) "
               "SELECT rowid, owner, title, body FROM page_search_0009")
    op.execute("INSERT INTO page_notes_search (rowid, owner, notes, tags) "
               "SELECT rowid, owner, notes, tags FROM page_search_0009 WHERE notes != '' OR tags != ''")
    op.execute("DROP TABLE page_search_0009")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("ALTER TABLE page_search RENAME TO page_search_0010")
    op.execute(f"CREATE VIRTUAL TABLE page_search USING fts5("
               f"owner, title, body, notes, tags, tokenize = '{FTS5_TOKENIZER}')")
    op.execute("INSERT INTO page_search (rowid, owner, title, body, notes, tags) "
               "SELECT p.rowid, p.owner, p.title, p.body, coalesce(n.notes, ''), coalesce(n.tags, '') "
               "FROM page_search_0010 AS p LEFT JOIN page_notes_search AS n ON n.rowid = p.rowid")
    op.execute("DROP TABLE page_notes_search")
    op.execute("DROP TABLE page_search_0010")

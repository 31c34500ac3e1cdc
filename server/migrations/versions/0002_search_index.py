"""Full-text search index: FTS5 tables on SQLite, tsvector tables with GIN indexes on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from alembic import op
from sqlalchemy.orm import Session

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE page_search USING fts5("
                   f"owner, title, body, notes, tags, tokenize = '{FTS5_TOKENIZER}')")
        op.execute(f"CREATE VIRTUAL TABLE highlight_search USING fts5("
                   f"owner, page, quote, note, tags, tokenize = '{FTS5_TOKENIZER}')")
    else:
        op.execute("""
            CREATE TABLE page_search (
                page_id INTEGER PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL,
                config TEXT NOT NULL,
                document TSVECTOR NOT NULL,
                head TSVECTOR NOT NULL)""")
        op.execute("CREATE INDEX ix_page_search_document ON page_search USING GIN (document)")
        op.execute("CREATE INDEX ix_page_search_user_id_config ON page_search (user_id, config)")
        op.execute("""
            CREATE TABLE highlight_search (
                highlight_id INTEGER PRIMARY KEY REFERENCES highlights (id) ON DELETE CASCADE,
                page_id INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL,
                config TEXT NOT NULL,
                document TSVECTOR NOT NULL)""")
        op.execute("CREATE INDEX ix_highlight_search_document ON highlight_search USING GIN (document)")
        op.execute("CREATE INDEX ix_highlight_search_page_id ON highlight_search (page_id)")

    # Pages saved before this revision get their index entries now.
    from server.services.search import reindex_all

    with Session(bind=bind) as session:
        reindex_all(session)
        session.flush()


def downgrade() -> None:
    op.execute("DROP TABLE highlight_search")
    op.execute("DROP TABLE page_search")

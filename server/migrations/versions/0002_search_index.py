"""Full-text search index: FTS5 tables on SQLite, tsvector tables with GIN indexes on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

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

    # Pages saved before this revision get their index entries now: the documents as this
    # revision defined them, read with its own table definitions (not today's models).
    _backfill(bind)


# ---- the backfill, frozen as of this revision --------------------------------------

PG_CONFIGS = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish",
    "sv": "swedish", "ta": "tamil", "tr": "turkish",
}
PG_MAX_BODY = 250_000
HEAD_LEAD_CHARS = 200
HEAD_NOTES_CHARS = 100
BATCH = 200

pages = sa.table("pages", sa.column("id", sa.Integer), sa.column("user_id", sa.Integer),
                 sa.column("language", sa.String), sa.column("title", sa.Text), sa.column("text", sa.Text))
highlights = sa.table("highlights", sa.column("id", sa.Integer), sa.column("page_id", sa.Integer),
                      sa.column("quote", sa.Text), sa.column("note", sa.Text))
tags = sa.table("tags", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("key", sa.String))
page_tags = sa.table("page_tags", sa.column("page_id", sa.Integer), sa.column("tag_id", sa.Integer))
highlight_tags = sa.table("highlight_tags", sa.column("highlight_id", sa.Integer), sa.column("tag_id", sa.Integer))

FTS5_PAGE_INSERT = sa.text(
    "INSERT INTO page_search (rowid, owner, title, body, notes, tags) "
    "VALUES (:page_id, :owner, :title, :body, :notes, :tags)")
FTS5_HIGHLIGHT_INSERT = sa.text(
    "INSERT INTO highlight_search (rowid, owner, page, quote, note, tags) "
    "VALUES (:highlight_id, :owner, :page, :quote, :note, :tags)")
_CFG = "CAST(CAST(:config AS text) AS regconfig)"
PG_PAGE_INSERT = sa.text(f"""
    INSERT INTO page_search (page_id, user_id, config, document, head)
    VALUES (:page_id, :user_id, CAST(:config AS text),
        setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
        || setweight(to_tsvector({_CFG}, :notes), 'B') || to_tsvector({_CFG}, :body)
        || CAST(:owner AS tsvector),
        setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
        || setweight(to_tsvector({_CFG}, :notes_head), 'B') || setweight(to_tsvector({_CFG}, :lead), 'C'))""")
PG_HIGHLIGHT_INSERT = sa.text(f"""
    INSERT INTO highlight_search (highlight_id, page_id, user_id, config, document)
    VALUES (:highlight_id, :page_id, :user_id, CAST(:config AS text),
        setweight(to_tsvector({_CFG}, :note), 'A') || setweight(to_tsvector({_CFG}, :tags), 'A')
        || setweight(to_tsvector({_CFG}, :quote), 'B') || CAST(:owner AS tsvector))""")


def _pg_config(language):
    code = (language or "").split("-")[0].split("_")[0].lower()
    return PG_CONFIGS.get(code, "simple")


def _tag_names(bind, link, key_column, ids):
    names: dict[int, list[str]] = {}
    if ids:
        rows = bind.execute(sa.select(key_column, tags.c.name).join(tags, tags.c.id == link.c.tag_id)
                            .where(key_column.in_(ids)).order_by(tags.c.key))
        for owner_id, name in rows:
            names.setdefault(owner_id, []).append(name)
    return names


def _backfill(bind) -> None:
    sqlite = bind.dialect.name == "sqlite"
    last = 0
    while True:
        batch = bind.execute(sa.select(pages).where(pages.c.id > last).order_by(pages.c.id).limit(BATCH)).all()
        if not batch:
            return
        last = batch[-1].id
        for page in batch:
            rows = bind.execute(sa.select(highlights.c.id, highlights.c.quote, highlights.c.note)
                                .where(highlights.c.page_id == page.id).order_by(highlights.c.id)).all()
            hl_tags = _tag_names(bind, highlight_tags, highlight_tags.c.highlight_id, [r.id for r in rows])
            own_tags = _tag_names(bind, page_tags, page_tags.c.page_id, [page.id]).get(page.id, [])
            all_tags = " ".join(dict.fromkeys(own_tags + [n for r in rows for n in hl_tags.get(r.id, [])]))
            title, body = page.title or "", page.text or ""
            notes = "\n".join(f"{r.quote}\n{r.note}" for r in rows)
            if sqlite:
                bind.execute(FTS5_PAGE_INSERT, {"page_id": page.id, "owner": f"u{page.user_id}", "title": title,
                                                "body": body, "notes": notes, "tags": all_tags})
            else:
                bind.execute(PG_PAGE_INSERT, {
                    "page_id": page.id, "user_id": page.user_id, "config": _pg_config(page.language),
                    "title": title, "tags": all_tags, "notes": notes, "body": body[:PG_MAX_BODY],
                    "owner": f"'~u{page.user_id}'", "notes_head": notes[:HEAD_NOTES_CHARS],
                    "lead": body[:HEAD_LEAD_CHARS]})
            for r in rows:
                names = " ".join(hl_tags.get(r.id, []))
                if sqlite:
                    bind.execute(FTS5_HIGHLIGHT_INSERT, {"highlight_id": r.id, "owner": f"u{page.user_id}",
                                                         "page": f"p{page.id}", "quote": r.quote,
                                                         "note": r.note or "", "tags": names})
                else:
                    bind.execute(PG_HIGHLIGHT_INSERT, {"highlight_id": r.id, "page_id": page.id,
                                                       "user_id": page.user_id, "config": _pg_config(page.language),
                                                       "quote": r.quote, "note": r.note or "", "tags": names,
                                                       "owner": f"'~u{page.user_id}'"})


def downgrade() -> None:
    op.execute("DROP TABLE highlight_search")
    op.execute("DROP TABLE page_search")

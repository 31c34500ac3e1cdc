"""PostgreSQL: tables `page_search` and `highlight_search` holding tsvectors, stemmed
with the text-search configuration of the page's language (`simple` when unknown),
with a GIN index. `document` (everything, plus an owner lexeme no query word can
produce) decides what matches; `head` (title, tags, notes, the article's opening)
ranks. Ranking on the short `head` keeps a common word's search fast: ts_rank over
every matching full article would read each one back.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import text
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.orm import Session

from ..search_query import SearchQuery, to_tsquery_text
from .backend import Hits, SearchBackend, one_or_many
from .documents import HighlightDocument, PageDocument

# ISO 639-1 code -> PostgreSQL text-search configuration (all present since PostgreSQL 12).
PG_CONFIGS = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish",
    "sv": "swedish", "ta": "tamil", "tr": "turkish",
}
# tsvector holds at most 1 MB; articles past this length are indexed up to here.
PG_MAX_BODY = 250_000
HEAD_LEAD_CHARS = 200
HEAD_NOTES_CHARS = 100

_CFG = "CAST(CAST(:config AS text) AS regconfig)"
_PAGE_UPSERT = text(f"""
    INSERT INTO page_search (page_id, user_id, config, document, head)
    VALUES (:page_id, :user_id, CAST(:config AS text),
        setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
        || setweight(to_tsvector({_CFG}, :notes), 'B') || to_tsvector({_CFG}, :body)
        || CAST(:owner AS tsvector),
        setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
        || setweight(to_tsvector({_CFG}, :notes_head), 'B') || setweight(to_tsvector({_CFG}, :lead), 'C'))
    ON CONFLICT (page_id) DO UPDATE SET user_id = EXCLUDED.user_id, config = EXCLUDED.config,
        document = EXCLUDED.document, head = EXCLUDED.head""")
_HIGHLIGHT_INSERT = text(f"""
    INSERT INTO highlight_search (highlight_id, page_id, user_id, config, document)
    VALUES (:highlight_id, :page_id, :user_id, CAST(:config AS text),
        setweight(to_tsvector({_CFG}, :note), 'A') || setweight(to_tsvector({_CFG}, :tags), 'A')
        || setweight(to_tsvector({_CFG}, :quote), 'B') || CAST(:owner AS tsvector))""")
# Only a page's highlight quotes, notes and tags change with its highlights: its title and
# article text (weights A and D) are kept from the stored vector, not parsed again.
_PAGE_NOTES_UPDATE = text(f"""
    UPDATE page_search SET
        document = ts_filter(document, '{{a,d}}') || setweight(to_tsvector({_CFG}, :tags), 'B')
            || setweight(to_tsvector({_CFG}, :notes), 'B') || CAST(:owner AS tsvector),
        head = setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
            || setweight(to_tsvector({_CFG}, :notes_head), 'B') || setweight(to_tsvector({_CFG}, :lead), 'C')
    WHERE page_id = :page_id""")
# The configurations of every language the user's pages use, by a skip scan of the
# (user_id, config) index; then the query in each.
_TSQUERY = text("""
    WITH RECURSIVE configs(config) AS (
        (SELECT config FROM page_search WHERE user_id = :uid ORDER BY config LIMIT 1)
        UNION ALL
        SELECT (SELECT s.config FROM page_search s WHERE s.user_id = :uid AND s.config > c.config
                ORDER BY s.config LIMIT 1)
        FROM configs c WHERE c.config IS NOT NULL)
    SELECT string_agg('(' || CAST(tq AS text) || ')', ' | ')
    FROM (SELECT to_tsquery(CAST(config AS regconfig), :q) AS tq FROM configs
          WHERE config IS NOT NULL) x
    WHERE numnode(tq) > 0""")


def pg_config(language: str | None) -> str:
    code = (language or "").split("-")[0].split("_")[0].lower()
    return PG_CONFIGS.get(code, "simple")


def owner_lexeme(user_id: int) -> str:
    # '~' never starts a lexeme the parser makes from user words, so no query reaches it.
    return f"'~u{user_id}'"


def _page_row(d: PageDocument) -> dict[str, Any]:
    return {"page_id": d.page_id, "user_id": d.user_id, "config": pg_config(d.language),
            "title": d.title, "tags": d.tags, "notes": d.notes, "body": d.body[:PG_MAX_BODY],
            "owner": owner_lexeme(d.user_id), "notes_head": d.notes[:HEAD_NOTES_CHARS],
            "lead": d.body[:HEAD_LEAD_CHARS]}


def _highlight_row(d: HighlightDocument) -> dict[str, Any]:
    return {"highlight_id": d.highlight_id, "page_id": d.page_id, "user_id": d.user_id,
            "config": pg_config(d.language), "quote": d.quote, "note": d.note, "tags": d.tags,
            "owner": owner_lexeme(d.user_id)}


class PostgresBackend(SearchBackend):
    def add(self, connection: Session | Connection, pages: Sequence[PageDocument],
            highlights: Sequence[HighlightDocument]) -> None:
        if pages:
            connection.execute(_PAGE_UPSERT, one_or_many([_page_row(d) for d in pages]))
        if highlights:
            connection.execute(_HIGHLIGHT_INSERT, one_or_many([_highlight_row(d) for d in highlights]))

    def remove_page(self, session: Session, page_id: int) -> None:
        session.execute(text("DELETE FROM highlight_search WHERE page_id = :id"), {"id": page_id})
        session.execute(text("DELETE FROM page_search WHERE page_id = :id"), {"id": page_id})

    def clear_new_page(self, session: Session, page_id: int) -> None:
        """Nothing to clear: a deleted page's rows went with it (ON DELETE CASCADE)."""

    def remove_highlight(self, session: Session, highlight_id: int) -> None:
        session.execute(text("DELETE FROM highlight_search WHERE highlight_id = :id"), {"id": highlight_id})

    def set_page_notes(self, session: Session, document: PageDocument) -> None:
        updated = cast(CursorResult[Any], session.execute(_PAGE_NOTES_UPDATE, _page_row(document)))
        if updated.rowcount == 0:
            self.add(session, [document], [])

    def _tsquery(self, session: Session, user_id: int, query: SearchQuery) -> str | None:
        """The tsquery (as text) matching the query in every language the user's pages use."""
        found = session.execute(_TSQUERY, {"uid": user_id, "q": to_tsquery_text(query)}).scalar()
        return found or None

    def _hits(self, session: Session, user_id: int, query: SearchQuery, table: str, id_column: str,
              rank_vector: str) -> Hits | None:
        tsq = self._tsquery(session, user_id, query)
        if tsq is None:
            return None
        # The owner lexeme alone picks the user's rows: a user_id condition could lure the
        # planner onto the user index and a recheck of every one of the user's rows.
        sql = text(f"SELECT {id_column} AS id, ts_rank({rank_vector}, CAST(:tsq AS tsquery)) AS score "
                   f"FROM {table} WHERE document @@ (CAST(:tsq AS tsquery) && CAST(:owner AS tsquery))")
        return Hits(sql, {"tsq": tsq, "owner": owner_lexeme(user_id)})

    def page_hits(self, session: Session, user_id: int, query: SearchQuery) -> Hits | None:
        return self._hits(session, user_id, query, "page_search", "page_id", "head")

    def highlight_hits(self, session: Session, user_id: int, query: SearchQuery) -> Hits | None:
        return self._hits(session, user_id, query, "highlight_search", "highlight_id", "document")

    @contextmanager
    def ranking(self, session: Session) -> Iterator[None]:
        # The planner expects a common word to match much of the table and would scan it,
        # reading every article's tsvector back; the GIN index never reads them.
        session.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
        try:
            yield
        finally:
            session.execute(text("SELECT set_config('enable_seqscan', 'on', true)"))

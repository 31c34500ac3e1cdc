"""SQLite: FTS5 tables (porter + unicode61 tokenizer) ranked by bm25.

`page_search` holds a page's title and article, `page_notes_search` (same rowid) what
its highlights and tags add: their quotes, notes and tag names. Keeping the two apart
makes a highlight's change rewrite only the small notes row; an FTS5 row is replaced
whole, and the article row of a long page costs seconds to tokenize again.
`highlight_search` holds one row per highlight. The `owner` (and, for highlights,
`page`) columns hold one token each (`u12`, `p34`), so the user's rows are picked
inside the FTS index rather than after it.

A page matches when each group of the query (all must match) is found in its article
row or in its notes row, and no excluded word is found in either: the two rows answer
as the one document they used to be.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..search_query import SearchQuery, to_fts5
from .backend import Hits, SearchBackend, one_or_many
from .documents import HighlightDocument, PageDocument

# bm25 column weights: owner/page (filters only), then the searchable columns.
PAGE_WEIGHTS = "0.0, 10.0, 1.0"  # owner, title, body
PAGE_NOTES_WEIGHTS = "0.0, 4.0, 6.0"  # owner, notes, tags
HIGHLIGHT_WEIGHTS = "0.0, 0.0, 1.0, 2.0, 3.0"  # owner, page, quote, note, tags
PAGE_COLUMNS = "{title body}"
PAGE_NOTES_COLUMNS = "{notes tags}"
HIGHLIGHT_COLUMNS = "{quote note tags}"

_PAGE_INSERT = text("INSERT INTO page_search (rowid, owner, title, body) VALUES (:page_id, :owner, :title, :body)")
_NOTES_INSERT = text("INSERT INTO page_notes_search (rowid, owner, notes, tags) "
                     "VALUES (:page_id, :owner, :notes, :tags)")
_HIGHLIGHT_INSERT = text(
    "INSERT INTO highlight_search (rowid, owner, page, quote, note, tags) "
    "VALUES (:highlight_id, :owner, :page, :quote, :note, :tags)")
_NOTES_DELETE = text("DELETE FROM page_notes_search WHERE rowid = :id")


def owner_token(user_id: int) -> str:
    """The FTS5 token naming a user's rows."""
    return f"u{user_id}"


def _page_row(d: PageDocument) -> dict[str, Any]:
    return {"page_id": d.page_id, "owner": owner_token(d.user_id), "title": d.title, "body": d.body}


def _notes_row(d: PageDocument) -> dict[str, Any]:
    return {"page_id": d.page_id, "owner": owner_token(d.user_id), "notes": d.notes, "tags": d.tags}


def _highlight_row(d: HighlightDocument) -> dict[str, Any]:
    return {"highlight_id": d.highlight_id, "owner": owner_token(d.user_id), "page": f"p{d.page_id}",
            "quote": d.quote, "note": d.note, "tags": d.tags}


def _matching(table: str, columns: str, owner: str, expression: str) -> str:
    return (f"SELECT rowid FROM {table} WHERE {table} MATCH "
            f"'owner : \"{owner}\" AND {columns} : ' || :{expression}")


class Fts5Backend(SearchBackend):
    def add(self, connection: Session | Connection, pages: Sequence[PageDocument],
            highlights: Sequence[HighlightDocument]) -> None:
        if pages:
            connection.execute(_PAGE_INSERT, one_or_many([_page_row(d) for d in pages]))
            with_notes = [_notes_row(d) for d in pages if d.notes or d.tags]
            if with_notes:
                connection.execute(_NOTES_INSERT, one_or_many(with_notes))
        if highlights:
            connection.execute(_HIGHLIGHT_INSERT, one_or_many([_highlight_row(d) for d in highlights]))

    def remove_page(self, session: Session, page_id: int) -> None:
        session.execute(text("DELETE FROM page_search WHERE rowid = :id"), {"id": page_id})
        session.execute(_NOTES_DELETE, {"id": page_id})
        # The page token finds the page's highlight rows through the index, not a table scan.
        session.execute(text(
            "DELETE FROM highlight_search WHERE rowid IN "
            "(SELECT rowid FROM highlight_search WHERE highlight_search MATCH :match)"),
            {"match": f'page : "p{page_id}"'})

    def clear_new_page(self, session: Session, page_id: int) -> None:
        # FTS5 rows have no foreign key: a deleted user's pages may have left rows under a
        # reused id.
        self.remove_page(session, page_id)

    def remove_highlight(self, session: Session, highlight_id: int) -> None:
        session.execute(text("DELETE FROM highlight_search WHERE rowid = :id"), {"id": highlight_id})

    def set_page_notes(self, session: Session, document: PageDocument) -> None:
        session.execute(_NOTES_DELETE, {"id": document.page_id})
        if document.notes or document.tags:
            session.execute(_NOTES_INSERT, _notes_row(document))

    def page_hits(self, session: Session, user_id: int, query: SearchQuery) -> Hits | None:
        owner = owner_token(user_id)
        params = {"any": to_fts5(SearchQuery((tuple(query.clauses),)))}
        # Candidates: pages whose article or notes row holds any word of the query, scored
        # by both rows' bm25 together.
        sql = (f"SELECT id, SUM(score) AS score FROM ("
               f"SELECT rowid AS id, -bm25(page_search, {PAGE_WEIGHTS}) AS score FROM page_search "
               f"WHERE page_search MATCH 'owner : \"{owner}\" AND {PAGE_COLUMNS} : ' || :any "
               f"UNION ALL "
               f"SELECT rowid AS id, -bm25(page_notes_search, {PAGE_NOTES_WEIGHTS}) AS score "
               f"FROM page_notes_search "
               f"WHERE page_notes_search MATCH 'owner : \"{owner}\" AND {PAGE_NOTES_COLUMNS} : ' || :any"
               f") GROUP BY id")
        checks = []
        if len(query.groups) > 1:  # one group: every candidate matches it
            for n, group in enumerate(query.groups):
                params[f"g{n}"] = to_fts5(SearchQuery((group,)))
                checks.append(f"id IN ({self._either_row(owner, f'g{n}')})")
        if query.excluded:
            params["excluded"] = to_fts5(SearchQuery((query.excluded,)))
            checks.append(f"id NOT IN ({self._either_row(owner, 'excluded')})")
        if checks:
            sql += " HAVING " + " AND ".join(checks)
        return Hits(text(sql), params)

    @staticmethod
    def _either_row(owner: str, expression: str) -> str:
        return (_matching("page_search", PAGE_COLUMNS, owner, expression) + " UNION "
                + _matching("page_notes_search", PAGE_NOTES_COLUMNS, owner, expression))

    def highlight_hits(self, session: Session, user_id: int, query: SearchQuery) -> Hits | None:
        sql = text(f"SELECT rowid AS id, -bm25(highlight_search, {HIGHLIGHT_WEIGHTS}) AS score "
                   f"FROM highlight_search WHERE highlight_search MATCH :match")
        match = f'owner : "{owner_token(user_id)}" AND {HIGHLIGHT_COLUMNS} : {to_fts5(query)}'
        return Hits(sql, {"match": match})

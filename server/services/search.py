"""Full-text search over a user's pages (title, article text, highlight quotes
and notes, tags) and highlights (quote, note, tags): one interface, two backends.

SQLite: FTS5 tables `page_search` and `highlight_search` (porter + unicode61
tokenizer), ranked by bm25 with the title weighted highest. The `owner` (and,
for highlights, `page`) columns hold one token each (`u12`, `p34`), so the
user's rows are picked inside the FTS index rather than after it.

PostgreSQL: tables of the same names holding tsvectors, stemmed with the
text-search configuration of the page's language (`simple` when unknown),
with a GIN index. `document` (everything, plus an owner lexeme no query word
can produce) decides what matches; `head` (title, tags, notes, the article's
opening) ranks. Ranking on the short `head` keeps a common word's search
fast: ts_rank over every matching full article would read each one back.

The index is written inside the caller's transaction, so it changes exactly
when the data does. Results come in pages by a keyset cursor on (score, id).
"""
from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import REAL, Float, Integer, and_, cast, exists, literal, or_, select, text
from sqlalchemy.orm import Session, defer, load_only, selectinload
from sqlalchemy.sql.elements import TextClause

from ..db import rowcount
from ..errors import BadRequest
from ..models import Highlight, Page, Tag, User, highlight_tags, page_tags
from . import tags as tag_service
from .pagination import clamp_limit
from .search_query import SearchQuery, parse, to_fts5, to_tsquery_text
from .snippets import make_snippet, plain_snippet

# ISO 639-1 code -> PostgreSQL text-search configuration (all present since PostgreSQL 12).
PG_CONFIGS = {
    "ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish",
    "fr": "french", "de": "german", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "nn": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish",
    "sv": "swedish", "ta": "tamil", "tr": "turkish",
}
# tsvector holds at most 1 MB; articles past this length are indexed up to here on PostgreSQL.
PG_MAX_BODY = 250_000
HEAD_LEAD_CHARS = 200
HEAD_NOTES_CHARS = 100
# bm25 column weights: owner/page (filters only), then the searchable columns.
FTS5_PAGE_WEIGHTS = "0.0, 10.0, 1.0, 4.0, 6.0"  # owner, title, body, notes, tags
FTS5_HIGHLIGHT_WEIGHTS = "0.0, 0.0, 1.0, 2.0, 3.0"  # owner, page, quote, note, tags
PAGE_COLUMNS = "{title body notes tags}"
HIGHLIGHT_COLUMNS = "{quote note tags}"


def pg_config(language: str | None) -> str:
    code = (language or "").split("-")[0].split("_")[0].lower()
    return PG_CONFIGS.get(code, "simple")


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


# ---- what is indexed ----------------------------------------------------------------

@dataclass(frozen=True)
class PageDocument:
    page_id: int
    user_id: int
    language: str | None
    title: str
    body: str
    notes: str  # highlight quotes and notes
    tags: str  # the page's tags and its highlights' tags


@dataclass(frozen=True)
class HighlightDocument:
    highlight_id: int
    page_id: int
    user_id: int
    language: str | None
    quote: str
    note: str
    tags: str


def _tag_names(session: Session, link_table, key_column, ids: Sequence[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if not ids:
        return names
    rows = session.execute(select(key_column, Tag.name).join(Tag, Tag.id == link_table.c.tag_id)
                           .where(key_column.in_(ids)).order_by(Tag.key))
    for owner_id, name in rows:
        names.setdefault(owner_id, []).append(name)
    return names


def documents_for_page(session: Session, page: Page, with_highlights: bool = True
                       ) -> tuple[PageDocument, list[HighlightDocument]]:
    """The index entries of a page and its highlights, read from the database
    (not from possibly stale relationship collections); the page's alone when
    `with_highlights` is false."""
    rows = session.execute(select(Highlight.id, Highlight.quote, Highlight.note)
                           .where(Highlight.page_id == page.id).order_by(Highlight.id)).all()
    hl_tags = _tag_names(session, highlight_tags, highlight_tags.c.highlight_id, [r.id for r in rows])
    page_tag_names = _tag_names(session, page_tags, page_tags.c.page_id, [page.id]).get(page.id, [])
    all_tags = list(dict.fromkeys(page_tag_names + [n for r in rows for n in hl_tags.get(r.id, [])]))
    doc = PageDocument(
        page_id=page.id, user_id=page.user_id, language=page.language, title=page.title or "",
        body=page.text or "", notes="\n".join(f"{r.quote}\n{r.note}" for r in rows),
        tags=" ".join(all_tags))
    if not with_highlights:
        return doc, []
    highlights = [HighlightDocument(r.id, page.id, page.user_id, page.language, r.quote, r.note or "",
                                    " ".join(hl_tags.get(r.id, []))) for r in rows]
    return doc, highlights


# ---- writing the index --------------------------------------------------------------

_FTS5_PAGE_INSERT = text(
    "INSERT INTO page_search (rowid, owner, title, body, notes, tags) "
    "VALUES (:page_id, :owner, :title, :body, :notes, :tags)")
_FTS5_HIGHLIGHT_INSERT = text(
    "INSERT INTO highlight_search (rowid, owner, page, quote, note, tags) "
    "VALUES (:highlight_id, :owner, :page, :quote, :note, :tags)")

_CFG = "CAST(CAST(:config AS text) AS regconfig)"
_PG_PAGE_UPSERT = text(f"""
    INSERT INTO page_search (page_id, user_id, config, document, head)
    VALUES (:page_id, :user_id, CAST(:config AS text),
        setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
        || setweight(to_tsvector({_CFG}, :notes), 'B') || to_tsvector({_CFG}, :body)
        || CAST(:owner AS tsvector),
        setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
        || setweight(to_tsvector({_CFG}, :notes_head), 'B') || setweight(to_tsvector({_CFG}, :lead), 'C'))
    ON CONFLICT (page_id) DO UPDATE SET user_id = EXCLUDED.user_id, config = EXCLUDED.config,
        document = EXCLUDED.document, head = EXCLUDED.head""")
_PG_HIGHLIGHT_INSERT = text(f"""
    INSERT INTO highlight_search (highlight_id, page_id, user_id, config, document)
    VALUES (:highlight_id, :page_id, :user_id, CAST(:config AS text),
        setweight(to_tsvector({_CFG}, :note), 'A') || setweight(to_tsvector({_CFG}, :tags), 'A')
        || setweight(to_tsvector({_CFG}, :quote), 'B') || CAST(:owner AS tsvector))""")


def owner_token(user_id: int) -> str:
    """The FTS5 token naming a user's rows."""
    return f"u{user_id}"


def pg_owner_lexeme(user_id: int) -> str:
    # '~' never starts a lexeme the parser makes from user words, so no query reaches it.
    return f"'~u{user_id}'"


def page_rows(docs: Iterable[PageDocument], sqlite: bool) -> list[dict]:
    if sqlite:
        return [{"page_id": d.page_id, "owner": owner_token(d.user_id), "title": d.title,
                 "body": d.body, "notes": d.notes, "tags": d.tags} for d in docs]
    return [{"page_id": d.page_id, "user_id": d.user_id, "config": pg_config(d.language),
             "title": d.title, "tags": d.tags, "notes": d.notes, "body": d.body[:PG_MAX_BODY],
             "owner": pg_owner_lexeme(d.user_id), "notes_head": d.notes[:HEAD_NOTES_CHARS],
             "lead": d.body[:HEAD_LEAD_CHARS]} for d in docs]


def highlight_rows(docs: Iterable[HighlightDocument], sqlite: bool) -> list[dict]:
    if sqlite:
        return [{"highlight_id": d.highlight_id, "owner": owner_token(d.user_id), "page": f"p{d.page_id}",
                 "quote": d.quote, "note": d.note, "tags": d.tags} for d in docs]
    return [{"highlight_id": d.highlight_id, "page_id": d.page_id, "user_id": d.user_id,
             "config": pg_config(d.language), "quote": d.quote, "note": d.note, "tags": d.tags,
             "owner": pg_owner_lexeme(d.user_id)} for d in docs]


def insert_documents(connection, pages: Sequence[PageDocument], highlights: Sequence[HighlightDocument]) -> None:
    """Adds index entries (for pages and highlights not indexed yet, or just removed).
    Used by index_page, index_new_page and bulk loads; `connection` is a Session or Connection."""
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection
    sqlite = bind.dialect.name == "sqlite"
    if pages:
        connection.execute(_FTS5_PAGE_INSERT if sqlite else _PG_PAGE_UPSERT, _one_or_many(page_rows(pages, sqlite)))
    if highlights:
        connection.execute(_FTS5_HIGHLIGHT_INSERT if sqlite else _PG_HIGHLIGHT_INSERT,
                           _one_or_many(highlight_rows(highlights, sqlite)))


def _one_or_many(rows: list[dict]) -> dict | list[dict]:
    # A list always runs as executemany, which costs a single row more than a plain execute.
    return rows[0] if len(rows) == 1 else rows


def _remove(session: Session, page_id: int) -> None:
    if _is_sqlite(session):
        session.execute(text("DELETE FROM page_search WHERE rowid = :id"), {"id": page_id})
        # The page token finds the page's highlight rows through the index, not a table scan.
        session.execute(text(
            "DELETE FROM highlight_search WHERE rowid IN "
            "(SELECT rowid FROM highlight_search WHERE highlight_search MATCH :match)"),
            {"match": f'page : "p{page_id}"'})
    else:
        session.execute(text("DELETE FROM highlight_search WHERE page_id = :id"), {"id": page_id})
        session.execute(text("DELETE FROM page_search WHERE page_id = :id"), {"id": page_id})


def index_page(session: Session, page: Page) -> None:
    """(Re)indexes the page with its highlights and tags inside the caller's transaction."""
    session.flush()
    page_doc, highlight_docs = documents_for_page(session, page)
    _remove(session, page.id)
    insert_documents(session, [page_doc], highlight_docs)


def index_new_page(session: Session, page: Page) -> None:
    """Indexes a page this transaction has just inserted: it has no tags or highlights
    yet, so its entry is built from the page itself without reading anything back."""
    session.flush()
    doc = PageDocument(page_id=page.id, user_id=page.user_id, language=page.language,
                       title=page.title or "", body=page.text or "", notes="", tags="")
    if _is_sqlite(session):
        # FTS5 rows have no foreign key: a deleted user's pages may have left a row under a
        # reused id. On PostgreSQL they went with the page (ON DELETE CASCADE).
        _remove(session, page.id)
    insert_documents(session, [doc], [])


# Only a page's highlight quotes, notes and tags change with its highlights: its title and
# article text (weights A and D) are kept from the stored vector, not parsed again.
_PG_PAGE_NOTES_UPDATE = text(f"""
    UPDATE page_search SET
        document = ts_filter(document, '{{a,d}}') || setweight(to_tsvector({_CFG}, :tags), 'B')
            || setweight(to_tsvector({_CFG}, :notes), 'B') || CAST(:owner AS tsvector),
        head = setweight(to_tsvector({_CFG}, :title), 'A') || setweight(to_tsvector({_CFG}, :tags), 'B')
            || setweight(to_tsvector({_CFG}, :notes_head), 'B') || setweight(to_tsvector({_CFG}, :lead), 'C')
    WHERE page_id = :page_id""")


def _highlight_document(session: Session, page: Page, highlight_id: int) -> HighlightDocument | None:
    row = session.execute(select(Highlight.id, Highlight.quote, Highlight.note)
                          .where(Highlight.id == highlight_id)).first()
    if row is None:
        return None
    tags = _tag_names(session, highlight_tags, highlight_tags.c.highlight_id, [row.id]).get(row.id, [])
    return HighlightDocument(row.id, page.id, page.user_id, page.language, row.quote, row.note or "",
                             " ".join(tags))


def _remove_highlight_row(session: Session, highlight_id: int) -> None:
    if _is_sqlite(session):
        session.execute(text("DELETE FROM highlight_search WHERE rowid = :id"), {"id": highlight_id})
    else:
        session.execute(text("DELETE FROM highlight_search WHERE highlight_id = :id"), {"id": highlight_id})


def _refresh_page_notes(session: Session, page: Page) -> None:
    """The page's entry after one of its highlights changed: its notes and tags again."""
    page_doc, _ = documents_for_page(session, page, with_highlights=False)
    if _is_sqlite(session):
        # An FTS5 row is replaced whole; the page's other highlight rows stay as they are.
        session.execute(text("DELETE FROM page_search WHERE rowid = :id"), {"id": page.id})
        insert_documents(session, [page_doc], [])
        return
    row = page_rows([page_doc], sqlite=False)[0]
    if rowcount(session.execute(_PG_PAGE_NOTES_UPDATE, row)) == 0:
        insert_documents(session, [page_doc], [])


def index_highlight(session: Session, page: Page, highlight_id: int) -> None:
    """Indexes one new or edited highlight, and its page's notes and tags, inside the
    caller's transaction; the page's other highlights and its article are not read again."""
    session.flush()
    _remove_highlight_row(session, highlight_id)
    doc = _highlight_document(session, page, highlight_id)
    if doc is not None:
        insert_documents(session, [], [doc])
    _refresh_page_notes(session, page)


def remove_highlight(session: Session, page: Page, highlight_id: int) -> None:
    """Drops one deleted highlight from the index and from its page's notes."""
    session.flush()
    _remove_highlight_row(session, highlight_id)
    _refresh_page_notes(session, page)


def remove_page(session: Session, page: Page) -> None:
    """Drops the page from the index inside the caller's transaction."""
    _remove(session, page.id)


def pages_with_tag(session: Session, tag_id: int) -> list[int]:
    """Ids of the pages whose index holds this tag (on the page or one of its highlights)."""
    direct = select(page_tags.c.page_id).where(page_tags.c.tag_id == tag_id)
    via = (select(Highlight.page_id).join(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
           .where(highlight_tags.c.tag_id == tag_id))
    return sorted(set(session.scalars(direct)) | set(session.scalars(via)))


def reindex_pages(session: Session, page_ids: Iterable[int]) -> None:
    """Indexes these pages again (after a tag they carry was renamed, merged or deleted)."""
    session.flush()
    for page_id in page_ids:
        page = session.get(Page, page_id)
        if page is not None:
            index_page(session, page)


def reindex_all(session: Session) -> int:
    """Rebuilds the whole index (the migration that adds it; repairs). Returns the page count.

    Only the columns the index reads are loaded: the migration that adds the index runs
    before later migrations add the model's newer columns."""
    count = 0
    last = 0
    columns = load_only(Page.id, Page.user_id, Page.title, Page.text, Page.language)
    while True:
        batch = list(session.scalars(select(Page).where(Page.id > last).order_by(Page.id).limit(200)
                                     .options(columns)))
        if not batch:
            return count
        for page in batch:
            index_page(session, page)
        count += len(batch)
        last = batch[-1].id


# ---- cursors ------------------------------------------------------------------------

def encode_cursor(score: float, row_id: int) -> str:
    raw = json.dumps(["s", score, row_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[float, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        kind, score, row_id = json.loads(raw)
        if kind != "s" or not isinstance(score, (int, float)) or isinstance(score, bool) \
                or not isinstance(row_id, int) or isinstance(row_id, bool):
            raise ValueError
        return float(score), row_id
    except (ValueError, TypeError, json.JSONDecodeError):
        raise BadRequest("cursor is not one this server gave out.") from None


# ---- matching -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Hits:
    """A subquery of (id, score) for one user's matching rows (higher score first)."""

    sql: TextClause
    params: dict


def _pg_tsquery(session: Session, user: User, query: SearchQuery) -> str | None:
    """The tsquery (as text) matching the query in every language the user's pages use."""
    row = session.execute(text("""
        WITH RECURSIVE configs(config) AS (
            (SELECT config FROM page_search WHERE user_id = :uid ORDER BY config LIMIT 1)
            UNION ALL
            SELECT (SELECT s.config FROM page_search s WHERE s.user_id = :uid AND s.config > c.config
                    ORDER BY s.config LIMIT 1)
            FROM configs c WHERE c.config IS NOT NULL)
        SELECT string_agg('(' || CAST(tq AS text) || ')', ' | ')
        FROM (SELECT to_tsquery(CAST(config AS regconfig), :q) AS tq FROM configs
              WHERE config IS NOT NULL) x
        WHERE numnode(tq) > 0"""), {"uid": user.id, "q": to_tsquery_text(query)}).scalar()
    return row or None


@dataclass(frozen=True)
class _Index:
    """One search table: its id column on PostgreSQL, its FTS5 weights and searched columns,
    and the tsvector it ranks by."""
    table: str
    id_column: str
    fts5_weights: str
    fts5_columns: str
    rank_vector: str


_PAGE_INDEX = _Index("page_search", "page_id", FTS5_PAGE_WEIGHTS, PAGE_COLUMNS, "head")
_HIGHLIGHT_INDEX = _Index("highlight_search", "highlight_id", FTS5_HIGHLIGHT_WEIGHTS, HIGHLIGHT_COLUMNS, "document")


def _hits(session: Session, user: User, query: SearchQuery, index: _Index) -> _Hits | None:
    if _is_sqlite(session):
        sql = text(f"SELECT rowid AS id, -bm25({index.table}, {index.fts5_weights}) AS score "
                   f"FROM {index.table} WHERE {index.table} MATCH :match")
        match = f'owner : "{owner_token(user.id)}" AND {index.fts5_columns} : {to_fts5(query)}'
        return _Hits(sql, {"match": match})
    tsq = _pg_tsquery(session, user, query)
    if tsq is None:
        return None
    # The owner lexeme alone picks the user's rows: a user_id condition could lure the
    # planner onto the user index and a recheck of every one of the user's rows.
    sql = text(f"SELECT {index.id_column} AS id, ts_rank({index.rank_vector}, CAST(:tsq AS tsquery)) AS score "
               f"FROM {index.table} WHERE document @@ (CAST(:tsq AS tsquery) && CAST(:owner AS tsquery))")
    return _Hits(sql, {"tsq": tsq, "owner": pg_owner_lexeme(user.id)})


def _ranked_ids(session: Session, hits: _Hits, model, conditions: list, limit: int,
                cursor: str | None) -> tuple[list[tuple[int, float]], str | None]:
    sub = hits.sql.columns(id=Integer, score=Float).subquery("hits")
    stmt = select(sub.c.id, sub.c.score)
    if len(conditions) > 1:  # filters need the row; the owner token alone picks the user's rows
        stmt = stmt.join(model, model.id == sub.c.id).where(*conditions)
    if cursor:
        score, last_id = decode_cursor(cursor)
        # PostgreSQL ranks are float4: compare as float4, or the last row would come again.
        last = cast(literal(score, Float), REAL)
        stmt = stmt.where(or_(sub.c.score < last, and_(sub.c.score == last, sub.c.id < last_id)))
    stmt = stmt.order_by(sub.c.score.desc(), sub.c.id.desc()).limit(limit + 1)
    sqlite = _is_sqlite(session)
    if not sqlite:
        # The planner expects a common word to match much of the table and would scan it,
        # reading every article's tsvector back; the GIN index never reads them.
        session.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
    try:
        rows = [(r.id, r.score) for r in session.execute(stmt, hits.params)]
    finally:
        if not sqlite:
            session.execute(text("SELECT set_config('enable_seqscan', 'on', true)"))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1][1], rows[-1][0])
    return rows, next_cursor


def _in_order(objects: Iterable, ids: list[int]) -> list:
    by_id = {o.id: o for o in objects}
    return [by_id[i] for i in ids if i in by_id]


# ---- searching ----------------------------------------------------------------------

def search_pages(session: Session, user: User, *, q: str, tag: str | None = None,
                 has_highlights: bool | None = None, read: bool | None = None, starred: bool | None = None,
                 saved_after: datetime | None = None, saved_before: datetime | None = None,
                 limit: int | None = 50, cursor: str | None = None) -> tuple[list[Page], str | None]:
    """The user's pages matching `q`, best first; each with `snippet` and `snippet_matches`."""
    limit = clamp_limit(limit)
    if cursor:
        decode_cursor(cursor)  # a bad cursor is a 400 even when nothing matches
    query = parse(q)
    if query.empty:
        return [], None
    conditions = [Page.user_id == user.id]
    if tag:
        found = tag_service.find_tag(session, user, tag)
        if found is None:
            return [], None
        conditions.append(exists().where(page_tags.c.page_id == Page.id, page_tags.c.tag_id == found.id))
    if has_highlights is not None:
        conditions.append(Page.highlight_count > 0 if has_highlights else Page.highlight_count == 0)
    if read is not None:
        conditions.append(Page.read_at.is_not(None) if read else Page.read_at.is_(None))
    if starred is not None:
        conditions.append(Page.starred_at.is_not(None) if starred else Page.starred_at.is_(None))
    if saved_after is not None:
        conditions.append(Page.saved_at >= saved_after)
    if saved_before is not None:
        conditions.append(Page.saved_at < saved_before)
    hits = _hits(session, user, query, _PAGE_INDEX)
    if hits is None:
        return [], None
    ranked, next_cursor = _ranked_ids(session, hits, Page, conditions, limit, cursor)
    ids = [i for i, _s in ranked]
    # The user check also drops rows a deleted user left in SQLite's index (FTS5 tables
    # have no cascading foreign keys).
    pages = _in_order(session.scalars(
        select(Page).where(Page.id.in_(ids), Page.user_id == user.id)
        .options(defer(Page.html), selectinload(Page.tags))), ids)
    for page in pages:
        page.snippet, page.snippet_matches = _page_snippet(session, page, query)
    return pages, next_cursor


def _page_snippet(session: Session, page: Page, query: SearchQuery) -> tuple[str, list[list[int]]]:
    """From the article text; else from a highlight's quote or note; else the title."""
    found = make_snippet(page.text, query)
    if found:
        return found
    for quote, note in session.execute(select(Highlight.quote, Highlight.note)
                                       .where(Highlight.page_id == page.id).order_by(Highlight.id)):
        found = make_snippet(note or "", query) or make_snippet(quote, query)
        if found:
            return found
    found = make_snippet(page.title or "", query)
    if found:
        return found
    return plain_snippet(page.excerpt or page.text or page.title or "")


def search_highlights(session: Session, user: User, *, q: str, tag: str | None = None,
                      page_id: int | None = None, status: str | None = None,
                      color: str | None = None, limit: int | None = 50,
                      cursor: str | None = None) -> tuple[list[Highlight], str | None]:
    """The user's highlights whose quote, note or tags match `q`, best first."""
    limit = clamp_limit(limit)
    if cursor:
        decode_cursor(cursor)
    conditions = [Highlight.user_id == user.id]
    if page_id is not None:
        from .pages import get_page  # a page that is not the user's is a 404, as without q

        get_page(session, user, page_id)
        conditions.append(Highlight.page_id == page_id)
    query = parse(q)
    if query.empty:
        return [], None
    if tag:
        found = tag_service.find_tag(session, user, tag)
        if found is None:
            return [], None
        conditions.append(exists().where(highlight_tags.c.highlight_id == Highlight.id,
                                         highlight_tags.c.tag_id == found.id))
    if status:
        conditions.append(Highlight.status == status)
    if color:
        conditions.append(Highlight.color == color)
    hits = _hits(session, user, query, _HIGHLIGHT_INDEX)
    if hits is None:
        return [], None
    ranked, next_cursor = _ranked_ids(session, hits, Highlight, conditions, limit, cursor)
    ids = [i for i, _s in ranked]
    rows = session.scalars(select(Highlight).where(Highlight.id.in_(ids), Highlight.user_id == user.id)
                           .options(selectinload(Highlight.tags)))
    return _in_order(rows, ids), next_cursor

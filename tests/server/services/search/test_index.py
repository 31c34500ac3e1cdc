"""The index kept in step with writes. Creating, editing or deleting one highlight
indexes that highlight and its page's notes, not the whole page again: the page's other
highlight rows are left alone, its article is not parsed again on PostgreSQL, and on
SQLite its article's FTS5 row is not rewritten at all."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event, text

from server.services import highlight_list, page_list, search
from server.services import highlights as highlight_service
from server.services import pages as page_service
from server.services import tags as tag_service
from tests.server.services.search.support import FILLER, add_page, found

BODY_WORDS = " ".join(f"word{i}" for i in range(3000))
ARTICLE = ("<html><head><title>Rivers</title></head><body><article><h1>Rivers</h1>"
           + "".join(f"<p>Paragraph {i} tells of rivers, boats and weather on the {i}th day of the "
                     f"long summer that nobody expected. {BODY_WORDS if i == 5 else ''}</p>" for i in range(12))
           + "</article></body></html>")


@pytest.fixture()
def statements(database):
    seen = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", capture)
    yield seen
    event.remove(database.engine, "before_cursor_execute", capture)


def search_ids(session, user, q):
    return [item.page.id for item in page_list.find_pages(session, user, q=q)[0]]


def test_one_new_highlight_leaves_the_others_and_the_article_alone(alice, session, statements):
    page_id = alice.save("https://example.org/rivers", ARTICLE).json["id"]
    for quote, note in (("rivers, boats", "heron"), ("long summer", "kingfisher")):
        assert alice.post(f"/api/v1/pages/{page_id}/highlights",
                          json={"quote": quote, "note": note}).status_code == 201
    statements.clear()
    created = highlight_service.create_highlight(session, alice.user, page_id, quote="nobody expected",
                                                 note="otter")
    session.commit()
    writes = [(sql, params) for sql, params in statements if "highlight_search" in sql
              and sql.lstrip().upper().startswith(("INSERT", "DELETE", "UPDATE"))]
    # One highlight row removed (if any) and written: by its own id, never by page.
    assert len(writes) == 2, writes
    for sql, params in writes:
        rows = params if isinstance(params, (list, tuple)) and params and isinstance(params[0], dict) else [params]
        assert len(rows) == 1
        assert "MATCH" not in sql.upper() and "page_id =" not in sql
    if database_kind(session) == "postgresql":
        assert not any(isinstance(p, dict) and any(isinstance(v, str) and "word2999" in v for v in p.values())
                       for _, p in statements), "the article text was sent to be parsed again"
    # Everything is still found, the new note included.
    for q in ("otter", "heron", "kingfisher", "word2999", '"long summer"', "Rivers"):
        assert search_ids(session, alice.user, q) == [page_id], q
    found = highlight_list.find_highlights(session, alice.user, q="otter")[0]
    assert [h.id for h in found] == [created.id]


def test_edit_and_delete_keep_the_page_entry_in_step(alice, session):
    page_id = alice.save("https://example.org/rivers", ARTICLE).json["id"]
    hid = alice.post(f"/api/v1/pages/{page_id}/highlights", json={"quote": "rivers, boats", "note": "heron"}).json["id"]
    assert alice.patch(f"/api/v1/highlights/{hid}", json={"note": "egret", "tags": ["birds"]}).status_code == 200
    assert search_ids(session, alice.user, "heron") == []
    assert search_ids(session, alice.user, "egret") == [page_id]
    assert search_ids(session, alice.user, "birds") == [page_id]
    assert search_ids(session, alice.user, "word17") == [page_id]
    assert alice.delete(f"/api/v1/highlights/{hid}").status_code == 204
    assert search_ids(session, alice.user, "egret") == []
    assert highlight_list.find_highlights(session, alice.user, q="egret")[0] == []
    assert search_ids(session, alice.user, "word17") == [page_id]


def database_kind(session):
    return session.get_bind().dialect.name


def test_index_follows_highlight_tag_and_page_writes(session, alice):
    page = add_page(session, alice.user, "Budget", FILLER * 2)
    h = highlight_service.create_highlight(session, alice.user, page.id, quote="the coming season",
                                           tags=["finance"])
    highlight_service.update_highlight(session, alice.user, h.id, note="zeppelin")
    assert found(session, alice.user, "zeppelin") == ["Budget"]
    assert found(session, alice.user, "finance") == ["Budget"]
    hl, _ = highlight_list.find_highlights(session, alice.user, q="zeppelin")
    assert [x.id for x in hl] == [h.id]
    highlight_service.update_highlight(session, alice.user, h.id, note="blimp")
    assert found(session, alice.user, "zeppelin") == []
    assert highlight_list.find_highlights(session, alice.user, q="zeppelin")[0] == []
    highlight_service.delete_highlight(session, alice.user, h.id)
    assert found(session, alice.user, "blimp") == []
    page_service.set_page_tags(session, alice.user, page.id, ["astronomy"])
    assert found(session, alice.user, "astronomy") == ["Budget"]
    page_service.set_title(session, alice.user, page.id, "Ledger")
    assert found(session, alice.user, "ledger astronomy") == ["Ledger"]
    page_service.delete_page(session, alice.user, page.id)
    assert found(session, alice.user, "astronomy") == []


def test_tag_rename_reindexes_pages_that_carry_it(session, alice):
    page = add_page(session, alice.user, "Budget", FILLER, tags=["drafts"])
    marked = add_page(session, alice.user, "Marked", FILLER)
    highlight_service.create_highlight(session, alice.user, marked.id, quote="the venue", tags=["drafts"])
    tag = tag_service.find_tag(session, alice.user, "drafts")
    assert tag is not None and search.pages_with_tag(session, tag.id) == sorted([page.id, marked.id])
    tag_service.rename_tag(session, alice.user, "drafts", "published")
    assert sorted(found(session, alice.user, "published")) == ["Budget", "Marked"]
    assert found(session, alice.user, "drafts") == []
    tag_service.delete_tag(session, alice.user, "published")
    assert found(session, alice.user, "published") == []


def test_a_page_matches_across_its_article_and_its_notes(session, alice):
    """Words found some in the article, some in a note or tag, still find the page; an
    excluded word found in either leaves it out."""
    page = add_page(session, alice.user, "Budget", FILLER)
    add_page(session, alice.user, "Other", FILLER)
    highlight_service.create_highlight(session, alice.user, page.id, quote="the venue", note="zeppelin",
                                       tags=["finance"])
    assert found(session, alice.user, "catering zeppelin") == ["Budget"]
    assert found(session, alice.user, "committee finance") == ["Budget"]
    assert found(session, alice.user, '"the venue" zeppelin finance') == ["Budget"]
    assert found(session, alice.user, "zeppelin OR nothinghere") == ["Budget"]
    assert found(session, alice.user, "committee -zeppelin") == ["Other"]
    assert found(session, alice.user, "committee -finance") == ["Other"]
    assert found(session, alice.user, "zeppelin -catering") == []
    assert found(session, alice.user, "catering nothinghere") == []


def _fts5_rows(session, table):
    """The FTS5 table's stored segments and document sizes: any write to it changes them."""
    return (session.execute(text(f"SELECT id, block FROM {table}_data ORDER BY id")).all(),
            session.execute(text(f"SELECT id, sz FROM {table}_docsize ORDER BY id")).all())


def test_highlight_and_tag_changes_leave_the_article_row_alone(alice, session, database, statements):
    """The article is not indexed again: no statement carries its words. On SQLite, where a
    page's notes and tags have an FTS5 row of their own, no statement writes the article's
    row and its stored segments stay as they were; on PostgreSQL one UPDATE replaces the
    notes' lexemes in the page's tsvector and keeps the article's (`ts_filter`)."""
    sqlite = database.kind == "sqlite"
    page_id = alice.save("https://example.org/rivers", ARTICLE).json["id"]
    before = _fts5_rows(session, "page_search") if sqlite else None
    statements.clear()
    h = highlight_service.create_highlight(session, alice.user, page_id, quote="nobody expected", note="otter")
    highlight_service.update_highlight(session, alice.user, h.id, note="heron", tags=["birds"])
    page_service.set_page_tags(session, alice.user, page_id, ["water"])
    highlight_service.delete_highlight(session, alice.user, h.id)
    highlight_service.create_highlight(session, alice.user, page_id, quote="long summer", note="egret")
    session.flush()
    assert [sql for sql, params in statements if "word2999" in repr(params)] == []
    if sqlite:
        assert _fts5_rows(session, "page_search") == before
        article_writes = [sql for sql, _ in statements
                          if re.search(r"\b(INSERT INTO|DELETE FROM|UPDATE) page_search\b", sql)]
        assert article_writes == []
    for q in ("egret", "water", "word2999", "Rivers"):
        assert search_ids(session, alice.user, q) == [page_id], q
    for q in ("otter", "heron", "birds"):
        assert search_ids(session, alice.user, q) == [], q

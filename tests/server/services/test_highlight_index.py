"""Creating, editing or deleting one highlight indexes that highlight and its page's
notes, not the whole page again: the page's other highlight rows are left alone and,
on PostgreSQL, its article text is not parsed again."""
import pytest
from sqlalchemy import event

from server.services import highlights as highlight_service
from server.services import search

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
    return [p.id for p in search.search_pages(session, user, q=q)[0]]


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
    found = search.search_highlights(session, alice.user, q="otter")[0]
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
    assert search.search_highlights(session, alice.user, q="egret")[0] == []
    assert search_ids(session, alice.user, "word17") == [page_id]


def database_kind(session):
    return session.get_bind().dialect.name

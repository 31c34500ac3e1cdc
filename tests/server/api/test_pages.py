"""POST/GET/DELETE /api/v1/pages: saving, re-saving, listing, lookup, tags, errors."""
import gzip
import json
import threading

import pytest
from sqlalchemy import event, func, select

from server.models import Page, PageVersion
from server.services.compression import decompress_html
from tests.conftest import SEED_URL

ARTICLE = ("<html><head><title>A quiet article</title></head><body><article><h1>A quiet article</h1>"
           + "".join(f"<p>Paragraph {i} says something worth reading about rivers, boats and weather "
                     f"on the {i}th day of the long summer that nobody expected.</p>" for i in range(12))
           + "</article></body></html>")


def test_save_seed_answers_page_with_article(alice, seed_html):
    r = alice.save(SEED_URL, seed_html)
    assert r.status_code == 201, r.json
    page = r.json
    assert page["author"] == "Jennifer Aniston"
    assert page["published"].startswith("2025-06-03")
    assert page["state"] == "article" and page["notice"] is None
    assert page["highlights"] == [] and page["tags"] == []
    assert page["word_count"] > 300 and page["reading_minutes"] >= 1
    for field in ("id", "url", "title", "site_name", "language", "image", "excerpt", "text", "html",
                  "saved_at", "updated_at"):
        assert field in page


def test_a_new_page_is_answered_without_reading_it_back(alice, database):
    """The insert sets every column, so the answer after the commit asks the database nothing."""
    statements: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()).upper())

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        r = alice.save("https://example.org/new", ARTICLE)
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    assert r.status_code == 201 and r.json["starred"] is False and r.json["read"] is False
    inserted = next(i for i, sql in enumerate(statements) if sql.startswith("INSERT INTO PAGES "))
    assert not [sql for sql in statements[inserted:] if sql.startswith("SELECT") and "FROM PAGES" in sql]


def test_gzip_body_is_accepted(alice, seed_html):
    body = gzip.compress(json.dumps({"url": SEED_URL, "html": seed_html}).encode())
    r = alice.post("/api/v1/pages", data=body,
                   headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert r.status_code == 201
    assert r.json["author"] == "Jennifer Aniston"


def test_resave_updates_same_page_and_keeps_versions(alice, session):
    first = alice.save("https://example.org/a?utm_source=x#top", ARTICLE)
    assert first.status_code == 201
    again = alice.save("https://EXAMPLE.org:443/a", ARTICLE.replace("rivers", "lakes"))
    assert again.status_code == 200
    assert again.json["id"] == first.json["id"]
    assert "lakes" in again.json["text"]
    versions = session.scalars(select(PageVersion).where(PageVersion.page_id == first.json["id"])
                               .order_by(PageVersion.id)).all()
    assert len(versions) == 2
    assert "rivers" in versions[0].text and "lakes" in decompress_html(versions[1].source_html)


def test_resave_without_changes_keeps_updated_at_and_adds_a_version(alice, session):
    first = alice.save("https://example.org/same", ARTICLE)
    same = alice.save("https://example.org/same", ARTICLE)
    assert same.status_code == 200
    assert same.json["updated_at"] == first.json["updated_at"]
    changed = alice.save("https://example.org/same", ARTICLE.replace("rivers", "lakes"))
    assert changed.json["updated_at"] > first.json["updated_at"]
    assert "lakes" in changed.json["text"]
    versions = session.scalars(select(PageVersion).where(PageVersion.page_id == first.json["id"])).all()
    assert len(versions) == 3


def test_versions_stored_as_zlib_still_read_back():
    """Original HTML used to be kept as zlib; such versions re-extract as before."""
    import zlib

    from server.services.compression import compress_html

    html = "<p>Ünïcode \ud800 survives</p>" * 50
    assert decompress_html(zlib.compress(html.encode("utf-8", "surrogatepass"), 1)) == html
    assert decompress_html(compress_html(html)) == html
    assert len(compress_html(html)) < len(html) / 4


def test_a_page_is_encoded_once_for_extraction_and_storage():
    """The bytes extraction parses are the stored original's, but for a page with lone
    surrogates: extraction reads them as U+FFFD, the stored original keeps them."""
    from server.services.compression import compress_html, utf8_bytes

    html = "<p>Ünïcode survives</p>" * 50
    encoded = utf8_bytes(html)
    assert encoded == html.encode("utf-8")
    assert decompress_html(compress_html(html, encoded)) == html
    assert utf8_bytes(html + "\ud800") is None


def test_canonical_link_on_same_host_decides_identity(alice):
    html = ARTICLE.replace("<head>", '<head><link rel="canonical" href="https://www.example.org/story">')
    a = alice.save("https://example.org/story?ref=home", html)
    b = alice.save("https://example.org/story?ref=feed", html)
    assert a.status_code == 201 and b.status_code == 200 and a.json["id"] == b.json["id"]
    assert alice.get("/api/v1/pages/lookup?url=https://example.org/story?ref=home").json["id"] == a.json["id"]
    assert alice.get("/api/v1/pages/lookup?url=https://www.example.org/story").json["id"] == a.json["id"]


def test_canonical_link_on_other_host_is_ignored(alice):
    html = ARTICLE.replace("<head>", '<head><link rel="canonical" href="https://elsewhere.net/x">')
    a = alice.save("https://example.org/one", html)
    b = alice.save("https://example.org/two", html)
    assert a.json["id"] != b.json["id"]


def test_paywalled_resave_keeps_current_version_with_notice(alice):
    first = alice.save("https://example.org/pay", ARTICLE)
    short = ("<html><body><article><h1>A quiet article</h1><p>Subscribe to keep reading this story "
             "and many others like it every single day.</p></article></body></html>")
    r = alice.save("https://example.org/pay", short)
    assert r.status_code == 200
    assert r.json["text"] == first.json["text"]
    assert "earlier version was kept" in r.json["notice"]
    # a good save later clears the notice
    r = alice.save("https://example.org/pay", ARTICLE)
    assert r.json["notice"] is None


def test_list_is_newest_first_with_cursor(alice):
    ids = [alice.save(f"https://example.org/p{i}", ARTICLE).json["id"] for i in range(5)]
    r = alice.get("/api/v1/pages?limit=2")
    assert [p["id"] for p in r.json["items"]] == ids[::-1][:2]
    assert "text" not in r.json["items"][0] and "highlights" not in r.json["items"][0]
    assert r.json["items"][0]["highlight_count"] == 0
    seen = [p["id"] for p in r.json["items"]]
    cursor = r.json["next_cursor"]
    while cursor:
        r = alice.get(f"/api/v1/pages?limit=2&cursor={cursor}")
        seen += [p["id"] for p in r.json["items"]]
        cursor = r.json["next_cursor"]
    assert seen == ids[::-1]


@pytest.mark.parametrize("query", ["limit=abc", "limit=0", "cursor=garbage!", "cursor=WzEsMl0"])
def test_bad_limit_or_cursor_is_400(alice, query):
    r = alice.get(f"/api/v1/pages?{query}")
    assert r.status_code == 400 and r.json["error"]["code"] == "bad_request"


def test_limit_is_clamped(alice):
    alice.save("https://example.org/only", ARTICLE)
    assert alice.get("/api/v1/pages?limit=100000").status_code == 200


def test_tags_are_per_user_and_case_insensitive(alice, bob):
    pid = alice.save("https://example.org/t", ARTICLE).json["id"]
    r = alice.put(f"/api/v1/pages/{pid}/tags", json={"tags": ["Rivers", "rivers", " Boats  "]})
    assert r.status_code == 200 and r.json["tags"] == ["Boats", "Rivers"]
    assert [p["id"] for p in alice.get("/api/v1/pages?tag=RIVERS").json["items"]] == [pid]
    assert bob.get("/api/v1/pages?tag=rivers").json["items"] == []
    assert alice.put(f"/api/v1/pages/{pid}/tags", json={"tags": [""]}).status_code == 422


def test_mark_read_and_progress(alice):
    pid = alice.save("https://example.org/r", ARTICLE).json["id"]
    r = alice.patch(f"/api/v1/pages/{pid}", json={"progress": 0.4})
    assert r.json["progress"] == 0.4 and r.json["read"] is False
    assert alice.patch(f"/api/v1/pages/{pid}", json={"read": True}).json["read"] is True
    assert [p["id"] for p in alice.get("/api/v1/pages?read=true").json["items"]] == [pid]
    assert alice.patch(f"/api/v1/pages/{pid}", json={"progress": 3}).status_code == 422


def test_other_users_pages_are_404(alice, bob):
    pid = alice.save("https://example.org/mine", ARTICLE).json["id"]
    for call in (bob.get(f"/api/v1/pages/{pid}"), bob.delete(f"/api/v1/pages/{pid}"),
                 bob.put(f"/api/v1/pages/{pid}/tags", json={"tags": ["x"]}),
                 bob.get("/api/v1/pages/lookup?url=https://example.org/mine")):
        assert call.status_code == 404 and call.json["error"]["code"] == "not_found"
    assert bob.get("/api/v1/pages").json["items"] == []
    assert alice.get(f"/api/v1/pages/{pid}").status_code == 200


def test_delete(alice, session):
    pid = alice.save("https://example.org/d", ARTICLE).json["id"]
    assert alice.delete(f"/api/v1/pages/{pid}").status_code == 204
    assert alice.get(f"/api/v1/pages/{pid}").status_code == 404
    assert session.scalar(select(func.count(PageVersion.id)).where(PageVersion.page_id == pid)) == 0


def test_unknown_page_is_404(alice):
    assert alice.get("/api/v1/pages/999999").status_code == 404


# ---- bad input ------------------------------------------------------------------------

def test_missing_or_wrong_token_is_401(client, alice):
    r = client.get("/api/v1/pages")
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized"
    r = client.get("/api/v1/pages", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401


def test_non_json_body_is_400(alice):
    r = alice.post("/api/v1/pages", data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json["error"]["code"] == "bad_request"
    r = alice.post("/api/v1/pages", data=b"[1, 2]", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_wrong_content_type_is_415(alice):
    r = alice.post("/api/v1/pages", data=b"url=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415 and r.json["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "", "not a url", None, 5])
def test_bad_url_is_422(alice, url):
    r = alice.post("/api/v1/pages", json={"url": url, "html": ARTICLE})
    assert r.status_code == 422 and r.json["error"]["code"] == "validation_error"
    assert "url" in r.json["error"]["details"]


def test_missing_url_is_422(alice):
    r = alice.post("/api/v1/pages", json={"html": "<html><body><p>words</p></body></html>"})
    assert r.status_code == 422 and "url" in r.json["error"]["details"]


@pytest.mark.parametrize("html", ["<html><body><nav>Home</nav></body></html>", "\x01\x02\ufffd" * 5000, ""])
def test_no_article_is_422_and_nothing_stored(alice, session, html):
    r = alice.save("https://example.org/empty", html)
    assert r.status_code == 422 and r.json["error"]["code"] in ("no_article", "validation_error")
    if html:
        assert r.json["error"]["code"] == "no_article"
        assert "no article text" in r.json["error"]["message"].lower()
    assert session.scalar(select(func.count(Page.id))) == 0


def test_html_with_nul_is_refused_as_invalid_and_nothing_stored(alice, session):
    r = alice.save("https://example.org/binary", "\x00\x01\x02\ufffd" * 5000)
    assert r.status_code == 422 and r.json["error"]["code"] == "validation_error"
    assert session.scalar(select(func.count(Page.id))) == 0


def test_html_over_limit_is_413(alice, app):
    limit = app.config["MAX_PAGE_BYTES"]
    r = alice.save("https://example.org/big", "<p>" + "a" * (limit + 10) + "</p>")
    assert r.status_code == 413 and r.json["error"]["code"] == "too_large"


def test_gzip_bomb_is_413_without_inflating_it(alice):
    bomb = gzip.compress(json.dumps({"url": "https://example.org/bomb",
                                     "html": "<p>" + " " * (100 * 1024 * 1024) + "</p>"}).encode())
    r = alice.post("/api/v1/pages", data=bomb,
                   headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert r.status_code == 413


def test_broken_gzip_is_400(alice):
    r = alice.post("/api/v1/pages", data=b"\x1f\x8b not gzip at all",
                   headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert r.status_code == 400


def test_hostile_html_does_not_crash(alice):
    deep = ("<html><body><article>" + "<div>" * 5000 + "<p>" + "Deep text sentence. " * 200
            + "</p>" + "</div>" * 5000 + "</article></body></html>")
    assert alice.save("https://example.org/deep", deep).status_code in (201, 422)
    line = "<html><body><article><p>" + "word " * 400_000 + "</p></article></body></html>"
    assert alice.save("https://example.org/line", line).status_code in (201, 422)
    broken = "<html><body><article><p>Unclosed <b>bold <i>and <table><tr><td>cell" + "<p>text more text " * 300
    assert alice.save("https://example.org/broken", broken).status_code in (201, 422)
    assert alice.get("/api/v1/pages").status_code == 200


def test_meta_charset_page_keeps_accents(alice):
    latin = ('<html><head><meta charset="iso-8859-1"></head><body><article><h1>Caf\xe9</h1>'
             + "<p>Le caf\xe9 est tr\xe8s bon et la cr\xe8me br\xfbl\xe9e aussi, dit-il \xe0 nouveau. " * 30
             + "</p></article></body></html>")
    r = alice.save("https://example.org/latin", latin)
    assert r.status_code == 201 and "café" in r.json["text"].lower()


def test_reader_html_is_sanitized(alice, seed_html):
    evil = seed_html.replace(
        "<p>At Google", "<p><script>alert(1)</script><img src=x onerror=alert(2)>"
        '<a href="javascript:alert(3)">x</a><svg onload=alert(4)></svg>'
        '<iframe src="https://evil.example/"></iframe>At Google', 1)
    html = alice.save(SEED_URL, evil).json["html"].lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg"):
        assert bad not in html


def test_save_that_loses_the_insert_race_updates_the_winner(alice, monkeypatch):
    """The window between looking a URL up and inserting it: another save inserted it
    meanwhile. The insert gives way and the page it finds is updated, highlights and all."""
    from server.services import pages as page_service

    first = alice.save("https://example.org/window", ARTICLE)
    assert first.status_code == 201
    made = alice.post(f"/api/v1/pages/{first.json['id']}/highlights", json={"quote": "Paragraph 3 says"})
    assert made.status_code == 201
    real_find = page_service._find_for_save
    lookups = []

    def find_missing_once(*args):
        lookups.append(args)
        return None if len(lookups) == 1 else real_find(*args)

    monkeypatch.setattr(page_service, "_find_for_save", find_missing_once)
    again = alice.save("https://example.org/window", ARTICLE.replace("Paragraph 0 says", "Paragraph 0 now says"))
    assert again.status_code == 200, again.json
    assert len(lookups) == 2
    assert again.json["id"] == first.json["id"]
    assert "Paragraph 0 now says" in again.json["text"]
    assert [h["quote"] for h in again.json["highlights"]] == ["Paragraph 3 says"]
    listed = alice.get("/api/v1/pages").json["items"]
    assert [item["id"] for item in listed] == [first.json["id"]]


def test_concurrent_saves_of_one_url_make_one_page(app, database):
    """Saves racing on one canonical URL, each on its own connection: one page, one 201."""
    from sqlalchemy import delete
    from sqlalchemy.orm import Session

    from server.db import SessionFactory
    from server.models import User
    from server.services import auth as auth_service

    with Session(database.engine) as s:
        user = auth_service.create_user(s, "racer", "a long password")
        token = auth_service.create_token(s, user)
        s.commit()
        user_id = user.id
    SessionFactory.configure(bind=database.engine)
    statuses, barrier = [], threading.Barrier(4)

    def save():
        barrier.wait()
        r = app.test_client().post("/api/v1/pages", json={"url": "https://example.org/race", "html": ARTICLE},
                                   headers={"Authorization": f"Bearer {token}"})
        statuses.append(r.status_code)

    try:
        threads = [threading.Thread(target=save) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with Session(database.engine) as s:
            count = s.scalar(select(func.count(Page.id)).where(Page.user_id == user_id))
    finally:
        with Session(database.engine) as s:
            s.execute(delete(User).where(User.id == user_id))
            s.commit()
    assert sorted(statuses) == [200, 200, 200, 201]
    assert count == 1


def test_a_page_with_more_markup_than_the_budget_is_refused_before_extraction(alice, monkeypatch):
    from server import extraction

    app = alice.client.application
    monkeypatch.setitem(app.config, "MAX_PAGE_TAGS", 2000)
    extracted = []
    real = extraction.extract

    def extract(html: str, url: str, encoded: bytes | None = None) -> extraction.Article:
        extracted.append(url)
        return real(html, url, encoded)

    monkeypatch.setattr(extraction, "extract", extract)
    body = "<p>A sentence long enough to count as an article paragraph for the extractor.</p>"
    heavy = "<html><body><article>" + body * 1001 + "</article></body></html>"
    r = alice.save("https://example.org/heavy", heavy)
    assert r.status_code == 413 and r.json["error"]["code"] == "too_large"
    assert "more than 2000 tags" in r.json["error"]["message"]
    assert extracted == []
    light = "<html><body><article>" + body * 40 + "</article></body></html>"
    assert alice.save("https://example.org/light", light).status_code == 201
    assert extracted == ["https://example.org/light"]

"""Downloading books: the Gloss API, the web UI, and the OPDS catalog that e-readers
browse (HTTP Basic with a token or the password, or Bearer), each user seeing only their own."""
from __future__ import annotations

import base64
from urllib.parse import urlsplit

import pytest
from lxml import etree

from server.services.epub import MEDIA_TYPE
from tests.books.support import XHTML, article, chapters, open_book, text_of
from tests.conftest import PASSWORD
from tests.web.conftest import WebClient

ATOM = "{http://www.w3.org/2005/Atom}"
ACQUIRE = "http://opds-spec.org/acquisition"


def save(user, n, tags=(), read=False):
    r = user.save(f"https://example.com/{user.user.username}/{n}", article(f"Article {n}", n, []),
                  title=f"Article {n}")
    assert r.status_code == 201, r.json
    if tags:
        user.put(f"/api/v1/pages/{r.json['id']}/tags", json={"tags": list(tags)})
    if read:
        assert user.patch(f"/api/v1/pages/{r.json['id']}", json={"read": True}).status_code == 200
    return r.json["id"]


def titles(data: bytes) -> list[str]:
    return [text_of(next(c.iter(XHTML + "h1"))) for c in chapters(open_book(data))]


def basic(username: str, secret: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{username}:{secret}".encode()).decode()}


# ---- the Gloss API ----------------------------------------------------------------------

def test_a_page_as_a_book_is_its_owners_only(alice, bob, client):
    page_id = save(alice, 1)
    r = alice.get(f"/api/v1/pages/{page_id}/book.epub")
    assert r.status_code == 200 and r.mimetype == MEDIA_TYPE
    assert r.headers["Content-Disposition"] == f'attachment; filename="gloss-page-{page_id}.epub"'
    assert titles(r.data) == ["Article 1"]
    assert bob.get(f"/api/v1/pages/{page_id}/book.epub").status_code == 404
    assert client.get(f"/api/v1/pages/{page_id}/book.epub").status_code == 401


def test_a_link_without_its_article_makes_no_book(alice):
    r = alice.post("/api/v1/pages", json={"url": "https://example.com/just-a-link"})
    assert r.status_code == 202
    r = alice.get(f"/api/v1/pages/{r.json['id']}/book.epub")
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"


def test_selections_by_tag_unread_and_search(alice, bob):
    save(alice, 1, tags=["kindle"])
    save(alice, 2, tags=["kindle"], read=True)
    save(alice, 3)
    save(bob, 4, tags=["kindle"])
    assert titles(alice.get("/api/v1/books.epub?tag=kindle").data) == ["Article 2", "Article 1"]
    assert titles(alice.get("/api/v1/books.epub?unread=1").data) == ["Article 3", "Article 1"]
    assert titles(alice.get("/api/v1/books.epub?tag=kindle&unread=true").data) == ["Article 1"]
    assert titles(alice.get("/api/v1/books.epub?q=%22article+2+talks%22").data) == ["Article 2"]
    r = alice.get("/api/v1/books.epub?tag=nothing")
    assert r.status_code == 404
    assert alice.get("/api/v1/books.epub?unread=maybe").status_code == 422


def test_a_book_holds_at_most_the_configured_number_of_pages(alice, app, monkeypatch):
    for n in range(4):
        save(alice, n)
    monkeypatch.setitem(app.config, "MAX_BOOK_PAGES", 3)
    assert titles(alice.get("/api/v1/books.epub").data) == ["Article 3", "Article 2", "Article 1"]


# ---- the web UI -------------------------------------------------------------------------

def test_the_web_ui_downloads_books_for_the_signed_in_user(alice, bob, client):
    page_id = save(alice, 1, tags=["paper"])
    other = save(bob, 2)
    web = WebClient(client)
    assert client.get(f"/pages/{page_id}/book.epub").status_code == 302  # to the sign-in page
    web.login("alice")
    reader = client.get(f"/pages/{page_id}").get_data(as_text=True)
    assert f'href="/pages/{page_id}/book.epub"' in reader
    r = client.get(f"/pages/{page_id}/book.epub")
    assert r.status_code == 200 and r.mimetype == MEDIA_TYPE and titles(r.data) == ["Article 1"]
    assert client.get(f"/pages/{other}/book.epub").status_code == 404
    library = client.get("/?tag=paper&read=false").get_data(as_text=True)
    assert 'href="/books.epub?tag=paper&amp;unread=1"' in library
    r = client.get("/books.epub?tag=paper&unread=1&q=")
    assert r.status_code == 200 and titles(r.data) == ["Article 1"]


# ---- OPDS -------------------------------------------------------------------------------

def feed(client, path, headers):
    r = client.get(path, headers=headers)
    assert r.status_code == 200, r.data
    assert r.mimetype == "application/atom+xml"
    root = etree.fromstring(r.data)
    assert root.tag == ATOM + "feed"
    return root


def local(href: str) -> str:
    parts = urlsplit(href)
    return parts.path + ("?" + parts.query if parts.query else "")


def entries(root):
    return {e.findtext(ATOM + "title"): e for e in root.iter(ATOM + "entry")}


def acquisition(entry) -> str:
    (link,) = [each for each in entry.iter(ATOM + "link") if each.get("rel") == ACQUIRE]
    assert link.get("type") == MEDIA_TYPE
    return link.get("href")


def test_the_catalog_asks_readers_to_sign_in(alice, client):
    for headers in ({}, basic("alice", "wrong token"), basic("bob", alice.token),
                    {"Authorization": "Bearer nope"}, {"Authorization": "Basic !!"}):
        r = client.get("/opds", headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["WWW-Authenticate"].startswith("Basic realm=")


@pytest.mark.parametrize("how", ["token", "password", "bearer"])
def test_readers_sign_in_with_a_token_or_the_password(alice, client, how):
    headers = {"token": basic("alice", alice.token), "password": basic("ALICE", PASSWORD),
               "bearer": alice.headers()}[how]
    root = feed(client, "/opds", headers)
    assert "Unread" in entries(root)


def test_the_catalog_lists_unread_pages_and_tags_and_links_to_their_books(alice, bob, client):
    first = save(alice, 1, tags=["long reads"])
    save(alice, 2, read=True, tags=["long reads"])
    save(alice, 3)
    bobs = save(bob, 4, tags=["bobs"])
    headers = basic("alice", alice.token)
    nav = entries(feed(client, "/opds", headers))
    assert set(nav) == {"Unread", "Tag: long reads"}
    (sub,) = [link for link in nav["Tag: long reads"].iter(ATOM + "link") if link.get("rel") == "subsection"]
    assert "kind=acquisition" in sub.get("type")

    unread = entries(feed(client, local(nav["Unread"].find(ATOM + "link").get("href")), headers))
    assert set(unread) == {"Gloss: Unread (one book)", "Article 3", "Article 1"}
    r = client.get(local(acquisition(unread["Article 1"])), headers=headers)
    assert r.status_code == 200 and r.mimetype == MEDIA_TYPE and titles(r.data) == ["Article 1"]
    r = client.get(local(acquisition(unread["Gloss: Unread (one book)"])), headers=headers)
    assert titles(r.data) == ["Article 3", "Article 1"]

    tagged = entries(feed(client, local(sub.get("href")), headers))
    assert set(tagged) == {"Gloss: Tagged “long reads” (one book)", "Article 2", "Article 1"}
    r = client.get(local(acquisition(tagged["Gloss: Tagged “long reads” (one book)"])), headers=headers)
    assert titles(r.data) == ["Article 2", "Article 1"]

    # Nothing of anyone else's.
    assert client.get(f"/opds/pages/{bobs}/book.epub", headers=headers).status_code == 404
    assert client.get("/opds/tags/bobs", headers=headers).status_code == 404
    assert client.get(f"/opds/pages/{first}/book.epub", headers=basic("bob", bob.token)).status_code == 404


def test_long_catalogs_come_in_pages(alice, client):
    for n in range(55):
        save(alice, n)
    headers = alice.headers()
    root = feed(client, "/opds/unread", headers)
    assert len(list(root.iter(ATOM + "entry"))) == 51  # the whole-book entry and 50 pages
    (after,) = [link.get("href") for link in root.findall(ATOM + "link") if link.get("rel") == "next"]
    rest = feed(client, local(after), headers)
    assert len(list(rest.iter(ATOM + "entry"))) == 5
    assert not [link for link in rest.findall(ATOM + "link") if link.get("rel") == "next"]


def test_wrong_passwords_count_towards_the_sign_in_limit(alice, client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_MAX_FAILURES", 2)
    for _ in range(2):
        assert client.get("/opds", headers=basic("alice", "not the password")).status_code == 401
    r = client.get("/opds", headers=basic("alice", PASSWORD))
    assert r.status_code == 429
    assert client.get("/opds/", headers=basic("alice", alice.token)).status_code == 200  # a token still works

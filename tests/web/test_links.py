"""Saving a link from the web UI: the library's "Add a link" form, the share-confirm page
(share sheet, bookmarklet, iOS Shortcut) that never saves on a GET, and the bookmarklet."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from sqlalchemy import select

from server.models import Page
from server.web.links import bookmarklet, shared_link, shared_title

ADD_LINK_FORM = re.compile(r'<form[^>]*data-gloss-form="add-link"[^>]*>(.*?)</form>', re.S)


def add_link_form(html: str) -> str:
    match = ADD_LINK_FORM.search(html)
    assert match, "no add-link form"
    return match.group(0)


def pages_of(session, user) -> list[Page]:
    return list(session.scalars(select(Page).where(Page.user_id == user.user.id)))


@pytest.mark.parametrize(("url", "text", "title", "expected"), [
    ("https://example.org/a", "", "", "https://example.org/a"),
    ("", "Read this: https://example.org/b?x=1.", "A title", "https://example.org/b?x=1"),
    ("", "A headline (https://example.org/c)", "", "https://example.org/c"),
    ("", "", "https://example.org/d", "https://example.org/d"),
    ("not a link", "HTTPS://Example.org/e and https://example.org/f", "", "HTTPS://Example.org/e"),
    ("", "no link here", "Nothing", None),
    ("javascript:alert(1)", "ftp://example.org/x", "", None),
])
def test_the_link_of_a_share_is_found_where_the_sharing_app_put_it(url, text, title, expected):
    assert shared_link(url, text, title) == expected


def test_the_title_of_a_share_is_its_title_or_its_text_without_the_link():
    assert shared_title("", "An article", "https://example.org/a") == "An article"
    assert shared_title("An article https://example.org/a", "", "https://example.org/a") == "An article"
    assert shared_title("", "https://example.org/a", "https://example.org/a") == ""


def test_the_library_has_the_add_link_form_also_when_empty(web, signed_in, save_article):
    for round_ in range(2):
        form = add_link_form(web.text("/"))
        assert 'method="post"' in form and 'action="/links"' in form
        assert re.search(r'<input[^>]*type="text"[^>]*name="url"', form)
        assert 'name="csrf_token"' in form
        if round_ == 0:
            save_article("Tomato Diaries")


def test_adding_a_link_needs_the_forms_csrf_token(web, signed_in, session):
    resp = web.client.post("/links", data={"url": "https://example.org/a"})
    assert resp.status_code == 403
    assert pages_of(session, signed_in) == []


def test_a_bad_link_is_a_clear_error_that_keeps_what_was_typed(web, signed_in, session):
    for typed, message in (("example.org/some page", "Must be an http:// or https:// URL."),
                           ("javascript:alert(1)", "Must be an http:// or https:// URL."),
                           ("http://[broken/", "Must be an http:// or https:// URL (with a port up to 65535)."),
                           ("https://example.org:99999/",
                            "Must be an http:// or https:// URL (with a port up to 65535)."),
                           ("", "Enter a link to a web page.")):
        resp = web.post_form("/links", {"url": typed})
        assert resp.status_code == 422
        html = resp.get_data(as_text=True)
        assert message in html
        assert f'value="{typed}"' in html.replace("&#34;", '"')
        assert 'data-gloss-form="add-link"' in html
    assert pages_of(session, signed_in) == []


def test_adding_a_link_saves_it_as_fetching_and_the_library_says_so(web, signed_in, session):
    resp = web.post_form("/links", {"url": "https://example.org/article?utm_source=x"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    (page,) = pages_of(session, signed_in)
    assert page.state == "fetching" and page.url == "https://example.org/article"
    html = web.text("/")
    assert "Link saved. Gloss is fetching the article" in html
    assert f'data-page-id="{page.id}"' in html and 'data-page-state="fetching"' in html
    assert "Fetching…" in html
    assert "/assets/library.js" in html  # what polls the page until its fetch is done
    api = signed_in.get(f"/api/v1/pages/{page.id}").get_json()
    assert api["state"] == "fetching"


def test_a_link_already_saved_as_an_article_is_not_fetched_again(web, signed_in, session, save_article):
    saved = save_article("Tomato Diaries")
    resp = web.post_form("/links", {"url": saved["url"]})
    assert resp.status_code == 302
    assert "“Tomato Diaries” is already in your library." in web.text("/")
    assert [p.state for p in pages_of(session, signed_in)] == ["article"]


def test_a_failed_fetch_shows_its_reason_and_can_be_tried_again(web, signed_in, session):
    web.post_form("/links", {"url": "https://example.org/missing"})
    (page,) = pages_of(session, signed_in)
    page.state, page.fetch_error = "link", "The site answered 404: there is no page at this address."
    session.commit()
    html = web.text("/")
    assert "Could not fetch it: The site answered 404: there is no page at this address." in html
    assert 'data-page-state="link"' in html
    reader = web.text(f"/pages/{page.id}")
    assert "Gloss could not fetch it: The site answered 404" in reader
    assert 'name="refetch" value="1"' in reader
    resp = web.post_form("/links", {"url": page.url, "refetch": "1"}, from_page=f"/pages/{page.id}")
    assert resp.status_code == 302
    (again,) = pages_of(session, signed_in)
    assert (again.id, again.state, again.fetch_error) == (page.id, "fetching", None)


def test_the_share_page_asks_before_saving_anything(web, signed_in, session):
    shared = "/share?title=" + quote("A good read") + "&text=" + quote("Look: https://example.org/good-read")
    resp = web.get(shared)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "A good read" in html
    form = add_link_form(html)
    assert 'value="https://example.org/good-read"' in form and 'name="csrf_token"' in form
    assert pages_of(session, signed_in) == []  # a GET (from another site) saves nothing

    resp = web.post_form("/links", {"url": "https://example.org/good-read"}, from_page=shared)
    assert resp.status_code == 302
    assert [p.url for p in pages_of(session, signed_in)] == ["https://example.org/good-read"]


def test_a_share_without_a_link_asks_for_one(web, signed_in):
    resp = web.get("/share?text=" + quote("just some words"))
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "holds no http:// or https:// link" in html
    assert 'value=""' in add_link_form(html)


@pytest.mark.parametrize("query", ["url=http://[broken", "url=http://a:99999/", "text=see%20http://"])
def test_a_malformed_shared_link_is_a_clear_error(web, signed_in, query):
    resp = web.get("/share?" + query)
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "not a valid web address" in html or "holds no http:// or https:// link" in html
    assert 'data-gloss-form="add-link"' in html


def test_the_share_page_says_when_the_link_is_already_saved_only_for_its_owner(web, signed_in, bob,
                                                                             save_article):
    mine = save_article("Tomato Diaries")
    html = web.text("/share?url=" + quote(mine["url"]))
    assert "Already in your library as an article" in html and f'href="/pages/{mine["id"]}"' in html
    assert "Fetch it again" in html and 'name="refetch" value="1"' in html
    theirs = save_article("Private Page", user=bob)
    html = web.text("/share?url=" + quote(theirs["url"]))
    assert "Already in your library" not in html and "Private Page" not in html


def test_signed_out_the_share_goes_through_sign_in_and_comes_back(web, alice):
    shared = "/share?url=" + quote("https://example.org/later", safe="")
    resp = web.get(shared)
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login?next=")
    login = web.login("alice", next=shared)
    assert login.status_code == 302 and login.headers["Location"] == shared
    assert 'value="https://example.org/later"' in web.text(shared)


def test_the_bookmarklet_opens_the_share_page_with_the_tabs_address(web, signed_in):
    page = web.text("/tokens")
    code = bookmarklet("http://localhost/share")
    assert code.startswith("javascript:") and '"http://localhost/share?url="' in code
    assert "encodeURIComponent(location.href)" in code and "encodeURIComponent(document.title)" in code
    shown = re.search(r'<a[^>]*href="(javascript:[^"]*)"[^>]*data-bookmarklet', page)
    assert shown and html.unescape(shown.group(1)) == code
    assert "From a phone or any browser" in page

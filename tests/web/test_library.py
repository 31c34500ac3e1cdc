"""The library: every page newest first, filters, search and keyset paging."""
from __future__ import annotations

import re

from markupsafe import Markup

from server.models import Page
from server.web.filters import marked


def test_empty_library_says_so_and_points_to_the_extension(web, signed_in):
    html = web.text("/")
    assert "Your library is empty." in html
    assert 'href="/tokens"' in html


def test_pages_are_listed_newest_first_with_their_details(web, signed_in, seed_page, save_article):
    second = save_article("Tomato Diaries")
    signed_in.put(f"/api/v1/pages/{second['id']}/tags", json={"tags": ["garden", "summer"]})
    signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights", json={"quote": "Chatbot Arena leaderboard"})
    html = web.text("/")
    assert html.index("Tomato Diaries") < html.index("In The AI Arms Race")
    assert "PHP Chinese website" in html and "Jennifer Aniston" in html
    assert f"{seed_page['reading_minutes']} min read" in html
    assert "1 highlight<" in html
    assert 'href="/?tag=garden"' in html and 'href="/?tag=summer"' in html
    assert f'href="/pages/{seed_page["id"]}"' in html


def test_filters_by_tag_highlights_and_read_state(web, signed_in, save_article):
    tagged = save_article("Tagged Page")
    plain = save_article("Plain Page", topic="bicycles")
    signed_in.put(f"/api/v1/pages/{tagged['id']}/tags", json={"tags": ["keep"]})
    signed_in.post(f"/api/v1/pages/{plain['id']}/highlights", json={"quote": "bicycles"})
    signed_in.patch(f"/api/v1/pages/{plain['id']}", json={"read": True})

    by_tag = web.text("/?tag=keep")
    assert "Tagged Page" in by_tag and "Plain Page" not in by_tag
    assert '<option value="keep" selected>keep</option>' in by_tag  # the tag menu shows the filter
    assert '<option value="keep" >keep</option>' in web.text("/")
    assert "Clear filters" in by_tag
    highlighted = web.text("/?has_highlights=true")
    assert "Plain Page" in highlighted and "Tagged Page" not in highlighted
    unread = web.text("/?read=false&has_highlights=")
    assert "Tagged Page" in unread and "Plain Page" not in unread
    read = web.text("/?read=true")
    assert "Plain Page" in read and "Tagged Page" not in read
    nothing = web.text("/?tag=missing")
    assert "Nothing matches." in nothing


def test_older_link_pages_through_with_a_cursor(web, signed_in, save_article):
    for name in ("First", "Second", "Third"):
        save_article(f"{name} Page")
    first = web.text("/?limit=2")
    assert "Third Page" in first and "Second Page" in first and "First Page" not in first
    older = re.search(r'href="(/\?cursor=[^"]+)" rel="next"|rel="next" href="([^"]+)"', first)
    assert older
    link = (older.group(1) or older.group(2)).replace("&amp;", "&")
    second = web.text(link + "&limit=2")
    assert "First Page" in second and "Third Page" not in second
    assert 'rel="next"' not in second and "← Newest" in second


def test_a_bad_cursor_is_a_clear_400_page(web, signed_in):
    resp = web.get("/?cursor=not-a-cursor")
    assert resp.status_code == 400
    text = resp.get_data(as_text=True)
    assert "<!doctype html>" in text and "cursor is not one this server gave out" in text
    assert web.get("/?limit=abc").status_code == 400


def test_search_marks_the_matched_words(web, signed_in, seed_page, save_article):
    save_article("Tomato Diaries")
    html = web.text("/?q=semiconductor")
    assert "In The AI Arms Race" in html and "Tomato Diaries" not in html
    assert re.search(r"<mark>semiconductor", html, re.I)


def test_marked_escapes_the_snippet_and_wraps_only_the_ranges():
    out = marked("<b>bold</b> & tomato", [[12, 13], [14, 20], [50, 60]])
    assert isinstance(out, Markup)
    assert out == "&lt;b&gt;bold&lt;/b&gt; <mark>&amp;</mark> <mark>tomato</mark>"
    assert marked("abc", [[1, 3], [0, 2]]) == "<mark>ab</mark><mark>c</mark>"
    assert marked(None, None) == ""


def test_user_content_is_escaped_in_the_library(web, signed_in, save_article, session):
    page = save_article("Harmless")
    row = session.get(Page, page["id"])
    row.title = '<script>alert("title")</script>'
    row.excerpt = '<img src=x onerror=alert(1)>'
    row.site_name = '<svg onload=alert(2)>'
    session.commit()
    signed_in.put(f"/api/v1/pages/{page['id']}/tags", json={"tags": ['"><script>alert(3)</script>']})
    html = web.text("/")
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html

"""The reader view: article, highlights data, orphans, page forms, the shared highlighter."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from server.limits import tag_problem
from server.models import Highlight, Page
from server.web.reader import split_tags

# The cases the reader's script (GlossUI.parseTags and tagProblem) meets too.
TAG_VECTORS = json.loads((Path(__file__).resolve().parents[2] / "schema" / "tag-vectors.json").read_text())


def reader_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="reader-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_reader_shows_the_article_and_its_details(web, signed_in, seed_page):
    resp = web.get(f"/pages/{seed_page['id']}")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "In The AI Arms Race, China May Be Playing For Second Place" in html
    assert "By Jennifer Aniston" in html and "PHP Chinese website" in html
    assert "Published <time datetime=\"2025-06-03\">3 Jun 2025</time>" in html
    assert '<div class="article-body" id="article" data-page-id' in html
    assert "<p>At Google’s annual showcase, the Chatbot Arena leaderboard" in html
    assert 'href="https://www.php.cn/faq/1796812345.html"' in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
    assert '<script src="/assets/shared/ui.js" defer>' in html  # the floating button and popover
    assert "No highlights yet." in html


def test_reader_uses_only_scripts_from_files_under_a_strict_csp(web, signed_in, seed_page):
    resp = web.get(f"/pages/{seed_page['id']}")
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    html = resp.get_data(as_text=True)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="' in tag or 'type="application/json"' in tag, tag
    assert "<style" not in html and " style=" not in html
    assert '<script src="/assets/shared/highlighter.js" defer>' in html
    assert '<script src="/assets/shared/ui.js" defer>' in html


def test_the_scripts_shared_with_the_extension_are_served_from_the_package(web):
    for name, global_name in (("highlighter.js", b"GlossHighlighter"), ("ui.js", b"GlossUI")):
        with web.get(f"/assets/shared/{name}") as resp:
            assert resp.status_code == 200
            assert resp.mimetype == "text/javascript"
            assert global_name in resp.data
    # Only what the package holds: nothing else of the extension.
    assert web.get("/assets/shared/content.js").status_code == 404
    assert web.get("/assets/shared/..%2F..%2F..%2F..%2Fextension%2Fmanifest.json").status_code == 404


def test_reader_hands_anchored_highlights_to_the_script_and_lists_orphans(web, signed_in, seed_page, session):
    pid = seed_page["id"]
    kept = signed_in.post(f"/api/v1/pages/{pid}/highlights",
                          json={"quote": "Chatbot Arena leaderboard", "note": "key", "color": "green"}).get_json()
    gone = signed_in.post(f"/api/v1/pages/{pid}/highlights",
                          json={"quote": "Huawei and Cambricon", "note": "<b>lost</b> note"}).get_json()
    row = session.get(Highlight, gone["id"])
    row.status, row.start, row.end = "orphaned", None, None
    session.commit()
    html = web.text(f"/pages/{pid}")
    data = reader_data(html)
    assert data["pageId"] == pid
    assert [h["id"] for h in data["highlights"]] == [kept["id"]]
    assert data["highlights"][0]["color"] == "green" and data["highlights"][0]["prefix"]
    orphans = html[html.index("No longer found in the article"):]
    assert "Huawei and Cambricon" in orphans and "&lt;b&gt;lost&lt;/b&gt; note" in orphans
    assert f'id="h-{gone["id"]}"' in orphans


def test_another_users_page_is_a_404_page(web, signed_in, bob, seed_html):
    theirs = bob.save("https://example.com/bob", seed_html).get_json()
    resp = web.get(f"/pages/{theirs['id']}")
    assert resp.status_code == 404
    assert "No such page." in resp.get_data(as_text=True)
    assert "Chatbot Arena" not in resp.get_data(as_text=True)
    assert web.post_form(f"/pages/{theirs['id']}/tags", {"tags": "x"}).status_code == 404
    assert web.post_form(f"/pages/{theirs['id']}/delete").status_code == 404
    assert web.get("/pages/999999").status_code == 404


def test_tag_form_sets_the_page_tags(web, signed_in, seed_page):
    pid = seed_page["id"]
    resp = web.post_form(f"/pages/{pid}/tags", {"tags": "ai, policy , AI"}, from_page=f"/pages/{pid}")
    assert resp.status_code == 302 and resp.headers["Location"] == f"/pages/{pid}"
    assert signed_in.get(f"/api/v1/pages/{pid}").get_json()["tags"] == ["ai", "policy"]
    assert 'value="ai, policy"' in web.text(f"/pages/{pid}")


@pytest.mark.parametrize("case", TAG_VECTORS, ids=[case["name"] for case in TAG_VECTORS])
def test_a_tag_field_reads_as_the_shared_vectors_say(case):
    tags = split_tags(case["field"])
    assert tags == case["tags"]
    assert (tag_problem(tags) is not None) == case["refused"]


def test_page_forms_refuse_a_missing_csrf_token(web, signed_in, seed_page):
    pid = seed_page["id"]
    for path, data in ((f"/pages/{pid}/tags", {"tags": "x"}), (f"/pages/{pid}/read", {"read": "true"}),
                       (f"/pages/{pid}/delete", {})):
        resp = web.client.post(path, data=data)
        assert resp.status_code == 403, path
    page = signed_in.get(f"/api/v1/pages/{pid}").get_json()
    assert page["tags"] == [] and page["read"] is False


def test_read_form_marks_read_and_unread(web, signed_in, seed_page):
    pid = seed_page["id"]
    web.post_form(f"/pages/{pid}/read", {"read": "true"})
    assert signed_in.get(f"/api/v1/pages/{pid}").get_json()["read"] is True
    assert "Mark unread" in web.text(f"/pages/{pid}")
    web.post_form(f"/pages/{pid}/read", {"read": "false"})
    assert signed_in.get(f"/api/v1/pages/{pid}").get_json()["read"] is False


def test_delete_form_removes_the_page(web, signed_in, seed_page):
    resp = web.post_form(f"/pages/{seed_page['id']}/delete")
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    assert "The page and its highlights were deleted." in web.text("/")
    assert web.get(f"/pages/{seed_page['id']}").status_code == 404


def test_reader_escapes_everything_but_the_sanitized_article(web, signed_in, seed_page, session):
    pid = seed_page["id"]
    signed_in.post(f"/api/v1/pages/{pid}/highlights",
                   json={"quote": "Chatbot Arena", "note": "</script><script>alert(1)</script>",
                         "tags": ["<img src=x onerror=alert(2)>"]})
    signed_in.put(f"/api/v1/pages/{pid}/tags", json={"tags": ["<svg onload=alert(3)>"]})
    row = session.get(Page, pid)
    row.title = "<script>alert(4)</script>"
    row.author = "<img src=y onerror=alert(5)>"
    row.url = "javascript:alert(6)"
    session.commit()
    html = web.text(f"/pages/{pid}")
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<img src=y" not in html and "<svg onload" not in html
    assert "javascript:" not in html
    assert reader_data(html)["highlights"][0]["note"] == "</script><script>alert(1)</script>"


def test_page_without_an_article_says_so(web, signed_in, seed_page, session):
    row = session.get(Page, seed_page["id"])
    row.state, row.text, row.html = "link", "", ""
    session.commit()
    html = web.text(f"/pages/{seed_page['id']}")
    assert "There is no saved article for this page yet." in html
    assert 'id="article"' not in html

"""Tags: counts, rename, merge onto an existing name, delete everywhere."""
from __future__ import annotations

import pytest


@pytest.fixture()
def tagged(signed_in, seed_page, save_article):
    other = save_article("Tomato Diaries")
    signed_in.put(f"/api/v1/pages/{seed_page['id']}/tags", json={"tags": ["ai", "policy"]})
    signed_in.put(f"/api/v1/pages/{other['id']}/tags", json={"tags": ["garden"]})
    signed_in.post(f"/api/v1/pages/{seed_page['id']}/highlights", json={"quote": "Chatbot Arena", "tags": ["ai"]})
    return seed_page, other


def test_no_tags_yet(web, signed_in):
    assert "No tags yet." in web.text("/tags")


def test_tags_are_listed_with_their_counts(web, tagged):
    html = web.text("/tags")
    ai = html[html.index(">ai<"):html.index(">garden<")]
    assert 'href="/?tag=ai">1 page<' in ai and 'href="/highlights?tag=ai">1 highlight<' in ai
    assert ">policy<" in html


def test_rename_a_tag_everywhere(web, signed_in, tagged):
    seed, _ = tagged
    resp = web.post_form("/tags/rename", {"name": "ai", "new_name": "machine learning"}, from_page="/tags")
    assert resp.status_code == 302 and resp.headers["Location"] == "/tags"
    assert "“ai” is now “machine learning” everywhere." in web.text("/tags")
    assert signed_in.get(f"/api/v1/pages/{seed['id']}").get_json()["tags"] == ["machine learning", "policy"]
    assert signed_in.get("/api/v1/highlights").get_json()["items"][0]["tags"] == ["machine learning"]


def test_rename_onto_an_existing_name_merges(web, signed_in, tagged):
    seed, other = tagged
    web.post_form("/tags/rename", {"name": "garden", "new_name": "Policy"}, from_page="/tags")
    html = web.text("/tags")
    assert ">garden<" not in html
    assert signed_in.get(f"/api/v1/pages/{other['id']}").get_json()["tags"] == ["policy"]
    assert 'href="/?tag=policy">2 pages<' in html


def test_rename_to_nothing_says_why(web, tagged):
    web.post_form("/tags/rename", {"name": "ai", "new_name": "   "}, from_page="/tags")
    html = web.text("/tags")
    assert "Tags cannot be empty." in html and ">ai<" in html
    web.post_form("/tags/rename", {"name": "ai", "new_name": "x" * 101}, from_page="/tags")
    assert "at most 100 characters" in web.text("/tags")


def test_delete_a_tag_everywhere(web, signed_in, tagged):
    seed, _ = tagged
    resp = web.post_form("/tags/delete", {"name": "ai"}, from_page="/tags")
    assert resp.status_code == 302
    assert "Deleted the tag “ai”" in web.text("/tags")
    assert signed_in.get(f"/api/v1/pages/{seed['id']}").get_json()["tags"] == ["policy"]
    assert signed_in.get("/api/v1/highlights").get_json()["items"][0]["tags"] == []


def test_tag_forms_need_the_csrf_token_and_stay_per_user(web, tagged, bob):
    assert web.client.post("/tags/delete", data={"name": "ai"}).status_code == 403
    assert web.client.post("/tags/rename", data={"name": "ai", "new_name": "x"}).status_code == 403
    assert ">ai<" in web.text("/tags")
    web.post_form("/logout")
    web.login("bob")
    assert "No tags yet." in web.text("/tags")
    assert web.post_form("/tags/delete", {"name": "ai"}, from_page="/tags").status_code == 404

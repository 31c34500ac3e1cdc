"""Highlights of a page imported without its article wait for it: the reader and the
highlights page say so, not that the passage left the article (it never had one)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from server.models import Highlight
from tests.conftest import SEED_URL

WAITING = "Waiting for the article: open the page and save it"
GONE = "No longer found in the article"


@pytest.fixture()
def imported_link(signed_in, run_jobs) -> int:
    hypothesis = {"annotations": [{
        "id": "h1", "uri": "https://example.org/essay", "text": "remember this",
        "document": {"title": ["An essay"]},
        "target": [{"source": "https://example.org/essay", "selector": [
            {"type": "TextQuoteSelector", "exact": "a quoted line", "prefix": "before ", "suffix": " after"}]}]}]}
    r = signed_in.client.post("/api/v1/import", data=json.dumps(hypothesis),
                              headers=signed_in.headers({"Content-Type": "application/json"}))
    assert r.status_code == 202, r.json
    run_jobs()
    (item,) = signed_in.get("/api/v1/pages").json["items"]
    assert item["state"] == "link"
    return item["id"]


def test_the_reader_of_an_imported_link_says_its_highlights_wait_for_the_article(web, imported_link):
    html = web.text(f"/pages/{imported_link}")
    assert WAITING in html and "a quoted line" in html and "remember this" in html
    assert GONE not in html and "saved article changed" not in html


def test_the_highlights_page_says_the_same(web, imported_link):
    html = web.text("/highlights")
    assert WAITING in html and "a quoted line" in html
    assert GONE not in html


def test_a_passage_that_left_a_saved_article_still_says_so(web, signed_in, seed_html, session):
    page = signed_in.save(SEED_URL, seed_html).json
    text = page["text"]
    h = signed_in.post(f"/api/v1/pages/{page['id']}/highlights", json={"quote": text[100:160]}).json
    session.execute(update(Highlight).where(Highlight.id == h["id"]).values(status="orphaned", start=None, end=None))
    session.commit()
    reader = web.text(f"/pages/{page['id']}")
    assert GONE in reader and WAITING not in reader
    listed = web.text("/highlights")
    assert GONE in listed and WAITING not in listed

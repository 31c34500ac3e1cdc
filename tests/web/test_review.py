"""The review page and the reading page: the day's session, the forms that work without
JavaScript, other users' highlights, and the plots with their tables."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture()
def clock(app, monkeypatch):
    monkeypatch.setitem(app.config, "REVIEW_FUZZ", False)

    def set_to(moment: datetime) -> None:
        monkeypatch.setitem(app.config, "NOW", moment.isoformat())

    set_to(MONDAY)
    return set_to


def highlight(user, page, quote, **extra):
    r = user.post(f"/api/v1/pages/{page['id']}/highlights", json={"quote": quote, **extra})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def card_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-review-card data-highlight-id="(\d+)"', html)]


def test_review_is_signed_in_only_and_in_the_navigation(web, alice):
    assert web.get("/review").status_code == 302
    assert web.get("/reading").status_code == 302
    web.login("alice")
    html = web.text("/")
    assert 'href="/review"' in html and 'href="/reading"' in html


def test_nothing_to_review_without_highlights(web, signed_in):
    html = web.text("/review")
    assert "Nothing to review yet." in html and "data-review-card" not in html


def test_a_first_session_shows_each_highlight_with_its_context_and_forms(web, signed_in, save_article, clock):
    page = save_article("Tomato Diaries")
    h = highlight(signed_in, page, "Paragraph 2 is about gardens", note="water at dusk", tags=["garden"])
    html = web.text("/review")
    assert card_ids(html) == [h["id"]]
    assert "water at dusk" in html and 'href="/highlights?tag=garden"' in html
    assert "Tomato Diaries" in html and f'href="/pages/{page["id"]}#h-{h["id"]}"' in html
    # The paragraph around it, with the highlight marked.
    assert re.search(r"<mark>Paragraph 2 is about gardens</mark>: the quiet pleasure", html)
    for value in ("again", "hard", "good", "easy"):
        assert f'name="rating" value="{value}"' in html
    assert f'action="/review/{h["id"]}/answer"' in html and 'name="csrf_token"' in html
    assert '<script src="/assets/review.js" defer></script>' in html
    assert "<script>" not in html  # no inline scripts under the CSP


def test_answering_by_form_leaves_the_day_and_comes_back(web, signed_in, save_article, clock):
    page = save_article("Tomato Diaries")
    a = highlight(signed_in, page, "Paragraph 1 is about gardens")
    b = highlight(signed_in, page, "Paragraph 2 is about gardens")
    resp = web.post_form(f"/review/{a['id']}/answer", {"rating": "again", "limit": "10"}, from_page="/review")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/review?limit=10")
    assert card_ids(web.text("/review")) == [b["id"]]
    web.post_form(f"/review/{b['id']}/answer", {"rating": "easy"}, from_page="/review")
    assert "All done for today." in web.text("/review")
    clock(MONDAY + timedelta(days=1))
    assert card_ids(web.text("/review")) == [a["id"]]
    assert web.post_form(f"/review/{a['id']}/answer", {"rating": "meh"}, from_page="/review").status_code == 422
    assert web.client.post(f"/review/{a['id']}/answer", data={"rating": "good"}).status_code == 403  # no CSRF


def test_edit_favourite_and_retire_by_form(web, signed_in, save_article, clock):
    page = save_article("Tomato Diaries")
    h = highlight(signed_in, page, "Paragraph 1 is about gardens")
    web.post_form(f"/review/{h['id']}/edit", {"note": "new note", "tags": "a, b"}, from_page="/review")
    got = signed_in.get(f"/api/v1/highlights/{h['id']}").get_json()
    assert got["note"] == "new note" and got["tags"] == ["a", "b"]
    web.post_form(f"/review/{h['id']}/flags", {"favourite": "1"}, from_page="/review")
    assert 'aria-pressed="true"' in web.text("/review")
    web.post_form(f"/review/{h['id']}/flags", {"retired": "1"}, from_page="/review")
    assert signed_in.get(f"/api/v1/highlights/{h['id']}/review").get_json()["retired"] is True
    assert "All done for today." in web.text("/review")


def test_session_size_tag_and_page(web, signed_in, save_article, clock):
    one, two = save_article("Tomato Diaries"), save_article("Bean Notes", topic="beans")
    made = [highlight(signed_in, one, f"Paragraph {n} is about gardens", tags=["g"]) for n in range(4)]
    other = highlight(signed_in, two, "Paragraph 1 is about beans")
    assert len(card_ids(web.text("/review?limit=3"))) == 3
    assert len(card_ids(web.text("/review"))) == 5
    assert set(card_ids(web.text("/review?tag=g"))) == {h["id"] for h in made}
    assert card_ids(web.text(f"/review?page_id={two['id']}")) == [other["id"]]
    assert f'href="/review?page_id={two["id"]}"' in web.text(f"/pages/{two['id']}")  # from the reader
    assert web.get("/review?limit=abc").status_code == 400


def test_other_users_highlights_are_not_found(web, signed_in, bob, save_article, clock):
    page = save_article("Bob's Garden", user=bob)
    h = highlight(bob, page, "Paragraph 1 is about gardens")
    assert card_ids(web.text("/review")) == []
    for path, data in ((f"/review/{h['id']}/answer", {"rating": "good"}),
                       (f"/review/{h['id']}/flags", {"retired": "1"}),
                       (f"/review/{h['id']}/edit", {"note": "mine"})):
        assert web.post_form(path, data, from_page="/review").status_code == 404
    assert web.get(f"/review?page_id={page['id']}").status_code == 404
    assert bob.get(f"/api/v1/highlights/{h['id']}/review").get_json()["reviews"] == 0


def test_reading_page_has_plots_and_tables(web, signed_in, save_article, clock):
    today = datetime.now(timezone.utc)
    clock(today)
    page = save_article("Tomato Diaries")
    signed_in.put(f"/api/v1/pages/{page['id']}/tags", json={"tags": ["garden"]})
    signed_in.patch(f"/api/v1/pages/{page['id']}", json={"read": True})
    h = highlight(signed_in, page, "Paragraph 1 is about gardens")
    web.post_form(f"/review/{h['id']}/answer", {"rating": "good"}, from_page="/review")
    html = web.text("/reading")
    assert '<script src="/assets/vendor/chartjs/chart.umd.min.js" defer></script>' in html
    hit = re.search(r'<script type="application/json" id="reading-data">(.*?)</script>', html, re.S)
    assert hit is not None
    data = json.loads(hit.group(1))
    assert len(data["weeks"]) == 26 and data["tags"] == ["garden"] and data["tagCounts"] == [1]
    assert sum(data["saved"]) >= 1 and sum(data["read"]) >= 1 and sum(data["highlights"]) >= 1
    assert '<canvas data-chart="pages"' in html and "As a table" in html
    assert "<th scope=\"row\">garden</th><td>1</td>" in html
    # Today's reading, highlight and review show in the calendar's table.
    assert f"{today.day} {today:%b %Y}</th><td>1</td><td>1</td><td>1</td>" in html
    assert "calendar__day--1" in html
    assert "<script>" not in html


def test_reading_page_of_a_new_user(web, signed_in):
    html = web.text("/reading")
    assert "No reading, highlighting or review yet." in html
    assert "Tag the pages you read" in html

"""The daily review through the API: the day's session, answers, favourites, retiring,
tag and page limits, new highlights entering gradually, and ownership."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import SEED_URL

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture()
def clock(app, monkeypatch):
    """The app's clock, set to a moment and moved on by tests."""
    monkeypatch.setitem(app.config, "REVIEW_FUZZ", False)

    def set_to(moment: datetime) -> datetime:
        monkeypatch.setitem(app.config, "NOW", moment.isoformat())
        return moment

    set_to(MONDAY)
    return set_to


@pytest.fixture()
def seed(alice, seed_html):
    return alice.save(SEED_URL, seed_html).json


def highlight(user, page, n: int, **extra) -> dict:
    """The n-th highlight of the page: a passage from its n-th paragraph."""
    para = [p for p in page["text"].split("\n\n") if len(p) > 60][n]
    r = user.post(f"/api/v1/pages/{page['id']}/highlights", json={"quote": para[5:55], **extra})
    assert r.status_code == 201, r.json
    return r.json


def session_ids(user, **query) -> list[int]:
    r = user.get("/api/v1/review", query_string=query)
    assert r.status_code == 200, r.json
    return [item["highlight"]["id"] for item in r.json["items"]]


def test_a_user_with_highlights_and_no_history_gets_a_session_at_once(alice, seed, clock):
    made = [highlight(alice, seed, n, note=f"note {n}", tags=["ai"]) for n in range(3)]
    r = alice.get("/api/v1/review")
    assert r.status_code == 200
    items = r.json["items"]
    assert {i["highlight"]["id"] for i in items} == {h["id"] for h in made}
    first = items[0]
    assert first["card"]["state"] == "new" and first["card"]["due"] is None
    assert first["page"] == {"id": seed["id"], "title": seed["title"], "url": seed["url"]}
    assert first["highlight"]["note"].startswith("note ") and first["highlight"]["tags"] == ["ai"]
    ctx = first["context"]
    assert ctx["quote"] == first["highlight"]["quote"]
    assert (ctx["before"] + ctx["quote"] + ctx["after"]).lstrip("…").rstrip("…") in seed["text"]
    assert r.json["new_left"] == 7


def test_an_answer_leaves_the_day_and_comes_back_when_the_scheduler_says(alice, seed, clock):
    a, b = highlight(alice, seed, 0), highlight(alice, seed, 1)
    r = alice.post(f"/api/v1/highlights/{a['id']}/review", json={"rating": "again"})
    assert r.status_code == 200, r.json
    again_due = datetime.fromisoformat(r.json["due"])
    good_due = datetime.fromisoformat(
        alice.post(f"/api/v1/highlights/{b['id']}/review", json={"rating": "good"}).json["due"])
    assert MONDAY < again_due < good_due
    assert session_ids(alice) == []  # both answered: today's review is done
    clock(again_due - timedelta(days=1))
    assert session_ids(alice) == []
    clock(again_due)
    assert session_ids(alice) == [a["id"]]
    clock(good_due)
    assert session_ids(alice) == [a["id"], b["id"]]  # the longest due first
    card = alice.get(f"/api/v1/highlights/{b['id']}/review").json
    assert card["state"] == "review" and card["reviews"] == 1 and card["stability"] > 0


def test_new_highlights_enter_review_gradually(alice, seed, clock, app, monkeypatch):
    monkeypatch.setitem(app.config, "REVIEW_NEW_PER_DAY", 3)
    made = [highlight(alice, seed, n) for n in range(5)]
    first = session_ids(alice, limit=10)
    assert len(first) == 3
    for hid in first:
        alice.post(f"/api/v1/highlights/{hid}/review", json={"rating": "easy"})
    assert session_ids(alice) == []  # three entered today: the others wait for tomorrow
    clock(MONDAY + timedelta(days=1))
    second = session_ids(alice)
    assert len(second) == 2 and not set(first) & set(second)
    assert set(first) | set(second) == {h["id"] for h in made}


def test_limit_tag_and_page(alice, seed, clock, save_article_api):
    other = save_article_api(alice)
    tagged = highlight(alice, seed, 0, tags=["Chips"])
    highlight(alice, seed, 1)
    elsewhere = alice.post(f"/api/v1/pages/{other['id']}/highlights",
                           json={"quote": "Paragraph 2 is about gardens"}).json
    assert len(session_ids(alice, limit=2)) == 2
    assert session_ids(alice, tag="chips") == [tagged["id"]]
    assert session_ids(alice, tag="nothing") == []
    assert session_ids(alice, page_id=other["id"]) == [elsewhere["id"]]
    assert alice.get("/api/v1/review?limit=0").status_code == 400
    assert alice.get("/api/v1/review?limit=x").status_code == 400
    # A page id beyond the id column's range names no page (PostgreSQL could not compare it).
    assert alice.get(f"/api/v1/review?page_id={2 ** 31}").status_code in (400, 422)


def test_retired_never_come_back_and_favourites_sooner(alice, seed, clock):
    a, b, c = (highlight(alice, seed, n) for n in range(3))
    r = alice.patch(f"/api/v1/highlights/{a['id']}/review", json={"retired": True})
    assert r.status_code == 200 and r.json["retired"] is True
    assert a["id"] not in session_ids(alice)
    assert alice.patch(f"/api/v1/highlights/{b['id']}/review", json={"favourite": True}).json["favourite"]
    fav = alice.post(f"/api/v1/highlights/{b['id']}/review", json={"rating": "easy"}).json
    plain = alice.post(f"/api/v1/highlights/{c['id']}/review", json={"rating": "easy"}).json
    assert fav["due"] < plain["due"]
    clock(MONDAY + timedelta(days=400))
    assert set(session_ids(alice)) == {b["id"], c["id"]}
    assert alice.patch(f"/api/v1/highlights/{a['id']}/review", json={"retired": False}).status_code == 200
    assert a["id"] in session_ids(alice)


def test_bad_answers_and_other_users(alice, bob, seed, clock):
    h = highlight(alice, seed, 0)
    assert alice.post(f"/api/v1/highlights/{h['id']}/review", json={"rating": "meh"}).status_code == 422
    assert alice.post(f"/api/v1/highlights/{h['id']}/review", json={}).status_code == 422
    for call in (bob.get(f"/api/v1/highlights/{h['id']}/review"),
                 bob.post(f"/api/v1/highlights/{h['id']}/review", json={"rating": "good"}),
                 bob.patch(f"/api/v1/highlights/{h['id']}/review", json={"retired": True}),
                 bob.get(f"/api/v1/review?page_id={seed['id']}")):
        assert call.status_code == 404
    assert session_ids(bob) == []
    assert alice.get(f"/api/v1/highlights/{h['id']}/review").json["reviews"] == 0
    assert alice.client.get("/api/v1/review").status_code == 401


def test_deleting_a_highlight_deletes_its_card(alice, seed, clock, session):
    from server.models import HighlightReview, ReviewLog

    h = highlight(alice, seed, 0)
    alice.post(f"/api/v1/highlights/{h['id']}/review", json={"rating": "good"})
    assert alice.delete(f"/api/v1/highlights/{h['id']}").status_code == 204
    assert session.get(HighlightReview, h["id"]) is None
    assert session.query(ReviewLog).filter_by(highlight_id=h["id"]).count() == 0


@pytest.fixture()
def save_article_api():
    def save(user):
        paras = "".join(f"<p>Paragraph {i} is about gardens: the quiet pleasure of looking after them "
                        "every evening, before the light goes.</p>" for i in range(6))
        html = ("<html><head><title>Gardens</title></head>"
                f"<body><article><h1>Gardens</h1>{paras}</article></body></html>")
        r = user.save("https://example.org/gardens", html)
        assert r.status_code == 201, r.json
        return r.json
    return save

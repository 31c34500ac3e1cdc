"""Requests at the same time, on a database of their own as served (no test transaction):
one slow save does not hold up anyone else (its page is extracted before any write, so
another user's list and save complete while it is still extracting; SQLite's reads never
wait for a writer and its writes are short), and parallel password guesses get exactly
the sign-in budget."""
from __future__ import annotations

import threading

import pytest

from server import create_app, extraction
from server.db import SessionFactory, db_session, remove_session
from server.services import auth as auth_service
from tests.conftest import Database

ARTICLE = ("<html><body><article><h1>{title}</h1>"
           + "<p>A sentence long enough to count as an article paragraph for the extractor. </p>" * 12
           + "</article></body></html>")


@pytest.fixture()
def served_app(tmp_path, database):
    """An app on a database of its own, with no test transaction around its requests."""
    db = Database(tmp_path)
    app = create_app({"SECRET_KEY": "concurrent", "DATABASE_URL": db.url, "ENGINE": db.engine, "TESTING": True})
    try:
        yield app
    finally:
        remove_session()
        SessionFactory.configure(bind=database.engine)
        db.drop()


def _token(app, name: str) -> str:
    with app.app_context():
        user = auth_service.create_user(db_session, name, "a long password")
        token = auth_service.create_token(db_session, user)
        db_session.commit()
        return token


def test_a_save_held_mid_extraction_blocks_no_other_user(served_app, monkeypatch):
    alice, bob = _token(served_app, "alice"), _token(served_app, "bob")
    as_bob = {"Authorization": f"Bearer {bob}"}
    first = served_app.test_client().post("/api/v1/pages", headers=as_bob, json={
        "url": "https://example.org/first", "html": ARTICLE.format(title="First")})
    assert first.status_code == 201

    extracting, release = threading.Event(), threading.Event()
    real_extract = extraction.extract

    def held_extract(html, url, encoded=None):
        if "held" in url:
            extracting.set()
            release.wait()
        return real_extract(html, url, encoded)

    monkeypatch.setattr(extraction, "extract", held_extract)
    outcome = {}

    def alice_saves():
        with served_app.test_client() as c:
            outcome["alice"] = c.post("/api/v1/pages", headers={"Authorization": f"Bearer {alice}"},
                                      json={"url": "https://example.org/held", "html": ARTICLE.format(title="Held")})

    saving = threading.Thread(target=alice_saves)
    saving.start()
    try:
        assert extracting.wait(60), "the held save never reached extraction"
        bob_client = served_app.test_client()
        listed = bob_client.get("/api/v1/pages", headers=as_bob)
        assert listed.status_code == 200, listed.get_json()
        assert [p["url"] for p in listed.get_json()["items"]] == ["https://example.org/first"]
        saved = bob_client.post("/api/v1/pages", headers=as_bob, json={
            "url": "https://example.org/second", "html": ARTICLE.format(title="Second")})
        assert saved.status_code == 201, saved.get_json()
        highlighted = bob_client.post(f"/api/v1/pages/{saved.get_json()['id']}/highlights", headers=as_bob,
                                      json={"quote": "long enough to count"})
        assert highlighted.status_code == 201, highlighted.get_json()
        assert saving.is_alive() and "alice" not in outcome  # all of it while alice's save was held
    finally:
        release.set()
        saving.join(120)
    assert outcome["alice"].status_code == 201, outcome["alice"].get_json()
    mine = served_app.test_client().get("/api/v1/pages", headers={"Authorization": f"Bearer {alice}"})
    assert [p["url"] for p in mine.get_json()["items"]] == ["https://example.org/held"]


def test_parallel_guesses_get_exactly_the_sign_in_budget(served_app):
    _token(served_app, "victim")
    budget = served_app.config["LOGIN_MAX_FAILURES"]
    statuses: list[int] = []
    start = threading.Barrier(30)

    def guess(n: int) -> None:
        client = served_app.test_client()
        start.wait()
        resp = client.post("/api/v1/tokens", json={"username": "victim", "password": f"guess number {n}"},
                           environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
        statuses.append(resp.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(statuses) == [401] * budget + [429] * (30 - budget)

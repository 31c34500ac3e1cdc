"""GET /api/v1/export: json (lossless, restored by `gloss import` into an empty
database), markdown zip, csv, and W3C Web Annotation JSON-LD; streamed."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db import make_engine
from server.models import User
from server.services import export as export_service
from server.services import page_list
from tests.conftest import FIXTURES, PASSWORD, SEED_URL

EXPECTED = (FIXTURES / "seed-article.expected.txt").read_text().split("\n\n")
PASSAGE = EXPECTED[2][:120]  # from the article's second paragraph


@pytest.fixture()
def library(alice, seed_html, session):
    """Alice's seed article with two highlights (one with a note, tags and a color), tags,
    and a link-only page with an orphaned highlight."""
    page = alice.save(SEED_URL, seed_html).json
    first = alice.post(f"/api/v1/pages/{page['id']}/highlights",
                       json={"quote": PASSAGE, "note": "=SUM(A1) is not a formula", "color": "blue",
                             "tags": ["ai", "China policy"]})
    assert first.status_code == 201, first.json
    second = alice.post(f"/api/v1/pages/{page['id']}/highlights", json={"quote": EXPECTED[3][:60]})
    assert second.status_code == 201
    assert alice.put(f"/api/v1/pages/{page['id']}/tags", json={"tags": ["news", "ai"]}).status_code == 200
    hypothesis = {"annotations": [{
        "id": "h1", "uri": "https://example.org/essay", "text": "remember this",
        "created": "2024-03-01T10:00:00+00:00", "updated": "2024-03-02T10:00:00+00:00",
        "tags": ["essays"], "document": {"title": ["An essay"]},
        "target": [{"source": "https://example.org/essay", "selector": [
            {"type": "TextQuoteSelector", "exact": "a quoted line", "prefix": "before ", "suffix": " after"}]}]}]}
    r = alice.client.post("/api/v1/import", data=json.dumps(hypothesis),
                          headers=alice.headers({"Content-Type": "application/json"}))
    assert r.status_code == 202, r.json
    queue = alice.client.application.extensions["gloss.queue"]
    with alice.client.application.app_context():
        queue.run_pending()
    return page


def download(user, fmt):
    r = user.client.get(f"/api/v1/export?format={fmt}", headers=user.headers(), buffered=False)
    assert r.status_code == 200
    assert r.is_streamed
    assert r.headers["Content-Disposition"].startswith('attachment; filename="gloss-')
    return r, b"".join(r.response)


def comparable(export: dict) -> dict:
    """An export without what differs between two databases: ids and the export time."""
    pages = []
    for p in export["pages"]:
        p = {k: v for k, v in p.items() if k != "id"}
        p["highlights"] = [{k: v for k, v in h.items() if k != "id"} for h in p["highlights"]]
        pages.append(p)
    return {"pages": pages, "tags": export["tags"], "format": export["format"], "version": export["version"]}


def test_json_export_is_complete(alice, library):
    r, body = download(alice, "json")
    assert r.mimetype == "application/json"
    data = json.loads(body)
    assert data["format"] == "gloss-export" and data["user"] == "alice"
    article = next(p for p in data["pages"] if p["state"] == "article")
    assert article["text"].startswith(EXPECTED[1][:40]) and "<p>" in article["html"]
    assert article["tags"] == ["ai", "news"]
    noted = next(h for h in article["highlights"] if h["note"])
    assert noted["quote"] == PASSAGE and noted["color"] == "blue" and noted["status"] == "anchored"
    assert article["text"][noted["start"]:noted["end"]] == PASSAGE
    assert noted["tags"] == ["ai", "China policy"] and noted["created_at"]
    assert noted["status_note"] is None
    link = next(p for p in data["pages"] if p["state"] == "link")
    assert link["text"] == "" and link["highlights"][0]["status"] == "orphaned"
    assert link["highlights"][0]["status_note"] == "Waiting for the article: open the page and save it."
    assert set(data["tags"]) == {"ai", "China policy", "news", "essays"}


def test_json_round_trip_through_gloss_import_into_an_empty_database(alice, library, tmp_path):
    _r, body = download(alice, "json")
    path = tmp_path / "export.json"
    path.write_bytes(body)
    env = dict(os.environ, GLOSS_DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.db'}",
               GLOSS_SECRET_KEY="x", GLOSS_INSTANCE_DIR=str(tmp_path), GLOSS_PASSWORD=PASSWORD)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "server", *args], env=env,
                              capture_output=True, text=True, cwd=Path(__file__).parents[3])

    assert run("user", "create", "carol").returncode == 0
    done = run("import", str(path))
    assert done.returncode == 0, done.stderr
    assert "Imported a Gloss export into carol's library: 2 pages added" in done.stdout
    assert "importing" in done.stderr  # the progress bar
    engine = make_engine(env["GLOSS_DATABASE_URL"])
    try:
        with Session(engine) as session:
            carol = session.scalars(select(User).where(User.username == "carol")).one()
            again = json.loads(b"".join(export_service.export_json(session, carol)))
            items, _ = page_list.find_pages(session, carol, q="remember")
            assert [item.page.title for item in items] == ["An essay"]  # the import indexed what it restored
    finally:
        engine.dispose()
    assert comparable(again) == comparable(json.loads(body))


def test_w3c_export_is_a_web_annotation_collection(alice, library):
    r, body = download(alice, "w3c")
    assert r.mimetype == "application/ld+json"
    doc = json.loads(body)
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["id"].startswith("http")
    page = doc["first"]
    assert page["type"] == "AnnotationPage" and page["id"]
    items = page["items"]
    assert doc["total"] == len(items) == 3
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("http")
        assert item["motivation"] in ("highlighting", "commenting")
        target = item["target"]
        assert target["source"].startswith("https://")
        kinds = [s["type"] for s in target["selector"]]
        assert kinds[0] == "TextQuoteSelector" and target["selector"][0]["exact"]
        if len(kinds) > 1:
            assert kinds[1] == "TextPositionSelector"
            position = target["selector"][1]
            assert isinstance(position["start"], int) and position["end"] > position["start"]
        for b in item.get("body", []):
            assert b["type"] == "TextualBody" and b["purpose"] in ("commenting", "tagging") and b["value"]
    noted = next(i for i in items if i["motivation"] == "commenting" and i["target"]["source"] == SEED_URL)
    purposes = sorted((b["purpose"], b["value"]) for b in noted["body"])
    assert purposes == [("commenting", "=SUM(A1) is not a formula"), ("tagging", "China policy"),
                        ("tagging", "ai")]
    orphan = next(i for i in items if i["target"]["source"] == "https://example.org/essay")
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]


def test_csv_has_one_row_per_highlight(alice, library):
    r, body = download(alice, "csv")
    assert r.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == 3
    noted = next(row for row in rows if row["color"] == "blue")
    assert noted["note"] == "'=SUM(A1) is not a formula"  # not run as a formula by a spreadsheet
    assert noted["tags"] == "ai; China policy" and noted["status"] == "anchored"
    assert noted["page_url"] == SEED_URL
    waiting = next(row for row in rows if row["page_url"] == "https://example.org/essay")
    assert waiting["status"] == "waiting" and waiting["start"] == ""


def test_markdown_zip_has_a_note_per_page(alice, library):
    r, body = download(alice, "markdown")
    assert r.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.testzip() is None
    names = archive.namelist()
    assert len(names) == 2 and all(n.endswith(".md") for n in names)
    notes = {n: archive.read(n).decode() for n in names}
    article = next(t for t in notes.values() if SEED_URL in t)
    front = article.split("---\n")[1]
    assert f'url: "{SEED_URL}"' in front and "saved: " in front and 'tags: ["ai", "news"]' in front
    assert "title: " in front
    assert f"> {PASSAGE}" in article and "=SUM(A1) is not a formula" in article
    assert "#ai #China-policy" in article
    essay = notes["An essay.md"]
    assert "> a quoted line" in essay and "remember this" in essay
    assert "Waiting for the article: open the page and save it." in essay
    assert "orphaned" not in essay and "no longer" not in essay.lower()
    assert "## Article" not in essay


def test_markdown_notes_carry_the_article_with_highlights_marked_in_place(alice, library):
    _r, body = download(alice, "markdown")
    archive = zipfile.ZipFile(io.BytesIO(body))
    article = next(archive.read(n).decode() for n in archive.namelist() if SEED_URL in archive.read(n).decode())
    head, _, rest = article.partition("## Article\n")
    text, _, listed = rest.partition("## Highlights\n")
    assert 'url: "' in head and text.strip()
    for paragraph in (EXPECTED[1], EXPECTED[5], EXPECTED[-1]):  # the article's words, not only its highlights
        words = paragraph.split()[:6]
        assert " ".join(words) in " ".join(text.replace("==", "").split()), words
    assert text.count("==") == 4  # two highlights, each opened and closed once
    first_words = " ".join(PASSAGE.split()[:5])
    assert f"=={first_words}" in " ".join(text.split())
    assert f"=={' '.join(EXPECTED[3][:60].split()[:4])}" in " ".join(text.split())
    assert "==[^1]" in text and "\n[^1]: =SUM(A1) is not a formula" in article  # the note as a footnote
    assert f"> {PASSAGE}" in listed  # the highlight list it had before


def test_markdown_keeps_headings_lists_links_images_code_and_tables(alice):
    html = """<html><head><title>Formats</title></head><body><article>
      <h1>Formats</h1>
      <p>An opening paragraph that is long enough to be taken for an article by the extractor, with
         <a href="https://example.org/linked">a link in it</a> and more words after the link to fill it out.</p>
      <h2>A section heading</h2>
      <p>Another paragraph of ordinary prose, so the article has some body and the extractor keeps it whole.</p>
      <ul><li>first listed thing</li><li>second listed thing</li></ul>
      <pre><code>print("hello")</code></pre>
      <figure><img src="https://example.org/picture.png" alt="a picture"></figure>
      <table><tr><th>name</th><th>count</th></tr><tr><td>apples</td><td>3</td></tr></table>
      <p>A closing paragraph with enough words in it to look like the end of a real article text.</p>
    </article></body></html>"""
    page = alice.save("https://example.org/formats", html).json
    quote = "second listed thing"
    assert alice.post(f"/api/v1/pages/{page['id']}/highlights", json={"quote": quote}).status_code == 201
    _r, body = download(alice, "markdown")
    archive = zipfile.ZipFile(io.BytesIO(body))
    (name,) = archive.namelist()
    note = archive.read(name).decode()
    assert "## A section heading" in note
    assert "- first listed thing" in note and f"- =={quote}==" in note
    assert "[a link in it](https://example.org/linked)" in note
    assert "![a picture](https://example.org/picture.png)" in note
    assert 'print("hello")' in note and "```" in note
    assert "| apples | 3 |" in note


def test_markdown_zip_entries_are_readable_files(alice, library):
    _r, body = download(alice, "markdown")
    for info in zipfile.ZipFile(io.BytesIO(body)).infolist():
        assert info.external_attr >> 16 == 0o100644, (info.filename, oct(info.external_attr >> 16))


def test_markdown_is_written_incrementally(alice, library, session):
    chunks = list(export_service.export_markdown(session, alice.user))
    assert len(chunks) >= 3  # one per note, then the central directory


def test_export_holds_only_the_callers_data(alice, bob, library):
    _r, body = download(bob, "json")
    assert json.loads(body)["pages"] == []
    _r, body = download(bob, "w3c")
    assert json.loads(body)["total"] == 0


def test_unknown_format_is_400(alice):
    assert alice.get("/api/v1/export?format=pdf").status_code == 400


def test_review_state_round_trips_through_the_json_export(alice, bob, library, app, monkeypatch):
    from datetime import datetime, timezone

    monkeypatch.setitem(app.config, "NOW", datetime(2026, 3, 2, 9, tzinfo=timezone.utc).isoformat())
    monkeypatch.setitem(app.config, "REVIEW_FUZZ", False)
    page = alice.get(f"/api/v1/pages/{library['id']}").json
    first, second = (h["id"] for h in page["highlights"])
    assert alice.post(f"/api/v1/highlights/{first}/review", json={"rating": "good"}).status_code == 200
    alice.patch(f"/api/v1/highlights/{first}/review", json={"favourite": True})
    alice.patch(f"/api/v1/highlights/{second}/review", json={"retired": True})
    _r, body = download(alice, "json")
    data = json.loads(body)
    assert data["version"] == 3
    cards = {h["quote"]: h["review"] for p in data["pages"] for h in p["highlights"]}
    good = cards[PASSAGE]
    assert good["state"] == "review" and good["favourite"] and good["reviews"] == 1
    assert good["due"].startswith("2026-03-0") and good["stability"] > 0
    assert cards[EXPECTED[3][:60]]["retired"] is True and cards[EXPECTED[3][:60]]["state"] == "new"
    assert cards["a quoted line"] is None  # never touched

    r = bob.client.post("/api/v1/import", data=body, headers=bob.headers({"Content-Type": "application/json"}))
    assert r.status_code == 202, r.json
    with bob.client.application.app_context():
        bob.client.application.extensions["gloss.queue"].run_pending()
    _r, again = download(bob, "json")
    assert comparable(json.loads(again)) == comparable(data)
    bob_page = next(p for p in bob.get("/api/v1/pages").json["items"] if p["url"] == SEED_URL)
    restored = bob.get(f"/api/v1/pages/{bob_page['id']}").json["highlights"]
    assert {bob.get(f"/api/v1/highlights/{h['id']}/review").json["retired"] for h in restored} == {True, False}
    # Bob's review is his own: restored as in the file, with today's session from it.
    due = [i["highlight"]["quote"] for i in bob.get("/api/v1/review").json["items"]]
    assert PASSAGE not in due and EXPECTED[3][:60] not in due


def test_a_broken_review_record_is_refused(alice, bob, library):
    _r, body = download(alice, "json")
    data = json.loads(body)
    data["pages"][0]["highlights"][0]["review"] = {"state": "review", "favourite": False}
    r = bob.client.post("/api/v1/import", data=json.dumps(data),
                        headers=bob.headers({"Content-Type": "application/json"}))
    if r.status_code == 202:
        with bob.client.application.app_context():
            bob.client.application.extensions["gloss.queue"].run_pending()
        job = bob.get(r.headers["Location"].split("/api/v1", 1)[1]).json
        assert job["state"] == "failed" and "review" in job["error"], job
    else:
        assert r.status_code == 422 and "review" in r.json["error"]["message"]


def test_the_quote_as_first_highlighted_survives_export_and_import(alice, bob, library, session, run_jobs):
    """`highlighted` (the quote as the user highlighted it, before re-anchoring changed
    `quote`) is exported and restored, so that a passage rewritten over later saves is still
    judged against what was highlighted."""
    from server.models import Highlight

    noted = session.scalars(select(Highlight).where(Highlight.user_id == alice.user.id,
                                                    Highlight.color == "blue")).one()
    noted.highlighted = "the passage as it read when highlighted"
    session.commit()
    _r, body = download(alice, "json")
    exported = [h for p in json.loads(body)["pages"] for h in p["highlights"]]
    assert sorted(h["highlighted"] or "" for h in exported) == ["", "", "the passage as it read when highlighted"]
    r = bob.client.post("/api/v1/import", data=body, headers=bob.headers({"Content-Type": "application/json"}))
    assert r.status_code == 202, r.json
    run_jobs()
    restored = session.scalars(select(Highlight).where(Highlight.user_id == bob.user.id)).all()
    assert sorted(h.highlighted or "" for h in restored) == ["", "", "the passage as it read when highlighted"]
    mine = next(h for h in restored if h.highlighted)
    assert mine.quote == PASSAGE and mine.status == "anchored"


def test_an_overlong_highlighted_quote_fails_the_import(alice, bob, library):
    _r, body = download(alice, "json")
    data = json.loads(body)
    data["pages"][0]["highlights"][0]["highlighted"] = "x" * 20001
    r = bob.client.post("/api/v1/import", data=json.dumps(data),
                        headers=bob.headers({"Content-Type": "application/json"}))
    assert r.status_code in (400, 422), r.json
    assert "'highlighted' has 20001 characters" in r.json["error"]["message"]

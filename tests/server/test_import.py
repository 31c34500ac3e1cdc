"""Imports: Gloss JSON (all or nothing, idempotent), Omnivore (articles through
the save path), Hypothesis and Pocket (link pages, orphaned highlights that
re-anchor when the page is saved from the browser), and bad files."""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from server.models import Highlight, Page
from server.services.jsonstream import JSONObjectReader, JSONStreamError
from tests.conftest import FIXTURES, SEED_URL

RUN_JOBS = None

PARAGRAPHS = (FIXTURES / "seed-article.expected.txt").read_text().split("\n\n")
QUOTE = PARAGRAPHS[2][40:160].strip()
PREFIX = PARAGRAPHS[2][8:40]


@dataclass
class Imported:
    """The import's finished job, in the shape of a response: its result is the report."""

    status_code: int
    json: dict


@pytest.fixture(autouse=True)
def _jobs(run_jobs):
    global RUN_JOBS
    RUN_JOBS = run_jobs


def upload(user, body: bytes | str, content_type="application/octet-stream", fmt=None):
    """Uploads an export; when it is queued (202), runs its jobs and answers the report."""
    data = body.encode() if isinstance(body, str) else body
    path = "/api/v1/import" + (f"?format={fmt}" if fmt else "")
    r = user.client.post(path, data=data, headers=user.headers({"Content-Type": content_type}))
    if r.status_code != 202:
        return r
    assert r.json["kind"] == "import" and r.headers["Location"].endswith(f"/api/v1/jobs/{r.json['id']}")
    RUN_JOBS()
    job = user.get(f"/api/v1/jobs/{r.json['id']}").json
    assert job["state"] == "done" and job["progress"] == 1.0 and job["done"] == job["total"], job
    return Imported(200, job["result"])


def hypothesis_export(uri=SEED_URL) -> dict:
    return {"export_date": "2024-05-01T00:00:00Z", "export_userid": "acct:alice@hypothes.is",
            "annotations": [
                {"id": "a1", "uri": uri, "created": "2024-04-01T09:00:00+00:00",
                 "updated": "2024-04-02T09:00:00+00:00", "text": "a sharp point", "tags": ["ai"],
                 "document": {"title": ["Chinese AI models"]},
                 "target": [{"source": uri, "selector": [
                     {"type": "RangeSelector", "startContainer": "/p[3]", "startOffset": 0,
                      "endContainer": "/p[3]", "endOffset": 10},
                     {"type": "TextPositionSelector", "start": 9000, "end": 9120},
                     {"type": "TextQuoteSelector", "exact": QUOTE, "prefix": PREFIX, "suffix": ""}]}]},
                {"id": "a2", "uri": uri, "text": "page note", "target": [{"source": uri}]},
                {"id": "a3", "uri": uri, "references": ["a1"], "text": "reply", "target": [{"source": uri}]},
                {"id": "a4", "uri": "urn:x-pdf:123", "text": "pdf", "target": [{"source": "urn:x-pdf:123",
                 "selector": [{"type": "TextQuoteSelector", "exact": "x"}]}]},
            ]}


def test_hypothesis_import_makes_link_page_that_reanchors_on_save(alice, seed_html, session):
    r = upload(alice, json.dumps(hypothesis_export()), "application/json")
    assert r.status_code == 200, r.json
    assert r.json["format"] == "hypothesis"
    assert (r.json["pages_created"], r.json["highlights_created"], r.json["highlights_orphaned"]) == (1, 1, 1)
    assert len(r.json["skipped"]) == 3  # the page note, the reply and the PDF
    (item,) = alice.get("/api/v1/pages").json["items"]
    assert item["state"] == "link" and item["title"] == "Chinese AI models"
    page = alice.get(f"/api/v1/pages/{item['id']}").json
    assert page["text"] == "" and page["html"] == ""
    (h,) = page["highlights"]
    assert h["status"] == "orphaned" and h["start"] is None and h["end"] is None
    assert (h["quote"], h["prefix"], h["note"], h["tags"]) == (QUOTE, PREFIX, "a sharp point", ["ai"])
    assert h["created_at"].startswith("2024-04-01")

    saved = alice.save(SEED_URL, seed_html)
    assert saved.status_code == 200 and saved.json["id"] == item["id"]
    assert saved.json["state"] == "article"
    (h,) = saved.json["highlights"]
    assert h["status"] == "anchored"
    assert saved.json["text"][h["start"]:h["end"]] == QUOTE


def test_pocket_html_export(alice):
    html = """<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>
    <h1>Unread</h1><ul>
      <li><a href="https://example.org/a?utm_source=x" time_added="1600000000" tags="essays,long reads">Essay A</a></li>
      <li><a href="javascript:alert(1)" time_added="1600000001">bad</a></li>
    </ul>
    <h1>Read Archive</h1><ul>
      <li><a href="https://example.org/b" time_added="1500000000" tags="">Essay &amp; B</a></li>
    </ul></body></html>"""
    r = upload(alice, html, "text/html")
    assert r.status_code == 200, r.json
    assert r.json["format"] == "pocket" and r.json["pages_created"] == 2
    items = {i["title"]: i for i in alice.get("/api/v1/pages").json["items"]}
    a, b = items["Essay A"], items["Essay & B"]
    assert a["url"] == "https://example.org/a" and a["tags"] == ["essays", "long reads"]
    assert a["saved_at"].startswith("2020-09-13") and a["read"] is False and a["state"] == "link"
    assert b["read"] is True
    again = upload(alice, html, "text/html")  # importing twice adds nothing
    assert (again.json["pages_created"], again.json["pages_updated"]) == (0, 2)


def test_pocket_csv_export(alice):
    body = ("title,url,time_added,cursor,tags,status\n"
            '"A title, with a comma",https://example.org/c,1728576752,7187623980,one|two words,archive\n'
            "Plain,https://example.org/d,1728576752,7187623981,,unread\n")
    r = upload(alice, body, "text/csv")
    assert r.status_code == 200, r.json
    items = {i["title"]: i for i in alice.get("/api/v1/pages").json["items"]}
    assert items["A title, with a comma"]["tags"] == ["one", "two words"]
    assert items["A title, with a comma"]["read"] is True and items["Plain"]["read"] is False


def omnivore_zip(seed_html: str) -> bytes:
    records = [
        {"id": "1", "slug": "seed", "title": "Seed", "url": SEED_URL, "state": "Archived",
         "readingProgress": 100, "labels": ["ai", "news"], "savedAt": "2024-10-30T12:39:28.023Z",
         "updatedAt": "2024-10-30T12:39:28.023Z"},
        {"id": "2", "slug": "gone", "title": "Gone", "url": "https://example.org/gone", "state": "Active",
         "readingProgress": 0, "labels": [], "savedAt": "2024-10-29T12:00:00Z"},
    ]
    highlights = (f"> {QUOTE} [⤴️](https://omnivore.app/me/seed#abc)\n\nmy note\n\n"
                  "> a passage that is not in the article [⤴️](https://omnivore.app/me/seed#def)\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("metadata_0_to_2.json", json.dumps(records))
        z.writestr("content/seed.html", seed_html)
        z.writestr("highlights/seed.md", highlights)
    return buf.getvalue()


def test_omnivore_zip_saves_articles_through_the_save_path(alice, seed_html):
    r = upload(alice, omnivore_zip(seed_html), "application/zip")
    assert r.status_code == 200, r.json
    assert r.json["pages_created"] == 2 and r.json["highlights_created"] == 2
    assert r.json["highlights_orphaned"] == 1
    items = {i["title"]: i for i in alice.get("/api/v1/pages").json["items"]}
    gone = items.pop("Gone")
    (seed,) = items.values()
    assert seed["state"] == "article" and seed["tags"] == ["ai", "news"] and seed["read"] is True
    assert seed["saved_at"].startswith("2024-10-30")
    assert gone["state"] == "link"
    page = alice.get(f"/api/v1/pages/{seed['id']}").json
    anchored = next(h for h in page["highlights"] if h["status"] == "anchored")
    assert page["text"][anchored["start"]:anchored["end"]] == QUOTE and anchored["note"] == "my note"
    found = alice.get("/api/v1/pages?q=" + "note").json["items"]
    assert [i["id"] for i in found] == [seed["id"]]  # imported notes are searchable


def gloss_export(alice) -> bytes:
    return b"".join(alice.client.get("/api/v1/export?format=json", headers=alice.headers()).response)


def test_gloss_import_is_idempotent(alice, bob, seed_html):
    alice.save(SEED_URL, seed_html)
    upload(alice, json.dumps(hypothesis_export("https://example.org/x")), "application/json")
    body = gloss_export(alice)
    first = upload(bob, body, "application/json")
    assert first.status_code == 200 and first.json["pages_created"] == 2
    again = upload(bob, body, "application/json")
    assert (again.json["pages_created"], again.json["pages_updated"], again.json["highlights_created"]) == (0, 2, 0)


def count(session, model, user):
    return session.scalar(select(func.count()).select_from(model).where(model.user_id == user.user.id))


@pytest.mark.parametrize("body", [
    b"",
    b"not an export at all",
    b'{"format": "gloss-export", "version": 1, "pages": [{"url": "https://a.example/1", "text": "x"}, ',
    b'{"format": "gloss-export", "version": 1, "pages": [{"url": "https://a.example/1"}, {"url": 5}]}',
    b'{"format": "gloss-export", "version": 1, "pages": [{"url": "https://a.example/1", '
    b'"highlights": [{"quote": "q", "created_at": "yesterday"}]}]}',
    b'{"format": "gloss-export", "version": 9, "pages": []}',
    b"PK\x03\x04 broken zip",
    b'{"something": "else"}',
    b"\xff\xfe\x00garbage",
])
def test_bad_files_import_nothing(alice, session, body):
    r = upload(alice, body, "application/json")
    assert r.status_code in (400, 422), r.json
    assert r.json["error"]["message"]
    assert count(session, Page, alice) == 0 and count(session, Highlight, alice) == 0


def test_declared_format_must_match(alice):
    r = upload(alice, json.dumps(hypothesis_export()), "application/json", fmt="pocket")
    assert r.status_code == 422 and "hypothesis" in r.json["error"]["message"]


def test_json_reader_streams_members_across_chunk_edges():
    pages = [{"n": i, "text": "é" * 5000 + str(i)} for i in range(30)]
    raw = json.dumps({"format": "gloss-export", "pages": pages, "tags": ["a"], "count": 12345}).encode()

    class Trickle(io.BytesIO):
        def read(self, n=-1):
            return super().read(min(n, 777) if n and n > 0 else 777)

    got = list(JSONObjectReader(Trickle(raw)).members(streamed="pages"))
    assert [v for k, v in got if k == "pages"] == pages
    assert ("count", 12345) in got and ("tags", ["a"]) in got
    with pytest.raises(JSONStreamError):
        list(JSONObjectReader(io.BytesIO(raw[:-1] + b"]")).members(streamed="pages"))

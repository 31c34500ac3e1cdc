"""Imports: Gloss JSON (all or nothing, idempotent), Omnivore (articles through
the save path), Hypothesis and Pocket (link pages, orphaned highlights that
re-anchor when the page is saved from the browser), and bad files."""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from server.models import Highlight, Page
from server.services.jsonstream import JSONObjectReader, JSONStreamError
from tests.conftest import FIXTURES, SEED_URL

RUN_JOBS: Callable[[], object]  # the run_jobs fixture, set for each test by _jobs

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
    assert r.json["highlights_waiting"] == 1  # on a link: waiting for its article
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
    assert r.json["highlights_waiting"] == 0  # its page has its article: the passage is not in it
    from server.services.importers import import_summary
    assert import_summary(r.json) == ("Imported an Omnivore export: 2 pages added, 0 updated, 2 highlights "
                                      "(1 not found in their article).")
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
    assert r.status_code == 422
    assert r.json["error"]["message"] == "This looks like a Hypothesis export, not a Pocket one."


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


class InflationCounter:
    """Counts every byte zipfile inflates, whatever member and reader asks for it."""

    def __init__(self, monkeypatch):
        self.inflated = 0
        real = zipfile._get_decompressor  # type: ignore[attr-defined]  # private: what every reader inflates through
        counter = self

        class Counting:
            def __init__(self, inner):
                self.inner = inner

            def decompress(self, data, *args):
                out = self.inner.decompress(data, *args)
                counter.inflated += len(out)
                return out

            def __getattr__(self, name):
                return getattr(self.inner, name)

        monkeypatch.setattr(zipfile, "_get_decompressor", lambda kind: Counting(real(kind)))


def bomb(member: str, size: int, declared: int | None = None) -> bytes:
    """A zip whose `member` is `size` zero bytes (a few KiB compressed); `declared` lies about it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata_0_to_0.json", json.dumps([{"slug": "boom", "url": "https://example.org/boom",
                                                        "title": "Boom", "savedAt": "2024-01-01T00:00:00Z"}]))
        with z.open(member, "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                f.write(chunk)
    raw = buf.getvalue()
    if declared is not None:  # rewrite the sizes the archive states for the member
        raw = _lie_about_size(raw, member.encode(), declared)
    return raw


def _lie_about_size(raw: bytes, name: bytes, declared: int) -> bytes:
    data = bytearray(raw)
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory entries
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if bytes(data[at + 46:at + 46 + name_len]) == name:
            data[at + 24:at + 28] = declared.to_bytes(4, "little")  # uncompressed size
        at += 4
    return bytes(data)


def test_omnivore_zip_bomb_is_refused_after_inflating_no_more_than_the_cap(alice, session, monkeypatch):
    cap = 1 << 20
    monkeypatch.setitem(alice.client.application.config, "MAX_PAGE_BYTES", cap)
    body = bomb("content/boom.html", 64 << 20)
    assert len(body) < 200 * 1024  # 64 MiB of zeros, a small upload
    counter = InflationCounter(monkeypatch)
    resp = upload(alice, body, "application/zip")
    assert resp.status_code == 200, resp.json
    assert counter.inflated <= cap + 64 * 1024, counter.inflated
    assert resp.json["pages_created"] == 1  # as a link: its content was left out, and the report says so
    assert any("content/boom.html inflates to more than 1 MiB" in s for s in resp.json["skipped"]), resp.json
    page = session.scalar(select(Page).where(Page.user_id == alice.user.id))
    assert page.state == "link" and page.text == ""


def test_a_member_whose_stated_size_lies_is_refused_without_inflating_it(alice, session, monkeypatch):
    monkeypatch.setitem(alice.client.application.config, "MAX_PAGE_BYTES", 1 << 20)
    body = bomb("content/boom.html", 64 << 20, declared=1000)
    counter = InflationCounter(monkeypatch)
    resp = upload(alice, body, "application/zip")
    assert resp.status_code == 422 and "content/boom.html is damaged" in resp.json["error"]["message"], resp.json
    assert counter.inflated <= (1 << 20) + 64 * 1024, counter.inflated
    assert session.scalar(select(func.count(Page.id)).where(Page.user_id == alice.user.id)) == 0


def test_a_bomb_in_the_metadata_fails_the_import_with_a_clear_error(alice, session, monkeypatch):
    monkeypatch.setitem(alice.client.application.config, "MAX_PAGE_BYTES", 1 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata_0_to_9.json", b"[" + b" " * (32 << 20) + b"]")
    counter = InflationCounter(monkeypatch)
    resp = upload(alice, buf.getvalue(), "application/zip")
    assert resp.status_code == 422
    assert "metadata_0_to_9.json inflates to more than 1 MiB" in resp.json["error"]["message"]
    assert counter.inflated <= (1 << 20) + 64 * 1024
    assert session.scalar(select(func.count(Page.id)).where(Page.user_id == alice.user.id)) == 0


def gloss_file(page: dict | None = None, highlight: dict | None = None, tags=None) -> bytes:
    rec = {"id": 1, "url": "https://example.org/limits", "title": "Limits", "state": "article",
           "text": "Some text to highlight here.", "html": "<p>Some text to highlight here.</p>",
           "tags": [], "highlights": [dict({"quote": "text to highlight", "start": 5, "end": 22,
                                            "status": "anchored"}, **(highlight or {}))]}
    rec.update(page or {})
    doc = {"format": "gloss-export", "version": 1, "pages": [rec]}
    if tags is not None:
        doc["tags"] = tags
    return json.dumps(doc).encode()


@pytest.mark.parametrize("page, highlight, tags, expected", [
    ({"tags": [f"t{n}" for n in range(100_000)]}, None, None, "at most 100 tags"),
    ({"tags": ["x" * 101]}, None, None, "a tag has 1 to 100 characters"),
    (None, {"tags": ["y" * 101]}, None, "a tag has 1 to 100 characters"),
    (None, {"tags": [f"t{n}" for n in range(101)]}, None, "at most 100 tags"),
    (None, None, ["z" * 101], "a tag has 1 to 100 characters"),
    ({"language": "en-" + "x" * 100}, None, None, "'language' has 103 characters; at most 20"),
    ({"published": "2024" * 20}, None, None, "'published' has 80 characters; at most 40"),
    ({"title": "T" * 2001}, None, None, "'title' has 2001 characters; at most 2000"),
    ({"url": "https://example.org/a b"}, None, None, "cannot contain spaces"),
    ({"url": "https://example.org:99999/"}, None, None, "port up to 65535"),
    ({"progress": 2.5}, None, None, "'progress' must be a number from 0 to 1"),
    (None, {"note": "n" * 20001}, None, "'note' has 20001 characters"),
    (None, {"prefix": "p" * 1001}, None, "'prefix' has 1001 characters"),
    (None, {"quote": "q" * 20001}, None, "'quote' has 20001 characters"),
    (None, {"color": "#ff0000"}, None, "'color' must be one of yellow"),
], ids=["100k page tags", "long page tag", "long highlight tag", "101 highlight tags", "long library tag",
        "long language", "long published", "long title", "url with a space", "port 99999", "progress 2.5",
        "long note", "long prefix", "long quote", "unknown colour"])
def test_gloss_import_applies_exactly_the_api_limits(alice, session, page, highlight, tags, expected):
    resp = upload(alice, gloss_file(page, highlight, tags), "application/json")
    assert resp.status_code == 422 and resp.json["error"]["code"] == "validation_error", resp.json
    assert expected in resp.json["error"]["message"], resp.json
    assert session.scalar(select(func.count(Page.id)).where(Page.user_id == alice.user.id)) == 0


@pytest.mark.parametrize("page, highlight, tags, expected", [
    ({"tags": ["a\x00b"]}, None, None, "a tag holds a NUL byte"),
    ({"title": "T\x00"}, None, None, "'title' holds a NUL byte"),
    ({"url": "https://example.org/\x00"}, None, None, "a URL holds a NUL byte"),
    ({"language": "e\x00"}, None, None, "'language' holds a NUL byte"),
    (None, {"note": "n\x00"}, None, "'note' holds a NUL byte"),
    (None, {"tags": ["\ud800"]}, None, "a tag holds a NUL byte or an unpaired surrogate"),
    (None, None, ["z\x00"], "a tag holds a NUL byte"),
], ids=["page tag", "title", "url", "language", "note", "surrogate highlight tag", "library tag"])
def test_gloss_import_refuses_nul_and_lone_surrogates(alice, session, page, highlight, tags, expected):
    resp = upload(alice, gloss_file(page, highlight, tags), "application/json")
    assert resp.status_code == 422 and resp.json["error"]["code"] == "validation_error", resp.json
    assert expected in resp.json["error"]["message"], resp.json
    assert session.scalar(select(func.count(Page.id)).where(Page.user_id == alice.user.id)) == 0


def test_gloss_import_at_the_limits_is_accepted(alice):
    resp = upload(alice, gloss_file({"tags": [f"t{n}" for n in range(100)], "language": "x" * 20,
                                     "title": "T" * 2000},
                                    {"tags": ["y" * 100], "note": "n" * 20000, "color": "green"}),
                  "application/json")
    assert resp.status_code == 200 and resp.json["pages_created"] == 1, resp.json


def test_gloss_import_page_text_is_bounded_by_the_page_limit(alice, monkeypatch):
    monkeypatch.setitem(alice.client.application.config, "MAX_PAGE_BYTES", 1000)
    resp = upload(alice, gloss_file({"html": "<p>" + "h" * 2000 + "</p>"}), "application/json")
    assert resp.status_code == 422 and "'html' is larger than" in resp.json["error"]["message"]


def test_third_party_items_beyond_the_limits_are_skipped_and_named(alice, session):
    records = [{"slug": "ok", "url": "https://example.org/ok", "title": "Fine", "labels": ["a"]},
               {"slug": "many", "url": "https://example.org/many", "title": "Many",
                "labels": [f"l{n}" for n in range(5000)]},
               {"slug": "long", "url": "https://example.org/long", "title": "Long", "labels": ["x" * 300]}]
    resp = upload(alice, json.dumps(records), "application/json")
    assert resp.status_code == 200 and resp.json["pages_created"] == 1, resp.json
    assert any("at most 100 tags" in s for s in resp.json["skipped"])
    assert any("a tag has 1 to 100 characters" in s for s in resp.json["skipped"])
    urls = session.scalars(select(Page.url).where(Page.user_id == alice.user.id)).all()
    assert urls == ["https://example.org/ok"]


def test_a_gloss_export_keeps_which_pages_are_starred(alice, bob, seed_html):
    page = alice.save(SEED_URL, seed_html).json
    alice.patch(f"/api/v1/pages/{page['id']}", json={"starred": True})
    assert upload(bob, gloss_export(alice), "application/json").status_code == 200
    (mine,) = bob.get("/api/v1/pages").json["items"]
    assert mine["starred"] is True and mine["starred_at"]

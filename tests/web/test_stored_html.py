"""Every path that stores reader HTML stores it cleaned by the one sanitizer, and the
reader shows nothing else: the payload corpus (tests/fixtures/xss-payloads.json) through
a save, a re-extraction, each import format that carries HTML, and pages stored before
the current sanitizer (cleaned on the fly, then for good by `gloss pages resanitize`)."""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html
from sqlalchemy import select, text

from server.models import Page, PageVersion
from server.sanitize import SANITIZER_VERSION
from server.services import pages as page_service
from server.services.compression import compress_html

CORPUS = json.loads((Path(__file__).parents[1] / "fixtures" / "xss-payloads.json").read_text())["payloads"]
PARAGRAPH = "<p>A sentence long enough to count as an article paragraph for the extractor, about {n}. </p>"
DANGEROUS_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
                  "form", "input", "button", "textarea", "select", "base", "meta", "link", "template",
                  "noscript", "portal", "dialog", "video", "audio", "source", "marquee", "details", "title"}
URL_ATTRIBUTES = {"href", "src", "cite"}
ALLOWED_ATTRIBUTES = {"href", "title", "src", "alt", "width", "height", "colspan", "rowspan", "scope", "start",
                      "reversed", "value", "datetime", "cite", "rel"}


def is_reader_image(tag: str, attribute: str, value: str) -> bool:
    """The reader shows images through Gloss: an img's src is then its own signed image path."""
    return tag.lower() == "img" and attribute.lower() == "src" and re.match(r"/pages/\d+/image\?", value) is not None


def dangerous_nodes(fragment: str) -> list[str]:
    """What in reader HTML could run, load, redirect, restyle or pose as the reader's own."""
    if not fragment.strip():
        return []
    found = []
    for el in lxml_html.fragment_fromstring(fragment, create_parent="div").iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in DANGEROUS_TAGS:
            found.append(f"<{el.tag}>")
        for name, value in el.attrib.items():
            if name.lower() not in ALLOWED_ATTRIBUTES:
                found.append(f"<{el.tag} {name}>")
            elif name.lower() in URL_ATTRIBUTES and not value.strip().lower().startswith(
                    ("http://", "https://", "mailto:")) and not is_reader_image(el.tag, name, value):
                found.append(f"<{el.tag} {name}={value[:40]!r}>")
    return found


def article(payloads: list[str]) -> str:
    body = "".join(PARAGRAPH.format(n=n) + p for n, p in enumerate(payloads))
    return f"<html><head><title>Hostile</title></head><body><article><h1>Hostile</h1>{body}</article></body></html>"


def all_payloads() -> list[str]:
    return [p["html"] for p in CORPUS]


def test_the_corpus_is_hostile_before_cleaning():
    """The checker sees the danger in the raw payloads (so a pass below means something)."""
    assert len(CORPUS) >= 60
    flagged = [p["name"] for p in CORPUS if dangerous_nodes(p["html"])]
    assert len(flagged) >= 55, set(p["name"] for p in CORPUS) - set(flagged)


def _stored(session, page_id: int) -> Page:
    session.expire_all()
    return session.get(Page, page_id)


def test_saved_pages_store_and_serve_clean_html(alice, session):
    resp = alice.save("https://example.org/hostile", article(all_payloads()))
    assert resp.status_code == 201, resp.json
    assert dangerous_nodes(resp.json["html"]) == []
    stored = _stored(session, resp.json["id"])
    assert dangerous_nodes(stored.html) == [] and stored.sanitizer_version == SANITIZER_VERSION


def gloss_export(payloads: list[str]) -> bytes:
    pages = [{"id": n, "url": f"https://example.org/imported-{n}", "title": f"Imported {n}", "state": "article",
              "text": f"Imported page {n}.", "html": f"<p>Imported page {n}.</p>{payload}", "tags": [],
              "highlights": []} for n, payload in enumerate(payloads)]
    return json.dumps({"format": "gloss-export", "version": 1, "pages": pages}).encode()


def test_gloss_json_import_stores_clean_html(alice, session, run_jobs):
    resp = alice.post("/api/v1/import", data=gloss_export(all_payloads()), headers={"Content-Type": "application/json"})
    assert resp.status_code == 202, resp.json
    run_jobs()
    session.expire_all()
    rows = session.scalars(select(Page).where(Page.user_id == alice.user.id)).all()
    assert len(rows) == len(CORPUS)
    for row in rows:
        assert dangerous_nodes(row.html) == [], row.url
        assert row.sanitizer_version == SANITIZER_VERSION
        assert "Imported page" in row.html
        assert dangerous_nodes(alice.get(f"/api/v1/pages/{row.id}").json["html"]) == []


def omnivore_zip(payloads: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        records = [{"id": f"item-{n}", "slug": f"item-{n}", "url": f"https://example.org/omnivore-{n}",
                    "title": f"Omnivore {n}", "savedAt": "2024-01-02T03:04:05Z", "labels": []}
                   for n in range(len(payloads))]
        z.writestr("metadata_0_to_10.json", json.dumps(records))
        for n, payload in enumerate(payloads):
            z.writestr(f"content/item-{n}.html", article([payload]))
    return buf.getvalue()


def test_omnivore_import_stores_clean_html(alice, session, run_jobs):
    payloads = all_payloads()[:20]
    resp = alice.post("/api/v1/import", data=omnivore_zip(payloads),
                      headers={"Content-Type": "application/zip"})
    assert resp.status_code == 202, resp.json
    run_jobs()
    session.expire_all()
    rows = session.scalars(select(Page).where(Page.user_id == alice.user.id)).all()
    assert len(rows) == len(payloads) and all(r.state == "article" for r in rows), resp.json
    for row in rows:
        assert dangerous_nodes(row.html) == [], row.url


def test_reextraction_stores_clean_html(alice, session):
    page_id = alice.save("https://example.org/again", article(["<p>plain</p>"])).json["id"]
    version = session.scalar(select(PageVersion).where(PageVersion.page_id == page_id))
    version.source_html = compress_html(article(all_payloads()))
    session.commit()
    assert page_service.reextract_page(session, session.get(Page, page_id)) is None
    session.commit()
    stored = _stored(session, page_id)
    assert "Hostile" in stored.text or stored.text
    assert dangerous_nodes(stored.html) == [] and stored.sanitizer_version == SANITIZER_VERSION


def _legacy_page(session, user_id: int, html: str) -> int:
    """A page as a server before sanitizer versions may have stored it."""
    session.execute(text(
        "INSERT INTO pages (user_id, url, canonical_url, state, title, word_count, reading_minutes, text, html, "
        "sanitizer_version, progress, highlight_count, saved_at, updated_at) VALUES (:uid, :url, :url, "
        "'article', 'Legacy', 3, 1, 'Legacy page text.', :html, 0, 0, 0, :now, :now)"),
        {"uid": user_id, "url": "https://example.org/legacy", "html": html, "now": "2026-01-01 00:00:00"})
    session.commit()
    return session.scalar(select(Page.id).where(Page.url == "https://example.org/legacy"))


def test_pages_stored_before_the_current_sanitizer_are_cleaned(alice, session, app, web_client):
    raw = "<p>Legacy page text.</p>" + "".join(all_payloads())
    page_id = _legacy_page(session, alice.user.id, raw)
    assert dangerous_nodes(raw)
    # shown cleaned at once, in the API and in the reader
    assert dangerous_nodes(alice.get(f"/api/v1/pages/{page_id}").json["html"]) == []
    body = lxml_html.fromstring(web_client(f"/pages/{page_id}")).get_element_by_id("article")
    inner = (body.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in body)
    assert "Legacy page text." in inner and dangerous_nodes(inner) == []
    # and cleaned for good by the upgrade step
    result = app.test_cli_runner().invoke(args=["pages", "resanitize"])
    assert result.exit_code == 0, result.output
    assert "cleaned 1 page" in result.output
    stored = _stored(session, page_id)
    assert stored.sanitizer_version == SANITIZER_VERSION and dangerous_nodes(stored.html) == []
    assert "Legacy page text." in stored.html
    again = app.test_cli_runner().invoke(args=["pages", "resanitize"])
    assert "cleaned 0 pages" in again.output


@pytest.fixture()
def web_client(web, signed_in):
    return web.text

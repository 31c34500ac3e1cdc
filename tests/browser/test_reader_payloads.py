"""The payload corpus (tests/fixtures/xss-payloads.json) rendered in the reader view of
a real Chromium, through each way HTML gets stored: a save from the browser, a Gloss
JSON import, and a page stored before the current sanitizer. Nothing dangerous may be
in the DOM: no scripts but the reader's own, no handlers, frames, forms or foreign
elements in the article, no javascript:/data: URLs, no <meta>/<base> and one reader-data."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.browser.test_web_ui import Api, Watch, sign_in

CORPUS = json.loads((Path(__file__).parents[1] / "fixtures" / "xss-payloads.json").read_text())["payloads"]
PAYLOADS = "".join(f"<p>Payload {n}.</p>{p['html']}" for n, p in enumerate(CORPUS))
ARTICLE = ("<html><head><title>Hostile</title></head><body><article><h1>Hostile</h1>"
           + "".join(f"<p>A sentence long enough to count as an article paragraph, number {n}.</p>{p['html']}"
                     for n, p in enumerate(CORPUS))
           + "</article></body></html>")

DOM_PROBLEMS = """() => {
  const allowedTags = new Set(%s);
  const allowedAttributes = new Set(%s);
  const problems = [];
  const article = document.getElementById("article");
  for (const el of article.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (!allowedTags.has(tag)) problems.push(`<${tag}>`);
    for (const attr of el.attributes) {
      if (!allowedAttributes.has(attr.name)) problems.push(`<${tag} ${attr.name}>`);
      // The reader shows images through Gloss: an img's src is its own signed image path.
      const ownImage = tag === "img" && attr.name === "src" && /^[/]pages[/][0-9]+[/]image[?]/.test(attr.value);
      if (["href", "src", "cite"].includes(attr.name) && !ownImage && !/^(https?:|mailto:)/i.test(attr.value.trim()))
        problems.push(`<${tag} ${attr.name}=${attr.value.slice(0, 40)}>`);
    }
  }
  for (const s of document.scripts) {
    if (!s.src && s.id !== "reader-data") problems.push("inline script");
    if (s.src && new URL(s.src).origin !== location.origin) problems.push(`script from ${s.src}`);
  }
  const data = document.querySelectorAll("#reader-data");
  if (data.length !== 1 || article.contains(data[0])) problems.push(`${data.length} reader-data`);
  for (const sel of ["meta[http-equiv]", "base", "iframe", "frame", "object", "embed", "link[rel=import]"])
    for (const el of document.querySelectorAll(sel)) problems.push(`document ${sel}`);
  if (window.__xss !== undefined) problems.push("a payload ran");
  return {problems, pageId: JSON.parse(data[0].textContent).pageId};
}"""


def _allowed() -> tuple[list[str], list[str]]:
    from server.sanitize import READER_ATTRIBUTES, READER_TAGS

    return sorted(READER_TAGS), sorted({a for names in READER_ATTRIBUTES.values() for a in names} | {"rel"})


def test_no_payload_reaches_the_readers_dom(chromium, live_server):
    api = Api(live_server.base, live_server.create_user("target"))
    saved = api.call("POST", "/api/v1/pages", {"url": "https://example.org/saved", "html": ARTICLE})
    export = {"format": "gloss-export", "version": 1, "pages": [{
        "id": 1, "url": "https://example.org/imported", "title": "Imported", "state": "article",
        "text": "Imported.", "html": PAYLOADS, "tags": [], "highlights": []}]}
    job = api.call("POST", "/api/v1/import", export)  # queued: the server's own worker runs it
    for _ in range(600):
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
        job = api.call("GET", f"/api/v1/jobs/{job['id']}")
    assert job["state"] == "done" and job["result"]["pages_created"] == 1, job
    imported = api.call("GET", "/api/v1/pages?limit=5")["items"]
    imported_id = next(p["id"] for p in imported if p["url"] == "https://example.org/imported")
    with live_server.db.engine.begin() as conn:  # as a server before sanitizer versions stored it
        user_id = conn.execute(text("SELECT id FROM users WHERE username = 'target'")).scalar()
        legacy_id = conn.execute(text(
            "INSERT INTO pages (user_id, url, canonical_url, state, title, word_count, reading_minutes, text, "
            "html, sanitizer_version, progress, highlight_count, saved_at, updated_at) VALUES (:uid, :url, :url, "
            "'article', 'Legacy', 3, 1, 'Legacy.', :html, 0, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) "
            "RETURNING id"), {"uid": user_id, "url": "https://example.org/legacy", "html": PAYLOADS}).scalar()

    tags, attributes = _allowed()
    context = chromium.new_context()
    page: Any = context.new_page()
    watch = Watch(page)
    sign_in(page, live_server.base, "target")
    for page_id in (saved["id"], imported_id, legacy_id):
        page.goto(f"{live_server.base}/pages/{page_id}")
        page.wait_for_load_state("load")
        assert page.url == f"{live_server.base}/pages/{page_id}"
        found = page.evaluate(DOM_PROBLEMS % (json.dumps(tags), json.dumps(attributes)))
        assert found == {"problems": [], "pageId": page_id}, page_id
        assert page.locator("#article p").count() >= 10
    assert watch.dialogs == [] and watch.errors == []
    context.close()

"""The proof that books are valid: epubcheck on a single-page EPUB and on a 50-page
selection with images (served by the local test site), both made through the API as a
reader downloads them. With CI set these must run; elsewhere they skip without epubcheck."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from server.services import books, epub

from tests.books.support import GIF, XHTML, article, chapters, epubcheck, open_book, png, require_epubcheck, \
    serve_image

pytestmark = pytest.mark.once

PAGES = Path(__file__).resolve().parents[1] / "pages"
ATOM = "{http://www.w3.org/2005/Atom}"
ACQUIRE = "http://opds-spec.org/acquisition"


def test_a_single_page_book_passes_epubcheck(alice, site, loopback_allowed, seed_html, tmp_path):
    require_epubcheck()
    page = alice.save("https://example.com/seed", seed_html).json
    words = page["text"].split()
    r = alice.post(f"/api/v1/pages/{page['id']}/highlights",
                   json={"quote": " ".join(words[10:16]), "note": "A note & <its> markup"})
    assert r.status_code == 201
    r = alice.get(f"/api/v1/pages/{page['id']}/book.epub")
    assert r.status_code == 200 and r.mimetype == "application/epub+zip"
    path = tmp_path / "page.epub"
    path.write_bytes(r.data)
    epubcheck(path)


def test_a_fifty_page_selection_with_images_passes_epubcheck(alice, site, loopback_allowed, tmp_path):
    require_epubcheck()
    shared = serve_image(site, "/shared.gif", GIF, "image/gif")
    for n in range(50):
        own = serve_image(site, f"/img{n}.png", png(2 + n, 3), "image/png")
        html = article(f"Article {n}", n, [(own, f"figure of {n}"), (shared, "the logo"),
                                           (site.base + f"/gone{n}.png", "a lost picture")])
        r = alice.save(f"https://example.com/articles/{n}", html, title=f"Article {n}")
        assert r.status_code == 201
        page_id = r.json["id"]
        assert alice.put(f"/api/v1/pages/{page_id}/tags", json={"tags": ["fifty"]}).status_code == 200
        if n % 5 == 0:
            alice.post(f"/api/v1/pages/{page_id}/highlights",
                       json={"quote": f"Paragraph 1 of article {n}", "note": f"Note on {n}"})
    # As an e-reader gets it: the tag's OPDS feed, then its whole-selection acquisition link.
    r = alice.get("/opds/tags/fifty")
    assert r.status_code == 200
    feed = etree.fromstring(r.data)
    links = [link.get("href", "") for link in feed.iter(ATOM + "link") if link.get("rel") == ACQUIRE]
    assert len(links) == 51  # the whole selection, and each of its pages
    r = alice.get(urlsplit(links[0]).path + "?" + urlsplit(links[0]).query)
    assert r.status_code == 200 and r.mimetype == "application/epub+zip"
    book = open_book(r.data)
    parsed = chapters(book)
    assert len(parsed) == 50
    images = [n for n in book.namelist() if n.startswith("OEBPS/images/")]
    assert len(images) == 51  # one per article and the shared one, once
    assert sum(1 for c in parsed for _ in c.iter(XHTML + "mark")) == 10
    path = tmp_path / "fifty.epub"
    path.write_bytes(r.data)
    epubcheck(path)


def test_the_golden_pages_as_one_book_pass_epubcheck(alice, session, tmp_path):
    """Real articles (tests/pages) with their markup as extraction leaves it: the
    repairs that make reader HTML valid XHTML hold on them. Their images are on the
    internet, so none is fetched here (each keeps its alt text)."""
    require_epubcheck()
    ids = []
    for folder in sorted(PAGES.iterdir()):
        url = json.loads((folder / "expected.json").read_text())["url"]
        r = alice.save(url, (folder / "source.html").read_text(encoding="utf-8", errors="replace"))
        assert r.status_code == 201, folder.name
        words = r.json["text"].split()
        alice.post(f"/api/v1/pages/{r.json['id']}/highlights",
                   json={"quote": " ".join(words[30:37]), "note": f"On {folder.name}"})
        ids.append(r.json["id"])
    pages = [books.book_page(session, alice.user, page_id) for page_id in ids]
    data = epub.build_epub(pages, title="Golden pages")
    parsed = chapters(open_book(data))
    assert len(parsed) == len(ids) >= 10
    assert sum(1 for c in parsed for _ in c.iter(XHTML + "mark")) >= len(ids)
    path = tmp_path / "golden.epub"
    path.write_bytes(data)
    epubcheck(path)

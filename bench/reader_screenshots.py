"""Screenshots of the reader view of each golden page in tests/pages/, to look at.

Each page is extracted as a save would, put in the reader's markup with the
reader's stylesheet, and photographed with Chromium at a desktop and a phone
width. The pictures go to bench/out/reader/ (not tracked).

    .venv/bin/python bench/reader_screenshots.py [SLUG ...] [--chromium PATH]
"""
from __future__ import annotations

import argparse
import html
import json
import logging
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.common import REPO_ROOT  # noqa: E402
from server.extraction import extract  # noqa: E402

PAGES = REPO_ROOT / "tests" / "pages"
STYLESHEET = REPO_ROOT / "server" / "web" / "static" / "gloss.css"
OUT = REPO_ROOT / "bench" / "out" / "reader"
WIDTHS = {"desktop": 1100, "phone": 390}


def reader_document(slug: str) -> str:
    folder = PAGES / slug
    url = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["url"]
    article = extract((folder / "source.html").read_text(encoding="utf-8"), url)
    meta = " · ".join(html.escape(part) for part in (article.author, article.published, article.kind) if part)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{STYLESHEET.as_uri()}"></head><body><main>
<article class="reader"><header class="article-head">
<p class="article-head__site">{html.escape(article.site_name or "")}</p>
<h1 class="article-head__title">{html.escape(article.title or url)}</h1>
<p class="meta article-head__meta">{meta}</p></header>
<div class="article-body">{article.html}</div></article></main></body></html>"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slugs", nargs="*", help="golden page folders (default: all)")
    parser.add_argument("--chromium", default=shutil.which("chromium"),
                        help="the Chromium binary (default: on the PATH)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    slugs = args.slugs or sorted(path.name for path in PAGES.iterdir() if (path / "source.html").exists())
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium)
        try:
            for slug in slugs:
                document = OUT / f"{slug}.html"
                document.write_text(reader_document(slug), encoding="utf-8")
                for name, width in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(document.as_uri())
                    shot = OUT / f"{slug}-{name}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    page.close()
                    print(shot.relative_to(REPO_ROOT))
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

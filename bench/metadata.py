"""Score Gloss's metadata alone (title, author, author given where the page has none, date,
date given where it has none) against WCXB's ground truth, much faster than
bench/extraction.py: what trafilatura finds in each page (the part of extract() that metadata
does not change) is cached under bench/out/, and only Gloss's own metadata step runs again on
each call. The few pages where extract() finds no article (and so gives no metadata) are
scored here with their metadata all the same, so the figures may be a page or two above
bench/extraction.py's.

    .venv/bin/python bench/metadata.py [--data DIR] [--split dev] [--kinds article]
        [--limit N] [--show title,author,none,date,undated] [--count N]
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402
from lxml import html as lxml_html  # noqa: E402
from trafilatura.settings import Document  # noqa: E402
from trafilatura.utils import load_html  # noqa: E402

from bench.common import REPO_ROOT, add_data_option, data_dir  # noqa: E402
from bench.extraction_data import (SPLITS, Page, author_names, date_in_page, load_pages, same_author,  # noqa: E402
                                   same_date, same_title, title_in_page)
from server.extraction.article import THREAD_SETTINGS, TRAFILATURA_SETTINGS, _without_lone_surrogates  # noqa: E402
from server.extraction.kinds import THREAD, page_kind  # noqa: E402
from server.extraction.metadata import Found, Metadata, declared, page_metadata  # noqa: E402
from server.extraction.source import prepare  # noqa: E402

CACHE = REPO_ROOT / "bench" / "out" / f"metadata-found-trafilatura-{trafilatura.__version__}.json"
SHOWN = ("title", "author", "none", "date", "undated")


def trafilatura_found(html: str, url: str) -> dict:
    """What extract() hands to the metadata step from trafilatura, computed the same way."""
    tree = load_html(_without_lone_surrogates(html)[0])
    if tree is None:
        return {}
    kind = page_kind(declared(tree), url)
    settings = THREAD_SETTINGS if kind == THREAD else TRAFILATURA_SETTINGS
    document = trafilatura.bare_extraction(prepare(tree), url=url, **settings)
    if not isinstance(document, Document):  # (a dict only when asked for)
        return {}
    return {"title": document.title, "author": document.author, "date": document.date,
            "site_name": document.sitename}


def gloss_metadata(html: str, url: str, found: dict) -> Metadata | None:
    tree = load_html(_without_lone_surrogates(html)[0])
    if tree is None:
        return None
    page = declared(tree)
    return page_metadata(page, Found(**found), url, thread=page_kind(page, url) == THREAD)


# How a miss is told from one that no choice among what the page says could get right: the true
# title written whole in the page, the true date written in one of the usual ways.
WRITTEN = {
    "title": lambda page: title_in_page(lxml_html.document_fromstring(page.html().encode()), page.title or ""),
    "date": lambda page: date_in_page(page.html(), page.published or ""),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_option(parser)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--kinds", default="", help="only these WCXB page kinds (comma-separated)")
    parser.add_argument("--ids", default="", help="only these pages, as wcxb/id (comma-separated)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--show", default="", help=f"list the misses of these fields ({', '.join(SHOWN)})")
    parser.add_argument("--count", type=int, default=40, help="list up to N misses per field")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)

    pages: list[Page] = load_pages(data_dir(args.data, "wcxb-dev"), ["wcxb"], args.split)
    if args.kinds:
        pages = [page for page in pages if page.kind in args.kinds.split(",")]
    if args.ids:
        pages = [page for page in pages if page.key in args.ids.split(",")]
    if args.limit:
        pages = pages[:args.limit]
    cache = json.loads(CACHE.read_text(encoding="utf-8")) if CACHE.exists() else {}
    dirty = False
    started = time.perf_counter()
    results: dict[str, Metadata | None] = {}
    for number, page in enumerate(pages, 1):
        html = page.html()
        if page.key not in cache:
            cache[page.key] = trafilatura_found(html, page.url)
            dirty = True
            if number % 100 == 0:
                CACHE.parent.mkdir(parents=True, exist_ok=True)
                CACHE.write_text(json.dumps(cache), encoding="utf-8")
                print(f"... {number}/{len(pages)} pages, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        results[page.key] = gloss_metadata(html, page.url, cache[page.key])
    if dirty:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps(cache), encoding="utf-8")
    print(f"{len(pages)} WCXB pages ({args.split} split), {time.perf_counter() - started:.1f} s")

    def value(page: Page, field: str) -> str:
        meta = results[page.key]
        return (getattr(meta, field) or "") if meta else ""

    misses: dict[str, list[str]] = {name: [] for name in SHOWN}
    for label, field, truth_field, same, name in (("title right", "title", "title", same_title, "title"),
                                                  ("author right", "author", "author", same_author, "author"),
                                                  ("date right", "published", "published", same_date, "date")):
        having = [page for page in pages if getattr(page, truth_field)]
        right, written = 0, 0
        for page in having:
            if same(value(page, field), getattr(page, truth_field)):
                right += 1
                continue
            misses[name].append(f"  {page.key} {page.kind}: {value(page, field)!r} want "
                                f"{getattr(page, truth_field)!r}")
            written += name in WRITTEN and WRITTEN[name](page)
        ceiling = (f"  (of the {len(having) - right} misses, {written} have the truth written in the page: "
                   f"at most {(right + written) / max(1, len(having)):.1%})") if name in WRITTEN else ""
        print(f"{label:<26}{right:>5}/{len(having):<5} {right / max(1, len(having)):.1%}{ceiling}")
    without = [page for page in pages if not author_names(page.author)]
    given = [page for page in without if value(page, "author").strip()]
    misses["none"] = [f"  {page.key} {page.kind}: {value(page, 'author')!r}" for page in given]
    print(f"{'author given where none':<26}{len(given):>5}/{len(without):<5} {len(given) / max(1, len(without)):.1%}")
    undated = [page for page in pages if not page.published]
    dated = [page for page in undated if value(page, "published")]
    misses["undated"] = [f"  {page.key} {page.kind}: {value(page, 'published')!r}" for page in dated]
    print(f"{'date given where none':<26}{len(dated):>5}/{len(undated):<5} {len(dated) / max(1, len(undated)):.1%}")
    for name in filter(None, args.show.split(",")):
        print(f"\n{name} misses ({len(misses[name])}):")
        print("\n".join(misses[name][:args.count]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

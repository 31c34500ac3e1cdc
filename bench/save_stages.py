"""Where a save's time goes, beside a bare trafilatura call: processor time per step.

For the AEB pages (or those whose bare call takes --band milliseconds of processor time,
the pages near save_page.py's median ratio), it interleaves a bare
`trafilatura.bare_extraction(..., with_metadata=True)` and a full `POST /api/v1/pages`
(re-saves, after one pass that saves every page), as save_page.py does, and prints each
step's processor time as a share of the bare calls' time. The steps are the functions
extraction and the save path call by name, each timed where it is called; "the request
outside extraction" is the save less `extract()` (the HTTP layer, the database, the
compression). Shares of nested steps overlap (`extract_document` holds trafilatura's
main call and its metadata).

Processor time of this thread, not wall time, so the figures hold on a busy machine;
`time.thread_time` has a resolution of about a microsecond.

    .venv/bin/python bench/save_stages.py [--data DIR] [--passes 2] [--band 18 50]
"""
from __future__ import annotations

import argparse
import functools
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

import server.extraction.article as article  # noqa: E402
import server.extraction.trafilatura_call as trafilatura_call  # noqa: E402
import server.services.pages as pages_service  # noqa: E402
from bench.common import BenchPage, add_data_option, load_aeb_pages, use_data  # noqa: E402
from bench.save_page import gloss_client, save  # noqa: E402
from server.extraction import TRAFILATURA_SETTINGS  # noqa: E402

CLOCK = time.thread_time
# The steps of extract() (article.py), as it calls them.
ARTICLE_STEPS = (
    "parse", "declared", "prepare", "resolve_links", "extract_document", "_read_without_pictures",
    "_is_discussion", "thread_posts", "opens_thread", "replies_below", "_read_region", "page_metadata",
    "drop_leading_title", "restore_linked_sentences", "drop_edge_junk", "drop_page_footer", "drop_author_bio",
    "restore_introduced_lists", "restore_headed_lists", "restore_chapter_contents", "render_body",
    "sanitize_reader_html", "scan_head", "guess_language", "lead_image", "_excerpt",
)
# Inside extract_document: trafilatura's main call and the metadata read beside it.
CALL_STEPS = {"extract_body": "trafilatura's main call", "_metadata": "trafilatura's metadata steps"}
# The save's own steps (services/pages.py).
SAVE_STEPS = ("_check_size", "utf8_bytes", "compress_html", "_find_for_save", "update_page_content")
EXTRACT = "_extract"


def timed(module: ModuleType, name: str, label: str, spent: dict[str, float]) -> None:
    """Replace `module.name` by a wrapper that adds its processor time to spent[label]."""
    function: Callable[..., Any] = getattr(module, name)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = CLOCK()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += CLOCK() - started

    setattr(module, name, wrapper)


def bare_time(page: BenchPage) -> float:
    started = CLOCK()
    trafilatura.bare_extraction(page.html, url=page.url, **TRAFILATURA_SETTINGS)
    return CLOCK() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_option(parser)
    parser.add_argument("--passes", type=int, default=2, help="timed passes over the pages (default 2)")
    parser.add_argument("--band", type=float, nargs=2, metavar=("LOW", "HIGH"),
                        help="only the pages whose bare call takes LOW to HIGH ms of processor time")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    pages = load_aeb_pages(use_data(args.data, "aeb"))
    spent: dict[str, float] = defaultdict(float)
    for name in ARTICLE_STEPS:
        timed(article, name, name, spent)
    for name, label in CALL_STEPS.items():
        timed(trafilatura_call, name, label, spent)
    for name in (*SAVE_STEPS, EXTRACT):
        timed(pages_service, name, name, spent)
    bare = full = 0.0
    with gloss_client() as (client, headers):
        for page in pages:
            save(client, headers, page)
        if args.band:
            low, high = (bound / 1000 for bound in args.band)
            pages = [page for page in pages if low <= bare_time(page) <= high]
        spent.clear()
        for _ in range(args.passes):
            for page in pages:
                bare += bare_time(page)
                started = CLOCK()
                save(client, headers, page)
                full += CLOCK() - started
    print(f"{len(pages)} pages x {args.passes}: bare calls {bare:.2f} s, saves {full:.2f} s of processor time, "
          f"ratio of the sums {full / bare:.3f}")
    spent["the request outside extraction"] = full - spent[EXTRACT]
    spent["extract() in all"] = spent.pop(EXTRACT)
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{seconds:8.3f} s {100 * seconds / bare:6.1f} % of the bare calls  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

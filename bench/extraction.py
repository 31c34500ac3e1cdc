"""Score Gloss's extraction on the article-extraction benchmark (181 pages,
shingle F1 as in ../shared/bench/README.md), beside plain trafilatura with
its defaults and with include_comments=False, all in the same run.

With --speed it also times extract() against a bare trafilatura call with
exactly Gloss's settings, interleaved page by page (bench/save_page.py times
the whole API path).

    .venv/bin/python bench/extraction.py [--speed]
"""
from __future__ import annotations

import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from bench.common import BenchPage, Score, load_aeb_pages, score  # noqa: E402
from server.extraction import TRAFILATURA_SETTINGS, NoArticle, extract  # noqa: E402

# Gloss may trail plain trafilatura (include_comments=False) by at most this much F1.
ALLOWED_F1_GAP = 0.003


def gloss_text(page: BenchPage) -> str:
    """The article text as the API returns it (title not included)."""
    try:
        return extract(page.html, page.url).text
    except NoArticle:
        return ""


def trafilatura_text(**settings: object) -> Callable[[BenchPage], str]:
    def run(page: BenchPage) -> str:
        return trafilatura.extract(page.html, url=page.url, **settings) or ""
    return run


def evaluate(pages: list[BenchPage], extractor: Callable[[BenchPage], str]) -> tuple[Score, float]:
    started = time.perf_counter()
    predictions = [extractor(page) for page in pages]
    elapsed = time.perf_counter() - started
    return score(predictions, [page.truth for page in pages]), elapsed


def time_against_bare_call(pages: list[BenchPage], repeats: int = 3) -> None:
    bare: dict[str, list[float]] = {page.page_id: [] for page in pages}
    full: dict[str, list[float]] = {page.page_id: [] for page in pages}
    for _ in range(repeats):
        for page in pages:
            started = time.perf_counter()
            trafilatura.bare_extraction(page.html, url=page.url, **TRAFILATURA_SETTINGS)
            middle = time.perf_counter()
            gloss_text(page)
            bare[page.page_id].append(middle - started)
            full[page.page_id].append(time.perf_counter() - middle)
    bare_median = {key: statistics.median(values) for key, values in bare.items()}
    full_median = {key: statistics.median(values) for key, values in full.items()}
    ratios = [full_median[key] / bare_median[key] for key in bare_median]
    print(f"bare_extraction median {statistics.median(bare_median.values()) * 1000:.1f} ms, "
          f"extract() median {statistics.median(full_median.values()) * 1000:.1f} ms, "
          f"median per-page ratio {statistics.median(ratios):.3f}, "
          f"ratio of totals {sum(full_median.values()) / sum(bare_median.values()):.3f}")


def main() -> int:
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    pages = load_aeb_pages()
    contenders = {
        "gloss extract()": gloss_text,
        "trafilatura default": trafilatura_text(),
        "trafilatura include_comments=False": trafilatura_text(include_comments=False),
    }
    results = {name: evaluate(pages, extractor) for name, extractor in contenders.items()}
    print(f"{len(pages)} pages")
    print(f"{'extractor':<38}{'F1':>8}{'precision':>11}{'recall':>9}{'seconds':>9}")
    for name, (result, elapsed) in results.items():
        print(f"{name:<38}{result.f1:>8.4f}{result.precision:>11.4f}{result.recall:>9.4f}{elapsed:>9.1f}")
    gap = results["trafilatura include_comments=False"][0].f1 - results["gloss extract()"][0].f1
    verdict = "ok" if gap <= ALLOWED_F1_GAP else "TOO LOW"
    print(f"gloss vs include_comments=False: {-gap:+.4f} F1 (allowed: -{ALLOWED_F1_GAP}) {verdict}")
    if "--speed" in sys.argv[1:]:
        time_against_bare_call(pages)
    return 0 if gap <= ALLOWED_F1_GAP else 1


if __name__ == "__main__":
    sys.exit(main())

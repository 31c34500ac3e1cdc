"""Score Gloss's extraction on both benchmarks of the shared bench folder,
beside plain trafilatura (its defaults, and include_comments=False) measured
on the same pages:

- shingle F1 (the AEB method, bench/common.py) on AEB and on WCXB's articles,
  and WCXB's word F1 per page kind;
- pages whose reader HTML and text do not say the same words in the same
  order, and pages with words that neither the page nor trafilatura's own
  output has (the gate: the program exits 1 when there is any on WCXB);
- WCXB's `with` snippets found and `without` snippets leaked;
- title, author (and an author given where the page has none) and date
  accuracy against WCXB's ground truth.

The pages are split by a hash of their names into a development part and a
held-out part (--split dev|held-out|all, default dev). trafilatura's results
are cached under bench/out/ between runs (they depend only on its version).

    .venv/bin/python bench/extraction.py [--data DIR] [--sets aeb,wcxb]
        [--split dev] [--kinds article,forum] [--limit N] [--worst N] [--differences N] [--speed]
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402
from lxml import html as lxml_html  # noqa: E402

from bench.common import REPO_ROOT, add_data_option, data_dir, score  # noqa: E402
from bench.extraction_data import (  # noqa: E402
    SPLITS, WORD_RE, Page, author_names, load_pages, page_words, same_author, same_date, same_title,
    snippet_in, word_differences, word_f1)
from server.extraction import TRAFILATURA_SETTINGS, Article, NoArticle, extract  # noqa: E402

CACHE = REPO_ROOT / "bench" / "out" / f"trafilatura-{trafilatura.__version__}.json"
BASELINES = {"trafilatura default": {}, "trafilatura include_comments=False": {"include_comments": False}}
GLOSS = "gloss extract()"
# Elements after which a browser starts a new line: words on either side never join.
# How much of each run of words missed or added --differences shows.
DIFFERENCE_CHARS = 160
READER_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "figure", "figcaption",
                           "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th", "caption",
                           "br", "hr"})


def baseline(page: Page, html: str, settings: dict) -> dict:
    result = trafilatura.extract(html, url=page.url, output_format="json", with_metadata=True, **settings)
    found = json.loads(result) if result else {}
    return {name: found.get(name) or "" for name in ("text", "title", "author", "date")}


def gloss(html: str, url: str) -> dict:
    try:
        article: Article | None = extract(html, url)
    except NoArticle:
        article = None
    if article is None:
        return {"text": "", "html": "", "title": "", "author": "", "date": ""}
    return {"text": article.text, "html": article.html, "title": article.title or "",
            "author": article.author or "", "date": article.published or "", "kind": article.kind}


def reader_words(reader_html: str) -> list[str]:
    """The words of the reader HTML as a browser shows them."""
    if not reader_html.strip():
        return []
    pieces: list[str] = []

    def walk(element) -> None:
        block = element.tag in READER_BLOCKS
        if block:
            pieces.append(" ")
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if block:
            pieces.append(" ")

    for element in lxml_html.fragments_fromstring(reader_html):
        if isinstance(element, str):
            pieces.append(element)
        else:
            walk(element)
            pieces.append(element.tail or "")
    return WORD_RE.findall("".join(pieces))


def first_difference(found: dict, context: int = 6) -> str:
    """Where the reader HTML's words and the text's words first part, with a few words around."""
    shown, said = reader_words(found["html"]), WORD_RE.findall(found["text"])
    at = next((index for index, pair in enumerate(zip(shown, said, strict=False)) if pair[0] != pair[1]),
              min(len(shown), len(said)))
    start = max(0, at - context)
    return f"html {' '.join(shown[start:at + context])!r} / text {' '.join(said[start:at + context])!r}"


def word_problems(html: str, found: dict, baselines: dict) -> tuple[bool, list[str]]:
    """Whether the reader HTML and the text disagree, and the words that neither the page nor
    trafilatura's outputs have."""
    text_words = WORD_RE.findall(found["text"])
    disagree = reader_words(found["html"]) != text_words
    allowed = page_words(html)
    for result in baselines.values():
        allowed.update(WORD_RE.findall(result["text"]))
    invented = sorted({word for word in text_words if word not in allowed})
    return disagree, invented


def load_cache() -> dict:
    return json.loads(CACHE.read_text(encoding="utf-8")) if CACHE.exists() else {}


def save_cache(cache: dict) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cache), encoding="utf-8")


def run(pages: list[Page]) -> tuple[dict, dict, list]:
    """Per extractor, per page key, its result; and the word problems of Gloss's results."""
    cache = load_cache()
    results: dict[str, dict[str, dict]] = defaultdict(dict)
    problems = []
    dirty = False
    started = time.perf_counter()
    gloss_seconds = 0.0
    for number, page in enumerate(pages, 1):
        html = page.html()
        for name, settings in BASELINES.items():
            cache_key = f"{name}|{page.key}"
            if cache_key not in cache:
                cache[cache_key] = baseline(page, html, settings)
                dirty = True
            results[name][page.key] = cache[cache_key]
        before = time.perf_counter()
        found = results[GLOSS][page.key] = gloss(html, page.url)
        gloss_seconds += time.perf_counter() - before
        disagree, invented = word_problems(html, found, {name: results[name][page.key] for name in BASELINES})
        if disagree or invented:
            problems.append((page, disagree and first_difference(found), invented))
        if dirty and number % 100 == 0:
            save_cache(cache)
        if number % 100 == 0:
            print(f"... {number}/{len(pages)} pages, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if dirty:
        save_cache(cache)
    return results, {"gloss seconds": gloss_seconds}, problems


def print_text_scores(pages: list[Page], results: dict) -> None:
    names = [GLOSS, *BASELINES]
    groups: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        groups[page.dataset if page.dataset == "aeb" else f"wcxb {page.kind}"].append(page)
    print(f"\n{'pages':<22}{'n':>5}  " + "".join(f"{name:>38}" for name in names))
    for group in sorted(groups, key=lambda name: (name != "aeb", name != "wcxb article", name)):
        members = groups[group]
        cells = []
        for name in names:
            shingle = score([results[name][page.key]["text"] for page in members], [page.truth for page in members])
            words = statistics.fmean(word_f1(results[name][page.key]["text"], page.truth) for page in members)
            cells.append(f"shingle {shingle.f1:.4f} word {words:.4f}")
        print(f"{group:<22}{len(members):>5}  " + "".join(f"{cell:>38}" for cell in cells))


def print_snippets_and_metadata(pages: list[Page], results: dict) -> None:
    wcxb = [page for page in pages if page.dataset == "wcxb"]
    if not wcxb:
        return
    print(f"\n{'wcxb':<34}" + "".join(f"{name:>38}" for name in [GLOSS, *BASELINES]))
    rows: dict[str, list[str]] = {"with found": [], "without leaked": [], "title right": [], "author right": [],
            "author given where none": [], "date right": []}
    for name in [GLOSS, *BASELINES]:
        found = sum(snippet_in(s, results[name][p.key]["text"]) for p in wcxb for s in p.with_snippets)
        leaked = sum(snippet_in(s, results[name][p.key]["text"]) for p in wcxb for s in p.without_snippets)
        total_with = sum(len(p.with_snippets) for p in wcxb)
        total_without = sum(len(p.without_snippets) for p in wcxb)
        rows["with found"].append(f"{found}/{total_with} {found / max(1, total_with):.1%}")
        rows["without leaked"].append(f"{leaked}/{total_without} {leaked / max(1, total_without):.1%}")
        for row, field, same in (("title right", "title", same_title), ("author right", "author", same_author),
                                 ("date right", "published", same_date)):
            having = [p for p in wcxb if getattr(p, field)]
            right = sum(same(results[name][p.key]["date" if field == "published" else field], getattr(p, field))
                        for p in having)
            rows[row].append(f"{right}/{len(having)} {right / max(1, len(having)):.1%}")
        without_author = [p for p in wcxb if not author_names(p.author)]
        given = sum(bool(results[name][p.key]["author"].strip()) for p in without_author)
        rows["author given where none"].append(f"{given}/{len(without_author)} "
                                               f"{given / max(1, len(without_author)):.1%}")
    for row, cells in rows.items():
        print(f"{row:<34}" + "".join(f"{cell:>38}" for cell in cells))


def print_worst(pages: list[Page], results: dict, count: int) -> None:
    """The pages where Gloss trails trafilatura (include_comments=False) most, and where it leads most."""
    reference = "trafilatura include_comments=False"
    deltas = sorted((word_f1(results[GLOSS][p.key]["text"], p.truth)
                     - word_f1(results[reference][p.key]["text"], p.truth), p.key, p.kind) for p in pages)
    print(f"\nworst {count} against {reference} (word F1 delta):")
    for delta, key, kind in deltas[:count]:
        print(f"  {delta:+.3f} {key} {kind}")
    print(f"best {count}:")
    for delta, key, kind in deltas[-count:][::-1]:
        print(f"  {delta:+.3f} {key} {kind}")


def print_differences(pages: list[Page], results: dict, count: int) -> None:
    """The words Gloss misses and adds against the truth on the `count` pages it does worst on
    (runs of MIN_DIFFERENCE_WORDS words or more, longest first): where word F1 is lost, and on
    what kind of block."""
    scored = sorted((word_f1(results[GLOSS][page.key]["text"], page.truth), page.key, page) for page in pages)
    print(f"\nwords missed (-) and added (+) on the {count} pages Gloss does worst on:")
    for f1, key, page in scored[:count]:
        missed, added = word_differences(results[GLOSS][key]["text"], page.truth)
        print(f"  {f1:.3f} {key} {page.kind}: missed {sum(map(len, missed))}, added {sum(map(len, added))} words")
        runs = [("-", run) for run in missed] + [("+", run) for run in added]
        for sign, run in sorted(runs, key=lambda pair: -len(pair[1])):
            print(f"    {sign}{len(run):>5} {' '.join(run)[:DIFFERENCE_CHARS]!r}")


def time_against_bare_call(pages: list[Page], repeats: int = 3) -> None:
    bare: dict[str, list[float]] = defaultdict(list)
    full: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        for page in pages:
            html = page.html()
            started = time.perf_counter()
            trafilatura.bare_extraction(html, url=page.url, **TRAFILATURA_SETTINGS)
            middle = time.perf_counter()
            gloss(html, page.url)
            bare[page.key].append(middle - started)
            full[page.key].append(time.perf_counter() - middle)
    ratios = [statistics.median(full[key]) / statistics.median(bare[key]) for key in bare]
    print(f"\nextract() against bare_extraction with Gloss's settings: median per-page ratio "
          f"{statistics.median(ratios):.3f}, ratio of totals "
          f"{sum(map(statistics.median, full.values())) / sum(map(statistics.median, bare.values())):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_option(parser)
    parser.add_argument("--sets", default="aeb,wcxb", help="aeb, wcxb or both (comma-separated)")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--kinds", default="", help="only these WCXB page kinds (comma-separated)")
    parser.add_argument("--ids", default="", help="only these pages, as set/id (comma-separated)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages Gloss does worst and best on")
    parser.add_argument("--problems", type=int, default=20, help="list up to N pages with word problems")
    parser.add_argument("--leaks", type=int, default=0, help="list up to N `without` snippets Gloss leaks")
    parser.add_argument("--differences", type=int, default=0,
                        help="list the words Gloss misses and adds on the N pages it does worst on")
    parser.add_argument("--speed", action="store_true", help="also time extract() against a bare call")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page

    sets = args.sets.split(",")
    data = data_dir(args.data, *(name if name == "aeb" else "wcxb-dev" for name in sets))
    pages = load_pages(data, sets, args.split)
    if args.kinds:
        pages = [page for page in pages if page.kind in args.kinds.split(",")]
    if args.ids:
        pages = [page for page in pages if page.key in args.ids.split(",")]
    if args.limit:
        pages = pages[:args.limit]
    results, timing, problems = run(pages)
    print(f"{len(pages)} pages ({args.split} split); extract() took {timing['gloss seconds']:.1f} s")
    print_text_scores(pages, results)
    print_snippets_and_metadata(pages, results)
    if args.worst:
        print_worst(pages, results, args.worst)
    if args.leaks:
        leaks = [(page.key, snippet) for page in pages for snippet in page.without_snippets
                 if snippet_in(snippet, results[GLOSS][page.key]["text"])]
        print(f"\n`without` snippets leaked by Gloss (first {args.leaks} of {len(leaks)}):")
        for key, snippet in leaks[:args.leaks]:
            print(f"  {key}: {snippet[:80]!r}")
    if args.differences:
        print_differences(pages, results, args.differences)
    disagreeing = [(p.key, disagree) for p, disagree, _ in problems if disagree]
    inventing = [(p.key, i) for p, _, i in problems if i]
    print(f"\npages whose reader HTML and text disagree: {len(disagreeing)}; "
          f"pages with invented words: {len(inventing)}")
    for key, where in disagreeing[:args.problems]:
        print(f"  disagree {key}: {where}")
    for key, words in inventing[:args.problems]:
        print(f"  invented {key}: {' '.join(words[:8])}")
        text = results[GLOSS][key]["text"]
        for word in words[:3]:
            at = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
            if at:
                print(f"    {text[max(0, at.start() - 40):at.end() + 40]!r}")
    if args.speed:
        time_against_bare_call([page for page in pages if page.dataset == "aeb"] or pages)
    gate = [p for p, _, _ in problems if p.dataset == "wcxb"]
    if gate:
        print(f"GATE: {len(gate)} WCXB pages with disagreeing or invented words")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared helpers for the bench scripts: where their data lives (`--data DIR`), the
article-extraction benchmark pages, and its shingle F1 scorer."""
from __future__ import annotations

import gzip
import json
import argparse
import os
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


DATA_ENV = "GLOSS_BENCH_DATA"
DEFAULT_DATA = Path("..") / "shared" / "bench"  # relative to the repository
MISSING_DATA_EXIT = 2


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None,
                        help=f"the benchmark data folder (default: ${DATA_ENV}, else {DEFAULT_DATA.as_posix()} "
                             "beside the repository)")


def data_dir(given: Path | None, *needed: str) -> Path:
    """The benchmark data folder: `--data`, else $GLOSS_BENCH_DATA, else ../shared/bench
    beside the repository. When it (or one of the `needed` sets in it) is missing, says in
    one sentence what is needed and where to get it, and exits with status 2."""
    env = os.environ.get(DATA_ENV)
    folder = given or (Path(env) if env else REPO_ROOT / DEFAULT_DATA)
    missing = [name for name in needed if not (folder / name / "ground-truth.json").is_file()]
    if missing or not folder.is_dir():
        sets = " and ".join(f"{name}/ (html/*.html.gz and ground-truth.json)" for name in needed) or "its sets"
        print(f"This bench needs the benchmark data folder with {sets}, not found in {folder}: copy the "
              f"project's shared bench folder (the public ScrapingHub article-extraction benchmark as aeb/ "
              f"and the WCXB development split as wcxb-dev/, described in its README.md) to "
              f"{DEFAULT_DATA.as_posix()} beside the repository, or give its place with --data DIR or "
              f"{DATA_ENV}.", file=sys.stderr)
        sys.exit(MISSING_DATA_EXIT)
    return folder


@dataclass(frozen=True)
class BenchPage:
    page_id: str
    url: str
    html: str
    truth: str


def use_data(given: Path | None, *needed: str) -> Path:
    """data_dir(), also handed to the processes the bench starts (through $GLOSS_BENCH_DATA)."""
    folder = data_dir(given, *needed).resolve()
    os.environ[DATA_ENV] = str(folder)
    return folder


def load_aeb_pages(data: Path) -> list[BenchPage]:
    """The 181 pages of the article-extraction benchmark in `data`, sorted by id."""
    aeb = data / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((aeb / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(BenchPage(page_id, truth[page_id]["url"], raw.decode("utf-8"), truth[page_id]["articleBody"]))
    return pages


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN_RE.findall(text)
    return Counter(tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1))


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float


def score(predictions: Iterable[str], truths: Iterable[str]) -> Score:
    """The benchmark's method: per page, the common, extra and missing shingles
    (multisets) normalized to sum to 1; precision is the mean over pages with
    output, recall the mean over pages with truth, F1 the harmonic mean of the two."""
    precisions, recalls = [], []
    for predicted, truth in zip(predictions, truths, strict=True):
        got, want = shingles(predicted), shingles(truth)
        tp = sum((got & want).values())
        fp = sum((got - want).values())
        fn = sum((want - got).values())
        total = tp + fp + fn
        if total == 0:
            continue
        tp_share, fp_share, fn_share = tp / total, fp / total, fn / total
        if got:
            precisions.append(tp_share / (tp_share + fp_share))
        if want:
            recalls.append(tp_share / (tp_share + fn_share))
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(f1, precision, recall)

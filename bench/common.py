"""Shared helpers for the bench scripts: where the shared data lives, the
article-extraction benchmark pages, and its shingle F1 scorer."""
from __future__ import annotations

import gzip
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shared_dir() -> Path:
    """The shared folder beside the checkout; GLOSS_SHARED overrides it."""
    override = os.environ.get("GLOSS_SHARED")
    return Path(override) if override else REPO_ROOT.parent / "shared"


@dataclass(frozen=True)
class BenchPage:
    page_id: str
    url: str
    html: str
    truth: str


def load_aeb_pages() -> list[BenchPage]:
    """The 181 pages of the article-extraction benchmark, sorted by id."""
    aeb = shared_dir() / "bench" / "aeb"
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
        tp, fp, fn = tp / total, fp / total, fn / total
        if got:
            precisions.append(tp / (tp + fp))
        if want:
            recalls.append(tp / (tp + fn))
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(f1, precision, recall)

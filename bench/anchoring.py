"""Re-anchoring benchmark: how often highlights land right, get orphaned, or land wrong.

Takes real article texts, places random highlights on them, applies the kinds of edits
publishers make (typo fixes, inserted/removed words, sentences and paragraphs, moved
paragraphs, boilerplate and pull quotes repeated in the text, whitespace and punctuation
changes), tracks where every original character went, then re-anchors each highlight
in the edited text and compares with where its passage really is. Where an edit inserts
text right beside an identical run (boilerplate added next to the same boilerplate), the
edited text does not say which copy is new, so either reading counts as where the
passage went.

    .venv/bin/python bench/anchoring.py [--quick] [--seed N] [--show wrong|orphaned-light]

Figures are given separately for passages that survived with light edits (at most 10%
of the passage edited), heavier edits, and deleted passages, for `anchor_many` and for
a baseline in the manner of Hypothesis (exact match, else the best fuzzy match
anywhere, with no floor). Then 1,000 highlights on a 10,000-word article are timed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.anchoring import CONTEXT, Selector, anchor_many, describe, normalize  # noqa: E402

ARTICLES = Path("/work/shared/bench/aeb/ground-truth.json")
LIGHT_EDITS = 0.10
GOOD_IOU = 0.8
MAX_HIGHLIGHT_WORDS = 120

BOILERPLATE = [
    "Advertisement",
    "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning.",
    "This article is part of our continuing coverage. Follow us on social media for updates.",
    "Continue reading the main story",
    "Our journalism depends on readers like you. Subscribe today.",
]
FILLER_WORDS = ["also", "reportedly", "really", "still", "new", "recent", "major", "local", "very", "often"]

WORD = re.compile(r"\S+")
SENTENCE = re.compile(r"[^\s].*?(?:[.!?][\"”’)]*(?=\s|$)|$)", re.S)


# --- A text that remembers where each character came from ---------------------------


class TrackedText:
    """Characters of an edited text, each with its index in the original text (-1: new).

    Text inserted or moved right next to an identical run of text (a boilerplate paragraph
    before or after the same boilerplate, a word doubled) leaves the same text whichever of the
    two copies is called new: `alternative` holds the origins read the other way, and a
    passage's place under either reading is where it went."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.origins = list(range(len(text)))
        self.alternative = list(range(len(text)))

    def text(self) -> str:
        return "".join(self.chars)

    def replace(self, start: int, end: int, new: str, origins: list[int] | None = None) -> None:
        assert origins is None or len(origins) == len(new)
        # A character given the origin of a replaced one takes that one's other reading too.
        other = {origin: alternative for origin, alternative in zip(self.origins[start:end], self.alternative[start:end]) if origin != -1}
        self.chars[start:end] = list(new)
        self.origins[start:end] = origins if origins is not None else [-1] * len(new)
        self.alternative[start:end] = [other.get(o, -1) for o in origins] if origins is not None else [-1] * len(new)

    def insert(self, at: int, new: str) -> None:
        self.replace(at, at, new)
        self._swap_beside_identical(at, len(new))

    def _swap_beside_identical(self, at: int, n: int) -> None:
        """Swap the readings of the n characters placed at `at` with those of an identical run right after or before them."""
        if n == 0:
            return
        new = self.chars[at : at + n]
        if self.chars[at + n : at + 2 * n] == new:
            self._swap_readings(slice(at, at + n), slice(at + n, at + 2 * n))
        elif at >= n and self.chars[at - n : at] == new:
            self._swap_readings(slice(at, at + n), slice(at - n, at))

    def delete(self, start: int, end: int) -> None:
        self.replace(start, end, "")

    def _swap_readings(self, one: slice, other: slice) -> None:
        alternative = self.alternative
        alternative[one], alternative[other] = alternative[other], alternative[one]

    def move(self, start: int, end: int, to: int) -> None:
        chars, origins, alternative = self.chars[start:end], self.origins[start:end], self.alternative[start:end]
        del self.chars[start:end], self.origins[start:end], self.alternative[start:end]
        if to > start:
            to -= end - start
        self.chars[to:to] = chars
        self.origins[to:to] = origins
        self.alternative[to:to] = alternative
        # Moved right beside an identical run (a boilerplate paragraph moved next to its
        # twin), it is as much an insertion there as `insert` is: either copy is the moved one.
        self._swap_beside_identical(to, end - start)

    def span_of(self, start: int, end: int, alternative: bool = False) -> tuple[int, int] | None:
        """Where the original characters [start, end) are now (first to last survivor).

        A move can cut a passage and put a later part of it before an earlier one: from the
        first survivor to the last would then run from the passage's end to its start across
        text that was never in it. The passage is then where most of it went: the longest run
        of survivors that keeps their order (a swap of two neighbouring letters, or an edited
        word whose characters share an origin, steps back by at most one)."""
        origins = self.alternative if alternative else self.origins
        positions = [i for i, origin in enumerate(origins) if start <= origin < end]
        if not positions:
            return None
        runs = [[positions[0]]]
        for previous, position in zip(positions, positions[1:]):
            if origins[position] < origins[previous] - 1:
                runs.append([])
            runs[-1].append(position)
        run = max(runs, key=len)
        return run[0], run[-1] + 1


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for block in text.split("\n\n"):
        spans.append((at, at + len(block)))
        at += len(block) + 2
    return [s for s in spans if s[1] > s[0]]


def sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for start, end in paragraphs(text) for m in SENTENCE.finditer(text, start, end)]


def words(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def pick_near(rng: random.Random, spans: list[tuple[int, int]], focus: int | None) -> tuple[int, int]:
    """A random span, or (when focusing on a highlight) one of those around that place."""
    if focus is None or rng.random() < 0.3:
        return rng.choice(spans)
    nearest = min(range(len(spans)), key=lambda k: abs(spans[k][0] - focus))
    return spans[max(0, min(len(spans) - 1, nearest + rng.randint(-1, 1)))]


# --- Edits ------------------------------------------------------------------------------


def typo_fix(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    candidates = [w for w in words(text) if w[1] - w[0] >= 4]
    if not candidates:
        return
    start, end = pick_near(rng, candidates, focus)
    at = rng.randrange(start + 1, end - 1)
    kind = rng.choice(["swap", "drop", "double", "change"])
    if kind == "swap":
        doc.replace(at, at + 2, text[at + 1] + text[at], [doc.origins[at + 1], doc.origins[at]])
    elif kind == "drop":
        doc.delete(at, at + 1)
    elif kind == "double":
        doc.insert(at, text[at])
    else:
        doc.replace(at, at + 1, rng.choice("aeiourstln"), [doc.origins[at]])


def word_replaced(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    start, end = pick_near(rng, words(doc.text()), focus)
    new = rng.choice(words_of(rng.choice(donors)) or ["word"])
    old_origins = doc.origins[start:end]
    doc.replace(start, end, new, [old_origins[min(k, len(old_origins) - 1)] for k in range(len(new))])


def word_inserted(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    start, _ = pick_near(rng, words(doc.text()), focus)
    doc.insert(start, rng.choice(FILLER_WORDS) + " ")


def word_removed(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    start, end = pick_near(rng, words(text), focus)
    doc.delete(start, end + 1 if end < len(text) and text[end] == " " else end)


def sentence_inserted(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    start, _ = pick_near(rng, sentences(doc.text()), focus)
    donor = rng.choice(donors)
    doc.insert(start, donor[slice(*rng.choice(sentences(donor)))] + " ")


def sentence_removed(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    start, end = pick_near(rng, sentences(text), focus)
    doc.delete(start, end + 1 if end < len(text) and text[end] == " " else end)


def sentence_rewritten(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    """A heavier edit: about half of a sentence's words replaced."""
    text = doc.text()
    start, end = pick_near(rng, sentences(text), focus)
    for word_start, word_end in reversed(words(text[start:end])):
        if rng.random() < 0.5:
            new = rng.choice(FILLER_WORDS)
            old = doc.origins[start + word_start : start + word_end]
            doc.replace(start + word_start, start + word_end, new, [old[min(k, len(old) - 1)] for k in range(len(new))])


def paragraph_inserted(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    start, _ = pick_near(rng, paragraphs(doc.text()), focus)
    donor = rng.choice(donors)
    doc.insert(start, donor[slice(*rng.choice(paragraphs(donor)))] + "\n\n")


def paragraph_removed(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    start, end = pick_near(rng, paragraphs(text), focus)
    doc.delete(start, min(len(text), end + 2))


def paragraph_moved(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    blocks = paragraphs(text)
    if len(blocks) < 3:
        return
    start, end = pick_near(rng, blocks, focus)
    if end + 2 > len(text):
        return
    destination = rng.choice([b for b in blocks if b[0] not in (start, end + 2)])[0]
    doc.move(start, end + 2, destination)


def boilerplate_inserted(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    start, _ = pick_near(rng, paragraphs(doc.text()), focus)
    doc.insert(start, rng.choice(BOILERPLATE) + "\n\n")


def whitespace_changed(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    start, end = pick_near(rng, words(text), focus)
    if end < len(text) and text[end] == " ":
        new = rng.choice(["\u00a0", "  ", "\n", " \u200b"])
        doc.replace(end, end + 1, new, [doc.origins[end]] * len(new))
    elif end - start > 6:
        doc.insert(start + 3, "\u00ad")  # a soft hyphen inside a long word


PUNCTUATION_SWAPS = [("'", "’"), ("’", "'"), ('"', "“"), ("“", '"'), ("”", '"'), ("—", " - "), (" - ", "—"), ("...", "…"), (",", "")]


def punctuation_changed(doc: TrackedText, rng: random.Random, focus: int | None, donors: list[str]) -> None:
    text = doc.text()
    window_start = max(0, (focus or rng.randrange(len(text))) - 300)
    for old, new in rng.sample(PUNCTUATION_SWAPS, len(PUNCTUATION_SWAPS)):
        at = text.find(old, window_start)
        if at != -1:
            origins = doc.origins[at : at + len(old)]
            doc.replace(at, at + len(old), new, [origins[min(k, len(origins) - 1)] for k in range(len(new))])
            return


EDITS = [
    (typo_fix, 6),
    (word_replaced, 3),
    (word_inserted, 3),
    (word_removed, 3),
    (sentence_inserted, 3),
    (sentence_removed, 3),
    (sentence_rewritten, 1),
    (paragraph_inserted, 2),
    (paragraph_removed, 2),
    (paragraph_moved, 1),
    (boilerplate_inserted, 2),
    (whitespace_changed, 4),
    (punctuation_changed, 4),
]


def words_of(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{3,}", text)]


# --- Old versions and highlights --------------------------------------------------------


def with_repeats(text: str, rng: random.Random) -> str:
    """The old version: the article with boilerplate paragraphs and pull quotes (a sentence of
    the article repeated as a paragraph of its own) in it."""
    blocks = text.split("\n\n")
    for _ in range(rng.randint(1, 3)):
        blocks.insert(rng.randrange(1, len(blocks) + 1), rng.choice(BOILERPLATE))
    source = "\n\n".join(blocks)
    prose = [source[start:end] for start, end in sentences(source) if 60 <= end - start <= 250 and "\n" not in source[start:end]]
    for _ in range(rng.randint(0, 2) if prose else 0):
        blocks.insert(rng.randrange(1, len(blocks) + 1), rng.choice(["{}", "“{}”", "{}"]).format(rng.choice(prose)))
    return "\n\n".join(blocks)


def random_highlight(text: str, rng: random.Random) -> tuple[int, int]:
    """A few words to a few sentences, on word boundaries."""
    if rng.random() < 0.4:
        spans = sentences(text)
        first = rng.randrange(len(spans))
        last = min(len(spans) - 1, first + rng.choice([0, 0, 0, 1, 1, 2]))
        return spans[first][0], spans[last][1]
    spans = words(text)
    first = rng.randrange(len(spans))
    count = min(len(spans) - first, MAX_HIGHLIGHT_WORDS, int(rng.paretovariate(1.2) * 3))
    return spans[first][0], spans[first + count - 1][1]


@dataclass
class Case:
    selector: Selector
    new_text_index: int
    truth: tuple[int, int] | None  # the passage's span in the new text, None when deleted
    kind: str  # "light", "heavier" or "deleted"
    also: tuple[int, int] | None = None  # its span under the other reading of a doubled insertion


def make_cases(texts: list[str], rng: random.Random, per_article: int, versions: int) -> tuple[list[str], list[Case]]:
    new_texts: list[str] = []
    cases: list[Case] = []
    for index, article in enumerate(texts):
        old = with_repeats(article, rng)
        highlights = [random_highlight(old, rng) for _ in range(per_article)]
        donors = [t for k, t in enumerate(texts) if k != index]
        for _ in range(versions):
            doc = TrackedText(old)
            edit_count = 2 + len(old) // 600
            for _ in range(edit_count):
                focus = None
                if rng.random() < 0.6:
                    start, end = rng.choice(highlights)
                    origin = rng.randint(start, end - 1)
                    focus = next((i for i, o in enumerate(doc.origins) if o >= origin), None)
                edit = rng.choices([e for e, _ in EDITS], weights=[w for _, w in EDITS])[0]
                edit(doc, rng, focus, rng.sample(donors, 3))
            new = doc.text()
            new_texts.append(new)
            for start, end in highlights:
                readings = [doc.span_of(start, end), doc.span_of(start, end, alternative=True)]
                if readings[0] is None:
                    truth, also, kind = None, None, "deleted"
                elif readings[1] is None:  # gone under the other reading only (rare): keep the first
                    truth, also = readings[0], None
                    edits = Levenshtein.distance(old[start:end], new[truth[0] : truth[1]])
                    kind = "light" if edits <= LIGHT_EDITS * (end - start) else "heavier"
                else:
                    # The reading in which the passage changed least decides how it was edited.
                    distances = [Levenshtein.distance(old[start:end], new[a:b]) for a, b in readings]
                    first = 0 if distances[0] <= distances[1] else 1
                    truth, also = readings[first], readings[1 - first] if readings[1] != readings[0] else None
                    kind = "light" if distances[first] <= LIGHT_EDITS * (end - start) else "heavier"
                cases.append(Case(describe(old, start, end), len(new_texts) - 1, truth, kind, also))
    return new_texts, cases


# --- Scoring ----------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def outcome(case: Case, found: tuple[int, int] | None) -> str:
    if case.truth is None:
        return "orphaned-correctly" if found is None else "wrong"
    if found is None:
        return "orphaned-should-anchor"
    places = [case.truth] + ([case.also] if case.also is not None else [])
    return "correct" if any(overlap(found, place) >= GOOD_IOU for place in places) else "wrong"


def lands_on_a_copy(text: str, selector: Selector, found: tuple[int, int]) -> bool:
    """Whether the found place repeats the stored quote exactly with (nearly) the stored
    context on both sides (at most about 3 of the 32 characters differ, after normalization):
    a copy of the passage, such as a pull quote or repeated boilerplate, that a quote-and-
    context selector can hardly tell apart from the original."""
    here = describe(text, *found)

    def norm(s: str) -> str:
        return normalize(s)[0].strip(" ")

    def close(a: str, b: str) -> bool:
        return Levenshtein.normalized_similarity(norm(a), norm(b)) >= 0.9

    return norm(here.exact) == norm(selector.exact) and close(here.prefix, selector.prefix) and close(here.suffix, selector.suffix)


def hypothesis_like(text: str, selector: Selector) -> tuple[int, int] | None:
    """Position if it still holds, else an exact quote (context breaks ties), else the best
    fuzzy alignment anywhere, however poor: no floor."""
    quote = selector.exact
    start, end = selector.start, selector.end
    if start is not None and end is not None and text[start:end] == quote:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(quote), text)] if quote else []
    if hits:
        def context(at: int) -> float:
            before = text[max(0, at - len(selector.prefix)) : at]
            after = text[at + len(quote) : at + len(quote) + len(selector.suffix)]
            return Levenshtein.normalized_similarity(before, selector.prefix) + Levenshtein.normalized_similarity(
                after, selector.suffix
            ) - abs(at - (start or 0)) / max(1, len(text))

        best = max(hits, key=context)
        return best, best + len(quote)
    if not quote.strip():
        return None
    aligned = fuzz.partial_ratio_alignment(quote, text)
    if aligned is None:
        return None
    return aligned.dest_start, aligned.dest_end


def tally(cases: list[Case], found: list[tuple[int, int] | None]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for case, result in zip(cases, found):
        row = table.setdefault(case.kind, {})
        key = outcome(case, result)
        row[key] = row.get(key, 0) + 1
    return table


def percent(row: dict[str, int], key: str) -> str:
    total = sum(row.values())
    return f"{100.0 * row.get(key, 0) / total:6.2f}%" if total else "     -"


def print_table(ours: dict[str, dict[str, int]], baseline: dict[str, dict[str, int]]) -> None:
    columns = ["correct", "orphaned-should-anchor", "wrong", "orphaned-correctly"]
    print(f"{'passages':<10} {'n':>6}  {'method':<10} " + " ".join(f"{c:>22}" for c in columns))
    for kind in ("light", "heavier", "deleted"):
        for name, table in (("gloss", ours), ("baseline", baseline)):
            row = table.get(kind, {})
            print(f"{kind:<10} {sum(row.values()):>6}  {name:<10} " + " ".join(f"{percent(row, c):>22}" for c in columns))
    for name, table in (("gloss", ours), ("baseline", baseline)):
        everything: dict[str, int] = {}
        for row in table.values():
            for key, value in row.items():
                everything[key] = everything.get(key, 0) + value
        print(f"{'all':<10} {sum(everything.values()):>6}  {name:<10} " + " ".join(f"{percent(everything, c):>22}" for c in columns))


# --- Timing -----------------------------------------------------------------------------


def long_article(texts: list[str], words_wanted: int) -> str:
    blocks: list[str] = []
    for text in texts:
        blocks.append(text)
        if sum(len(b.split()) for b in blocks) >= words_wanted:
            break
    return "\n\n".join(blocks)


def time_long_article(texts: list[str], rng: random.Random, highlights: int = 1000) -> None:
    old = long_article(texts, 10_000)
    spans = [random_highlight(old, rng) for _ in range(highlights)]
    selectors = [describe(old, s, e) for s, e in spans]
    doc = TrackedText(old)
    for _ in range(60):
        focus = None
        if rng.random() < 0.6:
            start, _ = rng.choice(spans)
            focus = next((i for i, o in enumerate(doc.origins) if o >= start), None)
        edit = rng.choices([e for e, _ in EDITS], weights=[w for _, w in EDITS])[0]
        edit(doc, rng, focus, texts[:20])
    new = doc.text()
    print(f"\n{len(old.split())}-word article, {highlights} highlights")
    for label, text in (("unchanged text", old), ("after 60 edits", new)):
        began = time.perf_counter()
        found = anchor_many(text, selectors)
        elapsed = time.perf_counter() - began
        anchored = sum(1 for f in found if f is not None)
        print(f"  anchor_many, {label:<15} {elapsed:6.3f} s  ({anchored} anchored, {highlights / elapsed:,.0f} anchors/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer articles and highlights")
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument(
        "--show",
        choices=["wrong", "orphaned-light"],
        help="also print each wrong case, or each light-edit passage that was orphaned, with its text",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)

    bodies = [v["articleBody"] for v in json.loads(ARTICLES.read_text()).values()]
    texts = [b for b in bodies if len(b.split()) >= 200]
    if args.quick:
        texts = texts[:40]
    per_article, versions = (20, 2) if args.quick else (30, 3)
    new_texts, cases = make_cases(texts, rng, per_article, versions)

    by_text: dict[int, list[int]] = {}
    for k, case in enumerate(cases):
        by_text.setdefault(case.new_text_index, []).append(k)

    ours: list[tuple[int, int] | None] = [None] * len(cases)
    began = time.perf_counter()
    for index, members in by_text.items():
        for k, found in zip(members, anchor_many(new_texts[index], [cases[k].selector for k in members])):
            ours[k] = found
    our_seconds = time.perf_counter() - began

    began = time.perf_counter()
    baseline = [hypothesis_like(new_texts[c.new_text_index], c.selector) for c in cases]
    baseline_seconds = time.perf_counter() - began

    print(f"{len(texts)} articles, {len(new_texts)} edited versions, {len(cases)} highlights (seed {args.seed})\n")
    print_table(tally(cases, ours), tally(cases, baseline))
    print(f"\nanchors/s: gloss {len(cases) / our_seconds:,.0f}   baseline {len(cases) / baseline_seconds:,.0f}")
    light = [k for k, c in enumerate(cases) if c.kind == "light"]
    correct = sum(1 for k in light if outcome(cases[k], ours[k]) == "correct")
    wrong = [k for k, c in enumerate(cases) if outcome(c, ours[k]) == "wrong"]
    copies = sum(1 for k in wrong if lands_on_a_copy(new_texts[cases[k].new_text_index], cases[k].selector, ours[k]))
    print(f"targets: wrong {100.0 * len(wrong) / len(cases):.2f}% (0.0%), correct on light edits {100.0 * correct / len(light):.2f}% (>= 99%)")
    print(
        f"  of the {len(wrong)} wrong, {copies} landed on a copy of the passage: the same quote with the same"
        f" {CONTEXT}-character context on both sides, give or take 3 characters (a pull quote or repeated"
        f" boilerplate whose original was deleted, edited or moved); {len(wrong) - copies}"
        f" ({100.0 * (len(wrong) - copies) / len(cases):.2f}% of all) elsewhere"
    )
    if args.show:
        show_cases(args.show, cases, new_texts, ours)
    time_long_article(texts, rng)


def show_cases(which: str, cases: list[Case], new_texts: list[str], found: list[tuple[int, int] | None]) -> None:
    def around(text: str, span: tuple[int, int]) -> str:
        start, end = span
        return f"{text[max(0, start - 40) : start]!r} [{text[start:end][:300]!r}] {text[end : end + 40]!r}"

    for k, case in enumerate(cases):
        result = outcome(case, found[k])
        if (which == "wrong" and result != "wrong") or (
            which == "orphaned-light" and (case.kind != "light" or result != "orphaned-should-anchor")
        ):
            continue
        text, selector = new_texts[case.new_text_index], case.selector
        print(f"\n#{k} {case.kind} {result}: old {selector.start}-{selector.end}, truth {case.truth}, also {case.also}, found {found[k]}")
        print(f"  old    {selector.prefix!r} [{selector.exact[:300]!r}] {selector.suffix!r}")
        if case.truth is not None:
            print(f"  truth  {around(text, case.truth)}")
        if found[k] is not None:
            print(f"  found  {around(text, found[k])}")


if __name__ == "__main__":
    main()

"""Finding a normalized quote in a long text without normalizing all of it.

Normalizing a whole article with its offset maps costs about half a second per megabyte,
while a quote usually occurs once or a few times. Most characters of a normalized quote
stand in the original text as they are: all but quotes, dashes and dots, which normalization
makes from several characters, and spaces, which stand for a whitespace run; deleted
characters (soft hyphens, zero-width) may come between any two, and whitespace too when
spaces are ignored. So a run of such characters from the quote is looked up in the original
text first, and only a window around each hit is normalized. A window starts and ends where
no whitespace or deleted run crosses its edge, so its normalization is exactly the whole
text's normalization there (the `schema/anchoring-vectors.json` rules apply unchanged).
When the quote is too common for windows to save anything, the caller normalizes the whole
text instead: the results are the same either way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .normalize import DELETED, INVISIBLE, Normalized, normalized

# Runs of a normalized quote without what normalization makes from other characters too
# (from a curly quote, a dash, an ellipsis): probes are taken from them.
_UNCHANGED = re.compile(r"[^'\"\-.]+")
_RUNS = frozenset(INVISIBLE)  # whitespace and deleted characters: runs a window must not cut
_DELETED_CHARACTER = re.compile(f"[{DELETED}]")
# The longest probe looked up, and how many are tried when one is too common.
PROBE = 48
PROBES_TRIED = 3
# Raw characters normalized around a hit at first, per normalized character wanted.
SLACK = 2
# Windows are used while the hits' windows add up to at most 1 / WORTH of the text.
WORTH = 4


@dataclass(frozen=True)
class Place:
    """A needle found in `doc`, the normalization of text[offset:offset + len(doc.source)]."""

    doc: Normalized
    offset: int
    start: int  # normalized offsets in doc
    end: int

    def original(self) -> tuple[int, int]:
        first, last = self.doc.to_original(self.start, self.end)
        return first + self.offset, last + self.offset


def places_in_windows(text: str, needle: str, ignore_spaces: bool, before: int, after: int,
                      limit: int) -> list[Place] | None:
    """Every occurrence of `needle` (normalized, non-empty) in the normalized text, in text
    order, each with at least `before` normalized characters before it and `after` after it
    in its window (fewer at the text's edges). Spaces are left out of both sides when
    `ignore_spaces`. None when windows would not be cheaper than the whole text (the caller
    then normalizes it all), or when there are more than `limit` occurrences."""
    wanted = needle.replace(" ", "") if ignore_spaces else needle
    window = SLACK * (len(wanted) + before + after) + 64
    most = min(limit, int(len(text) / (WORTH * window)))
    searched = _WithoutDeleted.of(text)
    for probe, probe_at in _probes(wanted):
        hits = _hits(searched, probe, ignore_spaces, most)
        if hits is not None:
            found = (_place_at(text, wanted, hit, probe_at, ignore_spaces, before, after) for hit in hits)
            return [place for place in found if place is not None]
    return None


def _probes(wanted: str) -> list[tuple[str, int]]:
    """The longest runs of `wanted` that stand in the original text as they are (up to
    inner whitespace), each with where it starts in `wanted`, longest first."""
    runs = []
    for match in _UNCHANGED.finditer(wanted):
        run = match.group()[:PROBE]
        stripped = run.lstrip(" ")
        if stripped.strip(" "):
            runs.append((stripped.rstrip(" "), match.start() + len(run) - len(stripped)))
    return sorted(runs, key=lambda run: -len(run[0]))[:PROBES_TRIED]


@dataclass(frozen=True)
class _WithoutDeleted:
    """The original text without its deleted characters (which may stand between any two
    characters of a quote), and where those stood."""

    text: str
    shifts: list[int]  # per deleted character: its offset in `text` (the ones before it left out)

    @classmethod
    def of(cls, original: str) -> _WithoutDeleted:
        if not any(c in original for c in DELETED):  # much faster than a regular expression's scan
            return cls(original, [])
        shifts = [match.start() - n for n, match in enumerate(_DELETED_CHARACTER.finditer(original))]
        return cls(_DELETED_CHARACTER.sub("", original), shifts)

    def original(self, at: int) -> int:
        """The original offset of the character at `at`."""
        return at + bisect.bisect_right(self.shifts, at)


def _hits(searched: _WithoutDeleted, probe: str, ignore_spaces: bool, most: int) -> list[int] | None:
    """Where the probe's first character stands in the original text at each place that may
    hold the probe (overlapping ones too); None past `most`. The pattern lets `\\s` stand for
    whitespace: it also takes a few control characters that normalization keeps, and the
    windows tell those places apart (a class of the exact characters costs milliseconds to
    compile per use)."""
    between = r"\s*" if ignore_spaces else ""
    pattern = re.compile(between.join(r"\s+" if c == " " else re.escape(c) for c in probe))
    hits: list[int] = []
    match = pattern.search(searched.text)
    while match is not None:
        if len(hits) == most:
            return None
        hits.append(searched.original(match.start()))
        match = pattern.search(searched.text, match.start() + 1)
    return hits


def _place_at(text: str, wanted: str, hit: int, probe_at: int, ignore_spaces: bool,
              before: int, after: int) -> Place | None:
    """The occurrence whose probe starts at `hit` in the original text, if there is one:
    normalizes a window around it, wider until it holds the occurrence and its margins."""
    reach_before = SLACK * (probe_at + before) + 16
    reach_after = SLACK * (len(wanted) - probe_at + after) + 16
    while True:
        low, high = _safe_start(text, hit - reach_before), _safe_end(text, hit + reach_after)
        doc = normalized(text[low:high])
        at = doc.from_original(hit - low)  # the probe's first character, as it is
        kept = [i for i, c in enumerate(doc.text) if c != " "] if ignore_spaces else None
        squeezed = "".join(doc.text[i] for i in kept) if kept is not None else doc.text
        first = (kept.index(at) if kept is not None else at) - probe_at
        last = first + len(wanted)  # just after, in squeezed
        if first < 0 and low == 0 or last > len(squeezed) and high == len(text):
            return None  # the quote would stand outside the text
        if first >= 0 and last <= len(squeezed):
            start, end = (kept[first], kept[last - 1] + 1) if kept is not None else (first, last)
            if (start >= before or low == 0) and (end + after <= len(doc.text) or high == len(text)):
                if not squeezed.startswith(wanted, first):
                    return None
                return Place(doc, low, start, end)
            if start < before:
                reach_before *= 2
            if end + after > len(doc.text):
                reach_after *= 2
        else:
            if first < 0:
                reach_before *= 2
            if last > len(squeezed):
                reach_after *= 2


def _safe_start(text: str, at: int) -> int:
    """`at` or the nearest offset before it that no whitespace or deleted run crosses."""
    at = max(0, at)
    while 0 < at < len(text) and text[at - 1] in _RUNS and text[at] in _RUNS:
        at -= 1
    return at


def _safe_end(text: str, at: int) -> int:
    """`at` or the nearest offset after it that no whitespace or deleted run crosses."""
    at = min(len(text), at)
    while 0 < at < len(text) and text[at - 1] in _RUNS and text[at] in _RUNS:
        at += 1
    return at

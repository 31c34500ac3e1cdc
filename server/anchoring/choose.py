"""The quote-and-context search, for what has no previous text to carry through (a page
first saved after its highlights were imported, a highlight orphaned by an earlier save)
and to cross-check a doubtful carry. Exact matches with their context come first, then
approximate ones. A candidate must resemble the quote AND stand where the passage stood
(its context or its old position agree); copies that position cannot tell apart orphan
the highlight rather than move it onto look-alike text."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .context import occurrences, prefix_similarity, suffix_similarity
from .normalize import INVISIBLE, Normalized, normalized, normalized_part
from .search import alignments, long_alignments, seeded_regions
from .selector import Selector
from .tuning import (
    COMMON_INVISIBLE, CONTEXT, CONTEXT_FLOOR, CONTEXTLESS_MIN_LENGTH, EDGE_CHARS, EDGE_CONTEXT_FLOOR, EDGE_REACH,
    LONG_ALIGNMENT, LONG_QUOTE, MAX_QUOTE_EDITS, MIN_SCORE, NEAR_EDGE_QUOTE_FLOOR, NEIGHBOURHOOD, POSITION_MIN_LENGTH,
    POSITION_QUOTE_FLOOR, POSITION_SLACK, RIVAL_MARGIN, SHORT_QUOTE, WEIGHTS,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Wanted:
    """A selector prepared for matching against one normalized document."""

    quote: str
    prefix: str
    suffix: str
    prefix_reaches_start: bool
    suffix_reaches_end: bool
    start: int | None  # original offset in the old text
    lead: int = 0  # whitespace and invisible characters the quote starts with ...
    trail: int = 0  # ... and ends with

    @classmethod
    def of(cls, selector: Selector) -> Wanted:
        exact = selector.exact
        return cls(
            quote=normalized_part(exact),
            prefix=normalized_part(selector.prefix),
            suffix=normalized_part(selector.suffix),
            prefix_reaches_start=len(selector.prefix) < CONTEXT
            and (selector.start is None or selector.start <= len(selector.prefix)),
            suffix_reaches_end=len(selector.suffix) < CONTEXT,
            start=selector.start,
            lead=len(exact) - len(exact.lstrip(INVISIBLE)),
            trail=len(exact) - len(exact.rstrip(INVISIBLE)),
        )

    @property
    def contextless(self) -> bool:
        """Nothing but the quote is known: no context either side and no position."""
        return not self.prefix and not self.suffix and self.start is None

    def max_distance(self) -> int:
        m = len(self.quote)
        if m < SHORT_QUOTE:
            return 0
        if m < 2 * SHORT_QUOTE:
            return 1
        return int(m * MAX_QUOTE_EDITS)


@dataclass(frozen=True)
class Candidate:
    start: int  # normalized offsets
    end: int
    quote: float
    prefix: float
    suffix: float
    offset: int | None  # distance from the old place, if known
    start_pinned: bool
    end_pinned: bool
    edges_held: bool  # each edge pinned, by context agreeing at least CONTEXT_FLOOR well
    score: float

    @property
    def near(self) -> bool:
        return self.offset is not None and self.offset <= POSITION_SLACK

    @property
    def likeness(self) -> float:
        """The score without position: how much the candidate and its context look like the passage."""
        return WEIGHTS["quote"] * self.quote + WEIGHTS["prefix"] * self.prefix + WEIGHTS["suffix"] * self.suffix

    @property
    def perfect(self) -> bool:
        return self.quote == 1.0 and self.prefix == 1.0 and self.suffix == 1.0

    def acceptable(self, wanted: Wanted) -> bool:
        """Whether the candidate resembles the passage, stands where it can be, and is held at both edges."""
        one_side = max(self.prefix, self.suffix) >= CONTEXT_FLOOR
        both_sides = min(self.prefix, self.suffix) >= CONTEXT_FLOOR
        long_and_whole = len(wanted.quote) >= LONG_QUOTE and self.quote >= POSITION_QUOTE_FLOOR
        in_place = (
            both_sides
            or (one_side and (self.offset is None or self.offset <= NEIGHBOURHOOD))
            or long_and_whole
            or (self.near and self.quote >= POSITION_QUOTE_FLOOR and len(wanted.quote) >= POSITION_MIN_LENGTH)
        )
        held = (self.start_pinned and self.end_pinned) or (
            self.near
            and self.edges_held
            and self.quote >= NEAR_EDGE_QUOTE_FLOOR
            and len(wanted.quote) >= POSITION_MIN_LENGTH
        )
        return in_place and held and self.score >= MIN_SCORE


def _candidate(doc: Normalized, wanted: Wanted, start: int, end: int, distance: int, expected: int | None) -> Candidate:
    quote = 1.0 - distance / len(wanted.quote)
    prefix = prefix_similarity(doc.text, start, wanted.prefix, wanted.prefix_reaches_start)
    suffix = suffix_similarity(doc.text, end, wanted.suffix, wanted.suffix_reaches_end)
    offset = None if expected is None else abs(start - expected)
    position = 0.0 if offset is None else 1.0 / (1.0 + offset / (2 * POSITION_SLACK))
    edge = min(EDGE_CHARS, len(wanted.quote))
    # A quote that begins (ends) with invisible characters has its edge there.
    start_exact = start == 0 or (
        doc.text.startswith(wanted.quote[:edge], start) and doc.invisible_before(start, wanted.lead) >= wanted.lead
    )
    end_exact = end == len(doc.text) or (
        doc.text[end - edge : end] == wanted.quote[-edge:] and doc.invisible_after(end, wanted.trail) >= wanted.trail
    )
    start_pinned = start_exact or prefix >= EDGE_CONTEXT_FLOOR
    end_pinned = end_exact or suffix >= EDGE_CONTEXT_FLOOR
    edges_held = (start_exact or prefix >= CONTEXT_FLOOR) and (end_exact or suffix >= CONTEXT_FLOOR)
    score = (
        WEIGHTS["quote"] * quote + WEIGHTS["prefix"] * prefix + WEIGHTS["suffix"] * suffix
        + WEIGHTS["position"] * position
    )
    return Candidate(start, end, quote, prefix, suffix, offset, start_pinned, end_pinned, edges_held, score)


def _trimmed(doc: str, start: int, end: int) -> Span:
    while start < end and doc[start] == " ":
        start += 1
    while end > start and doc[end - 1] == " ":
        end -= 1
    return start, end


class Searcher:
    """Finds selectors in one text by quote and context, sharing the normalized text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.doc = normalized(text)

    def find(self, selector: Selector) -> Span | None:
        """Where the passage is in the text (original offsets), or None: never a look-alike."""
        if self._unchanged(selector):
            return selector.start, selector.end  # type: ignore[return-value]
        wanted = Wanted.of(selector)
        if not wanted.quote:
            return self._invisible(selector, wanted)
        expected = None if selector.start is None else self.doc.from_original(selector.start)
        candidates = [
            _candidate(self.doc, wanted, at, at + len(wanted.quote), 0, expected)
            for at in occurrences(self.doc.text, wanted.quote, limit=2_000)
        ]
        if wanted.contextless:
            unique = len(candidates) == 1 and len(wanted.quote) >= CONTEXTLESS_MIN_LENGTH
            return self._span(candidates[0], wanted) if unique else None
        perfect = [c for c in candidates if c.perfect]
        if len(perfect) == 1 and not any(_apart(c, perfect[0]) and c.likeness >= perfect[0].likeness - RIVAL_MARGIN
                                         for c in candidates):
            return self._span(perfect[0], wanted)
        if wanted.max_distance() > 0:
            candidates += self._approximate(wanted, expected)
        chosen = self._choose(candidates, wanted)
        return self._span(chosen, wanted) if chosen is not None else None

    def in_context(self, selector: Selector, span: Span) -> bool:
        """Whether the text on each side of `span` (original offsets) that the selector stored
        context for agrees with that context at least CONTEXT_FLOOR well."""
        wanted = Wanted.of(selector)
        start, end = self.doc.from_original(span[0]), self.doc.until_original(span[1])
        return (not wanted.prefix or prefix_similarity(self.doc.text, start, wanted.prefix,
                                                       wanted.prefix_reaches_start) >= CONTEXT_FLOOR) and \
            (not wanted.suffix or suffix_similarity(self.doc.text, end, wanted.suffix,
                                                    wanted.suffix_reaches_end) >= CONTEXT_FLOOR)

    def _unchanged(self, selector: Selector) -> bool:
        """Whether the stored offsets still hold the quote with its whole context."""
        start, end, text = selector.start, selector.end, self.text
        if start is None or end is None or not 0 <= start < end <= len(text) or not selector.exact.strip():
            return False
        return (
            text[start:end] == selector.exact
            and text[max(0, start - len(selector.prefix)) : start] == selector.prefix
            and text[end : end + len(selector.suffix)] == selector.suffix
            and (len(selector.prefix) >= CONTEXT or start == len(selector.prefix))
            and (len(selector.suffix) >= CONTEXT or end + len(selector.suffix) == len(text))
        )

    def _approximate(self, wanted: Wanted, expected: int | None) -> list[Candidate]:
        found = []
        limit = wanted.max_distance()
        for low, high in seeded_regions(self.doc.text, wanted.quote, limit):
            if len(wanted.quote) > LONG_ALIGNMENT:
                aligned = long_alignments(wanted.quote, self.doc.text, low, high, limit)
            else:
                aligned = alignments(wanted.quote, self.doc.text, low, high, limit)
            for distance, start, end in aligned:
                start, end = _trimmed(self.doc.text, start, end)
                if start < end:
                    found.append(self._refined(wanted, start, end, distance, expected))
        return [c for c in found if c is not None]

    def _refined(self, wanted: Wanted, start: int, end: int, distance: int, expected: int | None) -> Candidate | None:
        """The best-scoring candidate with edges moved by at most a few characters: where the
        quote's edge was edited, the alignment alone cannot tell where the passage ends."""
        doc, quote, limit = self.doc.text, wanted.quote, wanted.max_distance()
        reach = min(EDGE_REACH, distance + 2)

        def scored(first: int, last: int) -> Candidate | None:
            first, last = _trimmed(doc, first, last)
            if first >= last:
                return None
            edits = Levenshtein.distance(quote, doc[first:last], score_cutoff=limit)
            return _candidate(self.doc, wanted, first, last, edits, expected) if edits <= limit else None

        def key(c: Candidate) -> tuple[bool, float]:
            return c.acceptable(wanted), c.score

        best = scored(start, end)
        if best is None or best.perfect:
            return best
        for first in range(max(0, start - reach), min(end, start + reach + 1)):
            option = scored(first, best.end)
            if option is not None and key(option) > key(best):
                best = option
        for last in range(max(best.start + 1, end - reach), min(len(doc), end + reach) + 1):
            option = scored(best.start, last)
            if option is not None and key(option) > key(best):
                best = option
        return best

    def _choose(self, candidates: list[Candidate], wanted: Wanted) -> Candidate | None:
        """The best acceptable candidate, or None when there is none, when look-alikes apart
        from it cannot be told apart by position, or when it stands away from the old place
        without the context or the length to have carried itself there."""
        acceptable = [c for c in candidates if c.acceptable(wanted)]
        if not acceptable:
            return None
        placed = [c for c in acceptable if c.near]
        best = max(placed or acceptable, key=lambda c: (c.score, -c.start))
        rivals = [c for c in acceptable if _apart(c, best) and c.likeness >= best.likeness - RIVAL_MARGIN]
        if rivals and not (best.near and best.offset is not None
                           and all(c.offset is not None and c.offset > best.offset + POSITION_SLACK for c in rivals)):
            return None
        moved_with_context = max(best.prefix, best.suffix) >= CONTEXT_FLOOR
        long_and_whole = len(wanted.quote) >= LONG_QUOTE and best.quote >= POSITION_QUOTE_FLOOR
        if not best.near and not (moved_with_context or long_and_whole):
            return None
        if _took_in_context(self.doc.text, best, wanted):
            return None
        return best

    def _span(self, candidate: Candidate, wanted: Wanted) -> Span:
        """The candidate in original offsets, with as much whitespace and invisible characters
        on each edge as the stored quote had there (matching leaves them out)."""
        start, end = self.doc.to_original(candidate.start, candidate.end)
        text = self.text
        for _ in range(wanted.lead):
            if start == 0 or text[start - 1] not in INVISIBLE:
                break
            start -= 1
        for _ in range(wanted.trail):
            if end == len(text) or text[end] not in INVISIBLE:
                break
            end += 1
        return start, end

    def _invisible(self, selector: Selector, wanted: Wanted) -> Span | None:
        """A quote of nothing but whitespace and invisible characters: where it stands exactly,
        its context agreeing completely on both sides, at one place only."""
        if not selector.exact or not (wanted.prefix or wanted.suffix):
            return None
        doc = self.doc.text
        found = []
        for at in occurrences(self.text, selector.exact, limit=COMMON_INVISIBLE):
            here = self.doc.from_original(at)
            if (
                prefix_similarity(doc, here, wanted.prefix, wanted.prefix_reaches_start) == 1.0
                and suffix_similarity(doc, here, wanted.suffix, wanted.suffix_reaches_end) == 1.0
            ):
                found.append((at, at + len(selector.exact)))
        return found[0] if len(found) == 1 else None



def _took_in_context(doc: str, candidate: Candidate, wanted: Wanted) -> bool:
    """Whether an approximate candidate swallowed the text that stood beside the passage:
    it then reaches onto the neighbouring text instead of standing on the passage."""
    if candidate.perfect:
        return False
    inside = doc[candidate.start : candidate.end]
    return any(len(context) >= CONTEXT // 2 and context in inside and context not in wanted.quote
               for context in (wanted.prefix, wanted.suffix))


def _apart(a: Candidate, b: Candidate) -> bool:
    return a.end <= b.start or b.end <= a.start

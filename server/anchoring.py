"""Find a highlighted passage in article text (W3C TextQuoteSelector + TextPositionSelector).

Two jobs share this module:

* creation (`locate`): the browser sends the quote and its context as the live
  page's DOM shows them; they differ from the extracted text in whitespace,
  soft hyphens, quotes and dashes, so matching happens on normalized text and
  the offsets returned point into the original text.
* re-anchoring (`anchor`, `anchor_many`): the page was saved again and its text
  changed. Exact matches (with context) come first, then an approximate search.
  A candidate must resemble the quote AND stand where the passage stood (its
  context or its expected position agree); otherwise the highlight is
  orphaned (None) rather than moved onto look-alike text elsewhere.

Only strings in, offsets out: no Flask, no database.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

CONTEXT = 32

# --- Normalization (the rule is shared with the JavaScript highlighter) -----------------

# Unicode White_Space, spelled out so that both implementations use the same set.
_WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_REPLACED = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
_SPECIAL = re.compile(
    f"[{_WHITESPACE}][{_WHITESPACE}{_DELETED}]*"  # a whitespace run (deleted chars inside it vanish)
    f"|[{_DELETED}]+"
    f"|[{re.escape(''.join(_REPLACED))}]"
)
_IS_WHITESPACE = re.compile(f"[{_WHITESPACE}]")


@dataclass(frozen=True)
class _Normalized:
    """Normalized text plus, per normalized character, the original span it came from."""

    text: str
    starts: list[int]
    ends: list[int]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalized span [start, end) back to original offsets."""
        return self.starts[start], self.ends[end - 1]

    def from_original(self, offset: int) -> int:
        """The normalized index of the first character at or after an original offset."""
        return bisect.bisect_left(self.starts, offset)


def _normalize(s: str) -> _Normalized:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for match in _SPECIAL.finditer(s):
        first, after = match.span()
        if first > done:
            pieces.append(s[done:first])
            starts.extend(range(done, first))
            ends.extend(range(done + 1, first + 1))
        token = match.group()
        if _IS_WHITESPACE.match(token):
            replacement = " "
        elif token[0] in _REPLACED:
            replacement = _REPLACED[token[0]]
        else:
            replacement = ""  # soft hyphens and zero-width characters
        pieces.append(replacement)
        starts.extend([first] * len(replacement))
        ends.extend([after] * len(replacement))
        done = after
    if done < len(s):
        pieces.append(s[done:])
        starts.extend(range(done, len(s)))
        ends.extend(range(done + 1, len(s) + 1))
    return _Normalized("".join(pieces), starts, ends, len(s))


def normalize(s: str) -> tuple[str, list[int]]:
    """Normalize text for matching; index_map[i] is the index in `s` of normalized[i]."""
    normalized = _normalize(s)
    return normalized.text, normalized.starts


_TRANSLATION = str.maketrans({**dict.fromkeys(_DELETED), **_REPLACED})
_WHITESPACE_RUN = re.compile(f"[{_WHITESPACE}]+")


def _normalized_part(s: str) -> str:
    """A quote, prefix or suffix as compared: normalized, outer whitespace trimmed.

    Same result as `_normalize(s).text.strip(" ")`, without building the index maps."""
    return _WHITESPACE_RUN.sub(" ", s.translate(_TRANSLATION)).strip(" ")


# --- Selectors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Selector:
    """A TextQuoteSelector (exact, prefix, suffix) with an optional TextPositionSelector."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


def describe(text: str, start: int, end: int) -> Selector:
    """The selector for text[start:end]: the quote, CONTEXT characters each side, the offsets."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) is outside a text of length {len(text)}")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


# --- Context similarity ------------------------------------------------------------------


def _prefix_similarity(doc: str, at: int, prefix: str, reaches_start: bool) -> float:
    """How well the normalized text just before `at` agrees with the stored prefix (0..1).

    A prefix that reached the start of the old text says "the passage was near the start":
    it is compared with everything before `at` (up to CONTEXT characters), so the same
    short prefix further into the text does not count as agreement.
    """
    end = at - 1 if at > 0 and doc[at - 1] == " " else at
    if reaches_start:
        window = doc[max(0, end - CONTEXT) : end].lstrip(" ")
        longest = max(len(prefix), len(window))
        return 1.0 if longest == 0 else 1.0 - Levenshtein.distance(prefix, window) / longest
    if not prefix:
        return 0.0
    window = doc[max(0, end - len(prefix)) : end]
    return max(0.0, 1.0 - Levenshtein.distance(prefix, window) / len(prefix))


def _suffix_similarity(doc: str, at: int, suffix: str, reaches_end: bool) -> float:
    """Mirror image of `_prefix_similarity` for the text just after `at`."""
    begin = at + 1 if at < len(doc) and doc[at] == " " else at
    if reaches_end:
        window = doc[begin : begin + CONTEXT].rstrip(" ")
        longest = max(len(suffix), len(window))
        return 1.0 if longest == 0 else 1.0 - Levenshtein.distance(suffix, window) / longest
    if not suffix:
        return 0.0
    window = doc[begin : begin + len(suffix)]
    return max(0.0, 1.0 - Levenshtein.distance(suffix, window) / len(suffix))


# --- Creation ----------------------------------------------------------------------------


def _occurrences(haystack: str, needle: str, limit: int = 10_000, low: int = 0, high: int | None = None) -> list[int]:
    high = len(haystack) if high is None else high
    found: list[int] = []
    at = haystack.find(needle, low, high)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = haystack.find(needle, at + 1, high)
    return found


def locate(
    text: str,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
) -> tuple[int, int] | None:
    """Where the quote a user selected on the live page is in `text` (original offsets), or None.

    Offsets that already point at the quote win. Otherwise the quote is searched in
    normalized text; between several occurrences the context decides, then the
    distance from `start`. As a last resort whitespace is ignored altogether (the DOM
    and the extracted text can disagree about spaces between inline elements).
    """
    if start is not None and end is not None and 0 <= start < end <= len(text):
        if text[start:end] == quote:
            return start, end
    needle = _normalized_part(quote)
    if not needle:
        return None
    doc = _normalize(text)
    wanted_prefix = _normalized_part(prefix)
    wanted_suffix = _normalized_part(suffix)

    def best(spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        def preference(span: tuple[int, int]) -> tuple[bool, float, int]:
            original = doc.to_original(*span)
            context = _prefix_similarity(doc.text, span[0], wanted_prefix, False) + _suffix_similarity(
                doc.text, span[1], wanted_suffix, False
            )
            distance = abs(original[0] - start) if start is not None else 0
            return (original[0] == start, round(context, 6), -distance)

        return doc.to_original(*max(spans, key=preference)) if spans else None

    found = best([(at, at + len(needle)) for at in _occurrences(doc.text, needle)])
    if found is not None:
        return found
    return best(_occurrences_ignoring_spaces(doc.text, needle))


def _occurrences_ignoring_spaces(doc: str, needle: str) -> list[tuple[int, int]]:
    kept = [i for i, c in enumerate(doc) if c != " "]
    squeezed = "".join(doc[i] for i in kept)
    compact_needle = needle.replace(" ", "")
    return [(kept[at], kept[at + len(compact_needle) - 1] + 1) for at in _occurrences(squeezed, compact_needle)]


# --- Approximate search ------------------------------------------------------------------


def _myers(pattern: str, text: str, free_start: bool) -> list[int]:
    """Edit distances between `pattern` and text ending at each position (bit-parallel).

    scores[j] is the least edit distance between the pattern and a substring of text
    ending just after text[j]; with free_start=False that substring must begin at 0
    (plain edit distance to the prefix text[:j+1]). Myers (1999), as formulated by Hyyrö.
    """
    m = len(pattern)
    mask = (1 << m) - 1
    top = 1 << (m - 1)
    match_masks: dict[str, int] = {}
    for i, c in enumerate(pattern):
        match_masks[c] = match_masks.get(c, 0) | (1 << i)
    carry = 0 if free_start else 1
    plus, minus, score = mask, 0, m
    scores = []
    append = scores.append
    get = match_masks.get
    for c in text:
        eq = get(c, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        horizontal_plus = minus | (~(xh | plus) & mask)
        horizontal_minus = plus & xh
        if horizontal_plus & top:
            score += 1
        elif horizontal_minus & top:
            score -= 1
        horizontal_plus = ((horizontal_plus << 1) | carry) & mask
        horizontal_minus = (horizontal_minus << 1) & mask
        plus = horizontal_minus | (~(xv | horizontal_plus) & mask)
        minus = horizontal_plus & xv
        append(score)
    return scores


def _alignments(pattern: str, doc: str, low: int, high: int, max_distance: int, keep: int = 3) -> list[tuple[int, int, int]]:
    """The best approximate occurrences of `pattern` in doc[low:high]: (distance, start, end)."""
    low, high = max(0, low), min(len(doc), high)
    if high <= low:
        return []
    scores = _myers(pattern, doc[low:high], free_start=True)
    valleys: list[tuple[int, int]] = []  # (distance, end index) of each run of good scores
    run_best: tuple[int, int] | None = None
    for j, score in enumerate(scores):
        if score <= max_distance:
            if run_best is None or score < run_best[0]:
                run_best = (score, j)
        elif run_best is not None:
            valleys.append(run_best)
            run_best = None
    if run_best is not None:
        valleys.append(run_best)
    found = []
    for distance, j in sorted(valleys)[:keep]:
        end = low + j + 1
        start = _alignment_start(pattern, doc, end, distance)
        found.append((distance, start, end))
    return found


def _long_alignments(quote: str, doc: str, low: int, high: int, max_distance: int) -> list[tuple[int, int, int]]:
    """`_alignments` for a long quote: its first and last EDGE_PATTERN characters are aligned
    (the bit-parallel search costs O(window * quote length)), the whole quote is then
    compared with what lies between them."""
    heads = _alignments(quote[:EDGE_PATTERN], doc, low, high, max_distance, keep=2)
    tails = _alignments(quote[-EDGE_PATTERN:], doc, low, high, max_distance, keep=2)
    found = []
    for _, start, _ in heads:
        for _, _, end in tails:
            if end > start:
                distance = Levenshtein.distance(quote, doc[start:end], score_cutoff=max_distance)
                if distance <= max_distance:
                    found.append((distance, start, end))
    return sorted(found)[:3]


def _alignment_start(pattern: str, doc: str, end: int, distance: int) -> int:
    """Where the best alignment of `pattern` ending at `end` begins."""
    reach = len(pattern) + distance + 1
    begin = max(0, end - reach)
    backwards = _myers(pattern[::-1], doc[begin:end][::-1], free_start=False)
    best = min(backwards)
    lengths = [j + 1 for j, score in enumerate(backwards) if score == best]
    length = min(lengths, key=lambda n: abs(n - len(pattern)))
    return end - length


# --- Re-anchoring ------------------------------------------------------------------------

# A candidate is taken only if all of these hold (else the highlight is orphaned):
# 1. It resembles the quote: at most this share of the quote's characters edited
#    (none for quotes under 10 characters, one for quotes under 20).
MAX_QUOTE_EDITS = 0.15
# 2. It stands where the passage stood. The context agrees this well on one side
#    (unrelated 32-character English windows score about 0.1-0.35)...
CONTEXT_FLOOR = 0.6
#    ...and, further than NEIGHBOURHOOD characters from where the passage is expected, on
#    both sides: a pull quote or repeated boilerplate carries the rest of its sentence along.
NEIGHBOURHOOD = 512
#    A quote of LONG_QUOTE characters or more, nearly unchanged (POSITION_QUOTE_FLOOR),
#    needs one side only wherever it is: a moved paragraph keeps the context inside it.
LONG_QUOTE = 64
POSITION_QUOTE_FLOOR = 0.95
#    Or, with no context left, a nearly unchanged quote of POSITION_MIN_LENGTH characters
#    or more sits within POSITION_SLACK characters of the expected place.
POSITION_MIN_LENGTH = 32
POSITION_SLACK = 64
#    Or the selector carries no context and no position (a quote imported from a service
#    that keeps only the quote): the quote, of CONTEXTLESS_MIN_LENGTH characters or more,
#    occurs exactly once in the text.
CONTEXTLESS_MIN_LENGTH = 20
# 3. An approximate match does not slide into neighbouring text: each edge is pinned by
#    the context on that side or by the quote's first (last) EDGE_CHARS found exactly there.
EDGE_CHARS = 6
EDGE_CONTEXT_FLOOR = 0.75
# 4. Its weighted score reaches MIN_SCORE; the score also ranks the acceptable candidates.
MIN_SCORE = 0.62
WEIGHTS = {"quote": 0.45, "prefix": 0.2, "suffix": 0.2, "position": 0.15}

# How many characters an approximate match's edges may move to agree with the context.
EDGE_REACH = 12
# At most this many q-grams of a quote are looked up to find where it might be.
MAX_SEEDS = 48
# Quotes shorter than this are aligned against the whole window around the expected
# place; longer ones only where q-grams say they might be (the alignment costs O(window * m)).
WHOLE_WINDOW_QUOTE = 200
# Quotes longer than this are aligned by their first and last EDGE_PATTERN characters.
LONG_ALIGNMENT = 1000
EDGE_PATTERN = 256
# How far around the expected place the first approximate search looks.
WINDOW_SLACK = 160


@dataclass(frozen=True)
class _Wanted:
    """A selector prepared for matching against one normalized document."""

    quote: str
    prefix: str
    suffix: str
    prefix_reaches_start: bool
    suffix_reaches_end: bool
    start: int | None  # original offset in the old text

    @classmethod
    def of(cls, selector: Selector) -> _Wanted:
        return cls(
            quote=_normalized_part(selector.exact),
            prefix=_normalized_part(selector.prefix),
            suffix=_normalized_part(selector.suffix),
            prefix_reaches_start=len(selector.prefix) < CONTEXT
            and (selector.start is None or selector.start <= len(selector.prefix)),
            suffix_reaches_end=len(selector.suffix) < CONTEXT,
            start=selector.start,
        )

    @property
    def contextless(self) -> bool:
        """Nothing but the quote is known: no context either side and no position."""
        return not self.prefix and not self.suffix and self.start is None

    def max_distance(self) -> int:
        m = len(self.quote)
        if m < 10:
            return 0
        if m < 20:
            return 1
        return int(m * MAX_QUOTE_EDITS)


@dataclass(frozen=True)
class _Candidate:
    start: int  # normalized offsets
    end: int
    quote: float
    prefix: float
    suffix: float
    offset: int | None  # distance from where the passage was expected, if known
    edges_pinned: bool
    score: float

    @property
    def near(self) -> bool:
        return self.offset is not None and self.offset <= POSITION_SLACK

    def acceptable(self, wanted: _Wanted) -> bool:
        one_side = max(self.prefix, self.suffix) >= CONTEXT_FLOOR
        both_sides = min(self.prefix, self.suffix) >= CONTEXT_FLOOR
        in_place = (
            both_sides
            or (one_side and (self.offset is None or self.offset <= NEIGHBOURHOOD))
            or (one_side and len(wanted.quote) >= LONG_QUOTE and self.quote >= POSITION_QUOTE_FLOOR)
            or (self.near and self.quote >= POSITION_QUOTE_FLOOR and len(wanted.quote) >= POSITION_MIN_LENGTH)
        )
        return in_place and self.edges_pinned and self.score >= MIN_SCORE


def _candidate(doc: _Normalized, wanted: _Wanted, start: int, end: int, distance: int, expected: int | None) -> _Candidate:
    quote = 1.0 - distance / len(wanted.quote)
    prefix = _prefix_similarity(doc.text, start, wanted.prefix, wanted.prefix_reaches_start)
    suffix = _suffix_similarity(doc.text, end, wanted.suffix, wanted.suffix_reaches_end)
    offset = None if expected is None else abs(start - expected)
    position = 0.0 if offset is None else 1.0 / (1.0 + offset / (2 * POSITION_SLACK))
    edge = min(EDGE_CHARS, len(wanted.quote))
    edges_pinned = (
        start == 0 or prefix >= EDGE_CONTEXT_FLOOR or doc.text.startswith(wanted.quote[:edge], start)
    ) and (end == len(doc.text) or suffix >= EDGE_CONTEXT_FLOOR or doc.text[end - edge : end] == wanted.quote[-edge:])
    score = (
        WEIGHTS["quote"] * quote
        + WEIGHTS["prefix"] * prefix
        + WEIGHTS["suffix"] * suffix
        + WEIGHTS["position"] * position
    )
    return _Candidate(start, end, quote, prefix, suffix, offset, edges_pinned, score)


def _trimmed(doc: str, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start] == " ":
        start += 1
    while end > start and doc[end - 1] == " ":
        end -= 1
    return start, end


class _Anchorer:
    """Anchors selectors in one text, sharing the normalized text between them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.doc = _normalize(text)

    def unchanged(self, selector: Selector) -> tuple[int, int] | None:
        """The stored offsets, when the text there and around it is exactly as stored."""
        start, end = selector.start, selector.end
        if start is None or end is None or not 0 <= start < end <= len(self.text):
            return None
        text = self.text
        if (
            text[start:end] == selector.exact
            and text[max(0, start - len(selector.prefix)) : start] == selector.prefix
            and text[end : end + len(selector.suffix)] == selector.suffix
            and (len(selector.prefix) >= CONTEXT or start == len(selector.prefix))
            and (len(selector.suffix) >= CONTEXT or end + len(selector.suffix) == len(text))
            and selector.exact.strip()
        ):
            return start, end
        return None

    def expected_position(self, wanted: _Wanted, shift: int | None) -> int | None:
        if wanted.start is None:
            return None
        return self.doc.from_original(wanted.start + (shift or 0))

    def exact(self, wanted: _Wanted, expected: int | None) -> list[_Candidate]:
        needle = wanted.quote
        return [
            _candidate(self.doc, wanted, at, at + len(needle), 0, expected)
            for at in _occurrences(self.doc.text, needle, limit=2_000)
        ]

    def nearby(self, wanted: _Wanted, expected: int) -> list[_Candidate]:
        m = len(wanted.quote)
        slack = WINDOW_SLACK + m // 4
        low, high = expected - slack, expected + m + slack
        found = self._aligned(wanted, _seeded_regions(self.doc.text, wanted.quote, wanted.max_distance(), low, high), expected)
        if m < WHOLE_WINDOW_QUOTE and not any(c.acceptable(wanted) for c in found):
            found += self._aligned(wanted, [(low, high)], expected)  # too edited for q-grams to find
        return found

    def anywhere(self, wanted: _Wanted, expected: int | None) -> list[_Candidate]:
        return self._aligned(wanted, _seeded_regions(self.doc.text, wanted.quote, wanted.max_distance()), expected)

    def _aligned(self, wanted: _Wanted, regions: list[tuple[int, int]], expected: int | None) -> list[_Candidate]:
        found = []
        for low, high in regions:
            if len(wanted.quote) > LONG_ALIGNMENT:
                aligned = _long_alignments(wanted.quote, self.doc.text, low, high, wanted.max_distance())
            else:
                aligned = _alignments(wanted.quote, self.doc.text, low, high, wanted.max_distance())
            for distance, start, end in aligned:
                start, end = _trimmed(self.doc.text, start, end)
                if start < end:
                    found.append(self._refined(wanted, start, end, distance, expected))
        return [c for c in found if c is not None]

    def _refined(self, wanted: _Wanted, start: int, end: int, distance: int, expected: int | None) -> _Candidate | None:
        """The best-scoring candidate with edges moved by at most a few characters.

        Where the quote's edge was edited, deleting a word and substituting it cost the
        same, so the alignment alone cannot tell where the passage ends; the context can.
        """
        doc, quote, limit = self.doc.text, wanted.quote, wanted.max_distance()
        reach = min(EDGE_REACH, distance + 2)

        def scored(first: int, last: int) -> _Candidate | None:
            first, last = _trimmed(doc, first, last)
            if first >= last:
                return None
            distance = Levenshtein.distance(quote, doc[first:last], score_cutoff=limit)
            return _candidate(self.doc, wanted, first, last, distance, expected) if distance <= limit else None

        best = scored(start, end)
        if best is None or reach == 0 or (best.quote == 1.0 and best.prefix == 1.0 and best.suffix == 1.0):
            return best
        def better(option: _Candidate | None, than: _Candidate) -> bool:
            return option is not None and (option.acceptable(wanted), option.score) > (than.acceptable(wanted), than.score)

        for first in range(max(0, start - reach), min(end, start + reach + 1)):
            option = scored(first, best.end)
            if better(option, best):
                best = option
        for last in range(max(best.start + 1, end - reach), min(len(doc), end + reach) + 1):
            option = scored(best.start, last)
            if better(option, best):
                best = option
        return best

    def original(self, candidate: _Candidate) -> tuple[int, int]:
        return self.doc.to_original(candidate.start, candidate.end)

    def anchor(self, selector: Selector, shift: int | None = None, wanted: _Wanted | None = None) -> tuple[int, int] | None:
        """Exact matches first; approximate search near the expected place, then anywhere.

        `shift` is how far the text around the passage has moved (from neighbouring
        highlights); without it the stored start is taken as the expected place.
        """
        same = self.unchanged(selector)
        if same is not None:
            return same
        wanted = wanted or _Wanted.of(selector)
        if not wanted.quote:
            return None
        expected = self.expected_position(wanted, shift)
        candidates = self.exact(wanted, expected)
        if wanted.contextless:
            unique = len(candidates) == 1 and len(wanted.quote) >= CONTEXTLESS_MIN_LENGTH
            return self.original(candidates[0]) if unique else None
        chosen = _best(candidates, wanted)
        if chosen is not None and (chosen.near or (expected is None and chosen is _perfect(candidates))):
            return self.original(chosen)
        if wanted.max_distance() > 0:
            if expected is not None:
                candidates += self.nearby(wanted, expected)
                chosen = _best(candidates, wanted)
                if chosen is not None and chosen.near:
                    return self.original(chosen)
            candidates += self.anywhere(wanted, expected)
            chosen = _best(candidates, wanted)
        return self.original(chosen) if chosen is not None else None


def _best(candidates: list[_Candidate], wanted: _Wanted) -> _Candidate | None:
    acceptable = [c for c in candidates if c.acceptable(wanted)]
    return max(acceptable, key=lambda c: (c.score, -c.start)) if acceptable else None


def _perfect(candidates: list[_Candidate]) -> _Candidate | None:
    """The one exact match whose context agrees completely on both sides, if there is one."""
    perfect = [c for c in candidates if c.quote == 1.0 and c.prefix == 1.0 and c.suffix == 1.0]
    return perfect[0] if len(perfect) == 1 else None


def _seeded_regions(
    doc: str, quote: str, max_distance: int, low: int = 0, high: int | None = None, keep: int = 4
) -> list[tuple[int, int]]:
    """Regions of `doc` that share enough exact q-grams with the quote to be worth aligning.

    Each gram found votes for the diagonal (doc position minus quote position) it lies
    on; an approximate occurrence with few edits leaves many grams on nearby diagonals.
    """
    m = len(quote)
    gram = 8 if m >= 64 else 5 if m >= 24 else 4
    step = max(gram // 2, (m - gram) // MAX_SEEDS + 1)
    low, high = max(0, low), len(doc) if high is None else min(len(doc), high)
    votes: list[tuple[int, int]] = []  # (diagonal, quote offset)
    for offset in range(0, m - gram + 1, step):
        hits = _occurrences(doc, quote[offset : offset + gram], limit=65, low=low, high=high)
        if len(hits) > 64:
            continue  # too common to say anything
        votes.extend((at - offset, offset) for at in hits)
    if not votes:
        return []
    votes.sort()
    tolerance = max_distance + gram
    clusters: list[tuple[int, int, int]] = []  # (distinct offsets, first diagonal, last diagonal)
    first = votes[0][0]
    offsets = {votes[0][1]}
    last = first
    for diagonal, offset in votes[1:]:
        if diagonal - last > tolerance:
            clusters.append((len(offsets), first, last))
            first, offsets = diagonal, set()
        offsets.add(offset)
        last = diagonal
    clusters.append((len(offsets), first, last))
    clusters.sort(reverse=True)
    return [
        (first - max_distance - gram, last + m + max_distance + gram)
        for count, first, last in clusters[:keep]
        if count >= 2
    ]


def anchor(text: str, selector: Selector) -> tuple[int, int] | None:
    """Where the passage described by `selector` is in `text` now (original offsets), or None
    when it is gone (orphaned): never a look-alike passage elsewhere."""
    return _Anchorer(text).anchor(selector)


def anchor_many(text: str, selectors: Sequence[Selector]) -> list[tuple[int, int] | None]:
    """`anchor` for many selectors on one text, sharing the work.

    The normalized text is built once. Cheap checks run first for every selector:
    offsets still holding the passage, or exactly one exact match with its whole
    context. The trustworthy ones (offsets unchanged, or a quote found exactly once)
    tell how far each region of the text has shifted; with that, a passage repeated in
    the text is told apart by position, a perfect match elsewhere is taken only where
    its neighbours say it should be (else it competes with the approximate search),
    and the approximate search looks in the right place first.
    """
    anchorer = _Anchorer(text)
    unchanged: dict[int, tuple[int, int]] = {}
    perfect: dict[int, tuple[int, int]] = {}
    prepared: dict[int, _Wanted] = {}
    landmarks: list[tuple[int, int, int]] = []  # (old start, new start, selector index)
    for i, selector in enumerate(selectors):
        found = anchorer.unchanged(selector)
        if found is not None:
            unchanged[i] = found
        else:
            wanted = prepared[i] = _Wanted.of(selector)
            candidates = anchorer.exact(wanted, None) if wanted.quote else []
            chosen = _perfect(candidates)
            if chosen is None:
                continue
            found = perfect[i] = anchorer.original(chosen)
            if len(candidates) > 1:
                continue  # the quote is repeated: this match cannot vouch for a shift
        if selector.start is not None:
            landmarks.append((selector.start, found[0], i))
    shifts = _Shifts(landmarks)
    results: list[tuple[int, int] | None] = []
    for i, selector in enumerate(selectors):
        shift = shifts.nearest(selector.start, excluding=i)
        if i in unchanged:
            results.append(unchanged[i])
        elif i in perfect and (
            shift is None or selector.start is None or abs(perfect[i][0] - selector.start - shift) <= POSITION_SLACK
        ):
            results.append(perfect[i])
        else:
            results.append(anchorer.anchor(selector, shift, prepared[i]))
    return results


class _Shifts:
    """How far the text moved, learnt from passages placed with certainty."""

    def __init__(self, landmarks: Iterable[tuple[int, int, int]]) -> None:
        self.landmarks = _in_order(sorted(landmarks))  # (old start, new start, selector index)
        self.old_starts = [old for old, _, _ in self.landmarks]

    def nearest(self, start: int | None, excluding: int) -> int | None:
        """The shift of the landmark nearest by old start, other than `excluding` itself."""
        if start is None:
            return None
        at = bisect.bisect_left(self.old_starts, start)
        best: tuple[int, int, int] | None = None
        for k in (at - 2, at - 1, at, at + 1):
            if 0 <= k < len(self.landmarks) and self.landmarks[k][2] != excluding:
                if best is None or abs(self.landmarks[k][0] - start) < abs(best[0] - start):
                    best = self.landmarks[k]
        return None if best is None else best[1] - best[0]


def _in_order(landmarks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest chain of landmarks (sorted by old start) whose new starts also increase.

    Edits keep the order of the text around them; a placement out of that order is a
    moved passage or a match on a repeat of the passage, and says nothing about how
    far its neighbourhood shifted.
    """
    tails: list[int] = []  # tails[k]: new start ending the best chain of length k + 1 ...
    tail_index: list[int] = []  # ... and the landmark it belongs to
    previous: list[int] = [-1] * len(landmarks)
    for i, (_, new, _) in enumerate(landmarks):
        k = bisect.bisect_right(tails, new)
        if k == len(tails):
            tails.append(new)
            tail_index.append(i)
        else:
            tails[k] = new
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k > 0 else -1
    chain: list[tuple[int, int, int]] = []
    i = tail_index[-1] if tail_index else -1
    while i != -1:
        chain.append(landmarks[i])
        i = previous[i]
    return chain[::-1]

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
  orphaned (None) rather than moved onto look-alike text elsewhere. Copies of
  the passage (a pull quote, repeated boilerplate) are told apart by position
  only: when position cannot tell them apart, when the only copy left stands
  where the text cannot have moved, or where another copy stood in the old text
  (as the other highlights' context shows), the highlight is orphaned too.

Only strings in, offsets out: no Flask, no database.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
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
# Characters that matching leaves out at the edges of a quote.
_INVISIBLE = _WHITESPACE.replace("\u2000-\u200a", "".join(map(chr, range(0x2000, 0x200B)))) + _DELETED


@dataclass(frozen=True)
class _Normalized:
    """Normalized text plus, per normalized character, the original span it came from."""

    text: str
    starts: list[int]
    ends: list[int]
    original_length: int
    source: str  # the original text

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalized span [start, end) back to original offsets."""
        return self.starts[start], self.ends[end - 1]

    def from_original(self, offset: int) -> int:
        """The normalized index of the first character at or after an original offset."""
        return bisect.bisect_left(self.starts, offset)

    def invisible_before(self, start: int, limit: int) -> int:
        """How many whitespace or invisible characters (at most `limit`) stand in the original
        text right before the normalized index `start`."""
        at = self.starts[start] if start < len(self.starts) else self.original_length
        run = self.source[max(0, at - limit) : at]
        return len(run) - len(run.rstrip(_INVISIBLE))

    def invisible_after(self, end: int, limit: int) -> int:
        """Mirror image of `invisible_before`: right after the normalized index `end`."""
        at = self.ends[end - 1] if end > 0 else 0
        run = self.source[at : at + limit]
        return len(run) - len(run.lstrip(_INVISIBLE))


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
    return _Normalized("".join(pieces), starts, ends, len(s), s)


def normalize(s: str) -> tuple[str, list[int]]:
    """Normalize text for matching; index_map[i] is the index in `s` of normalized[i]."""
    normalized = _normalize(s)
    return normalized.text, normalized.starts


_TRANSLATION = str.maketrans({**dict.fromkeys(_DELETED), **_REPLACED})
_WHITESPACE_RUN = re.compile(f"[{_WHITESPACE}]+")


# What `_normalized_part` changes besides single spaces at the ends.
_UNUSUAL = re.compile(f"[{_WHITESPACE.replace(' ', '')}{_DELETED}{re.escape(''.join(_REPLACED))}]|  ")


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
#    (A quote that begins or ends with whitespace or invisible characters has its edge
#    there: its first visible characters pin it only with as many of those beside them.)
#    Near the expected place, a match of a quote of POSITION_MIN_LENGTH characters or more
#    with at most a tenth of it edited may have an edge pinned by context agreeing only
#    CONTEXT_FLOOR well (an edit right at that edge): a few characters off there cannot
#    take it off the passage. Such a match may even have one edge loose (the quote's edge
#    and the context beside it both edited), the other pinned, unless the quote characters
#    it leaves out there stand just beyond it (see SPLIT_REACH): then text was inserted
#    inside the passage and the match is only part of it.
NEAR_EDGE_QUOTE_FLOOR = 0.9
# 4. Its weighted score reaches MIN_SCORE; the score also ranks the acceptable candidates.
#    Where it stands is checked too (see `_Anchorer.choose`): away from where its
#    neighbours say it should be, it is taken only where the text could have moved, and
#    never when a copy of it is as good.
MIN_SCORE = 0.62
WEIGHTS = {"quote": 0.45, "prefix": 0.2, "suffix": 0.2, "position": 0.15}

# Between candidates apart from each other that resemble the passage within this margin
# (quote and context, position left out), only position can decide.
RIVAL_MARGIN = 0.05
# A candidate out of place is a moved passage only if the text around the old place lost,
# and the text around the new place gained, at least this share of the passage's length.
MOVED_SHARE = 0.75
# ... the passage's length with the context on each side that still agrees this well:
# that context came along with it.
MOVED_CONTEXT_FLOOR = 0.9

# A match with one edge loose (see `_Candidate.acceptable`) is not taken when the quote
# characters it leaves out at that edge stand within SPLIT_REACH characters beyond it: with
# the last (first) SPLIT_CONTEXT characters of the stored context beside them, or alone when
# SPLIT_ALONE characters or more.
SPLIT_CONTEXT = 16
SPLIT_ALONE = 8
SPLIT_REACH = 1024
# An edge of a match with its neighbouring text, at least ELSEWHERE_MIN characters, that the
# old text held elsewhere (see `_Anchorer.on_other_text`).
ELSEWHERE_MIN = 24

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
# A perfect match vouches for a shift only if no near copy of it stands elsewhere: that many
# pieces of this length are looked up (one found more than ECHO_LIMIT times is left out), and
# ECHO_MATCHES of them found elsewhere within ECHO_TOLERANCE of the same offset make a copy.
ECHO_PIECES = 6
ECHO_PIECE = 12
ECHO_LIMIT = 64
ECHO_TOLERANCE = 8
ECHO_MATCHES = 3
# A landmark shifted more than SPIKE characters away from both its neighbours, which agree
# with each other within SPIKE_AGREEMENT, is left out (see `_without_spikes`).
SPIKE = 256
SPIKE_AGREEMENT = 64
# A landmark that may stand on a copy of its passage is used only if its shift is within
# this many characters of those of the certain landmarks around it.
WEAK_SLACK = 64
# ... plus this share of the distance to the nearest of them (the text between may have
# grown or shrunk by as much).
WEAK_SHARE = 0.1
# How far around the expected place the first approximate search looks.
WINDOW_SLACK = 160
# Pieces of the old text (as the windows show it) of PIECE characters, PIECE_MIN or more once
# normalized, found in the new text by their first PIECE_KEY characters, vouch for a shift
# where a neighbouring piece agrees within PIECE_SLACK characters (see `_OldText.pieces_found`).
PIECE = 24
PIECE_MIN = 16
PIECE_KEY = 12
PIECE_SLACK = 3
PIECE_LANDMARK = -2  # the selector index of a piece's landmark


@dataclass(frozen=True)
class _Wanted:
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
    def of(cls, selector: Selector) -> _Wanted:
        exact = selector.exact
        return cls(
            quote=_normalized_part(selector.exact),
            prefix=_normalized_part(selector.prefix),
            suffix=_normalized_part(selector.suffix),
            prefix_reaches_start=len(selector.prefix) < CONTEXT
            and (selector.start is None or selector.start <= len(selector.prefix)),
            suffix_reaches_end=len(selector.suffix) < CONTEXT,
            start=selector.start,
            lead=len(exact) - len(exact.lstrip(_INVISIBLE)),
            trail=len(exact) - len(exact.rstrip(_INVISIBLE)),
        )

    @property
    def window(self) -> str:
        """The quote with its context, as compared."""
        return " ".join(part for part in (self.prefix, self.quote, self.suffix) if part)

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


_Span = tuple[int, int]


@dataclass(frozen=True)
class _Candidate:
    start: int  # normalized offsets
    end: int
    quote: float
    prefix: float
    suffix: float
    offset: int | None  # distance from where the passage was expected, if known
    start_pinned: bool
    end_pinned: bool
    edges_held: bool  # each edge pinned, by context agreeing at least CONTEXT_FLOOR well
    score: float

    @property
    def edges_pinned(self) -> bool:
        return self.start_pinned and self.end_pinned

    @property
    def near(self) -> bool:
        return self.offset is not None and self.offset <= POSITION_SLACK

    @property
    def likeness(self) -> float:
        """The score without position: how much the candidate and its context look like the passage."""
        return WEIGHTS["quote"] * self.quote + WEIGHTS["prefix"] * self.prefix + WEIGHTS["suffix"] * self.suffix

    def one_edge_pinned(self, wanted: _Wanted) -> bool:
        """One edge is pinned and the other is loose where the quote has visible characters."""
        return (self.start_pinned and (self.end_pinned or not wanted.trail)) or (self.end_pinned and not wanted.lead)

    def acceptable(self, wanted: _Wanted, one_edge: bool = False) -> bool:
        """Whether the candidate meets the rules above; with `one_edge`, it may have one edge
        loose (the caller checks that the passage was not split there)."""
        one_side = max(self.prefix, self.suffix) >= CONTEXT_FLOOR
        both_sides = min(self.prefix, self.suffix) >= CONTEXT_FLOOR
        in_place = (
            both_sides
            or (one_side and (self.offset is None or self.offset <= NEIGHBOURHOOD))
            or (one_side and len(wanted.quote) >= LONG_QUOTE and self.quote >= POSITION_QUOTE_FLOOR)
            or (self.near and self.quote >= POSITION_QUOTE_FLOOR and len(wanted.quote) >= POSITION_MIN_LENGTH)
            or (self.quote >= POSITION_QUOTE_FLOOR and len(wanted.quote) >= LONG_QUOTE)
        )
        held = self.edges_pinned or (
            self.near
            and (self.edges_held or (one_edge and self.one_edge_pinned(wanted)))
            and self.quote >= NEAR_EDGE_QUOTE_FLOOR
            and len(wanted.quote) >= POSITION_MIN_LENGTH
        )
        return in_place and held and self.score >= MIN_SCORE


def _candidate(doc: _Normalized, wanted: _Wanted, start: int, end: int, distance: int, expected: _Span | None) -> _Candidate:
    quote = 1.0 - distance / len(wanted.quote)
    prefix = _prefix_similarity(doc.text, start, wanted.prefix, wanted.prefix_reaches_start)
    suffix = _suffix_similarity(doc.text, end, wanted.suffix, wanted.suffix_reaches_end)
    offset = None if expected is None else max(0, expected[0] - start, start - expected[1])
    position = 0.0 if offset is None else 1.0 / (1.0 + offset / (2 * POSITION_SLACK))
    edge = min(EDGE_CHARS, len(wanted.quote))
    # A quote that begins (ends) with invisible characters has its edge there (see EDGE_CHARS).
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
        WEIGHTS["quote"] * quote
        + WEIGHTS["prefix"] * prefix
        + WEIGHTS["suffix"] * suffix
        + WEIGHTS["position"] * position
    )
    return _Candidate(start, end, quote, prefix, suffix, offset, start_pinned, end_pinned, edges_held, score)


def _trimmed(doc: str, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start] == " ":
        start += 1
    while end > start and doc[end - 1] == " ":
        end -= 1
    return start, end


class _Anchorer:
    """Anchors selectors in one text, sharing the normalized text between them."""

    def __init__(self, text: str, old_text: _OldText | None = None) -> None:
        self.text = text
        self.doc = _normalize(text)
        self.old_text = old_text

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

    def expected_span(self, place: _Place) -> _Span | None:
        """Where the passage's start is expected, in normalized offsets."""
        if place.expected is None:
            return None
        low, high = place.expected
        return self.doc.from_original(low), self.doc.from_original(high)

    def echoed(self, candidate: _Candidate, wanted: _Wanted) -> bool:
        """Whether a near copy of the candidate with its context stands elsewhere in the text.

        Pieces of the window (context, quote, context) are looked up; ECHO_MATCHES of them
        found elsewhere the same distance apart as here mean a copy of the passage with its
        context, edited or not (a section repeated with small differences). The old text
        most likely had that copy too, so the quote being found exactly once does not show
        where the passage went: the passage may be the other copy, edited."""
        doc = self.doc.text
        first = max(0, candidate.start - len(wanted.prefix) - 1)
        window = doc[first : min(len(doc), candidate.end + len(wanted.suffix) + 1)]
        count = max(2, min(ECHO_PIECES, len(window) // ECHO_PIECE))
        step = (len(window) - ECHO_PIECE) / max(1, count - 1)
        diagonals: list[tuple[int, int]] = []  # (where the window would begin, piece)
        for k in range(count):
            offset = round(k * step)
            piece = window[offset : offset + ECHO_PIECE]
            hits = _occurrences(doc, piece, limit=ECHO_LIMIT + 1)
            if len(hits) > ECHO_LIMIT:
                continue  # too common to say anything
            for at in hits:
                if at != first + offset:
                    diagonals.append((at - offset, k))
        diagonals.sort()
        start = 0
        for end in range(len(diagonals)):
            while diagonals[end][0] - diagonals[start][0] > ECHO_TOLERANCE:
                start += 1
            if len({k for _, k in diagonals[start : end + 1]}) >= ECHO_MATCHES:
                return True
        return False

    def exact(self, wanted: _Wanted, expected: _Span | None) -> list[_Candidate]:
        needle = wanted.quote
        return [
            _candidate(self.doc, wanted, at, at + len(needle), 0, expected)
            for at in _occurrences(self.doc.text, needle, limit=2_000)
        ]

    def nearby(self, wanted: _Wanted, expected: _Span) -> list[_Candidate]:
        m = len(wanted.quote)
        slack = WINDOW_SLACK + m // 4
        low, high = expected[0] - slack, expected[1] + m + slack
        found = self._aligned(wanted, _seeded_regions(self.doc.text, wanted.quote, wanted.max_distance(), low, high), expected)
        if m < WHOLE_WINDOW_QUOTE and not any(c.acceptable(wanted) for c in found):
            found += self._aligned(wanted, [(low, high)], expected)  # too edited for q-grams to find
        return found

    def anywhere(self, wanted: _Wanted, expected: _Span | None) -> list[_Candidate]:
        return self._aligned(wanted, _seeded_regions(self.doc.text, wanted.quote, wanted.max_distance()), expected)

    def _aligned(self, wanted: _Wanted, regions: list[tuple[int, int]], expected: _Span | None) -> list[_Candidate]:
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

    def _refined(self, wanted: _Wanted, start: int, end: int, distance: int, expected: _Span | None) -> _Candidate | None:
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

    def split(self, candidate: _Candidate, wanted: _Wanted) -> bool:
        """Whether the quote characters the candidate leaves out at its loose edge stand not far
        beyond that edge (with the stored context beside them, or long enough to tell): text was
        inserted inside the passage there, and the candidate is only part of it."""
        doc, quote = self.doc.text, wanted.quote
        blocks = [  # stretches of the quote found unchanged in the candidate
            b
            for b in Levenshtein.opcodes(quote, doc[candidate.start : candidate.end])
            if b.tag == "equal" and b.src_end - b.src_start >= EDGE_CHARS
        ]
        if not blocks:
            return True
        if not candidate.start_pinned:
            left_out = quote[: blocks[0].src_start].strip(" ")
            low, high = max(0, candidate.start - SPLIT_REACH), candidate.start
            needles = [wanted.prefix[-SPLIT_CONTEXT:] + " " + left_out, wanted.prefix[-SPLIT_CONTEXT:] + left_out]
        else:
            left_out = quote[blocks[-1].src_end :].strip(" ")
            low, high = candidate.end, candidate.end + SPLIT_REACH
            needles = [left_out + " " + wanted.suffix[:SPLIT_CONTEXT], left_out + wanted.suffix[:SPLIT_CONTEXT]]
        if not left_out:
            return False
        if len(left_out) >= SPLIT_ALONE:
            needles.append(left_out)
        return any(doc.find(needle.strip(" "), low, high + len(needle)) != -1 for needle in needles)

    def original(self, candidate: _Candidate) -> tuple[int, int]:
        return self.doc.to_original(candidate.start, candidate.end)

    def span(self, candidate: _Candidate, wanted: _Wanted) -> tuple[int, int]:
        """The candidate in original offsets, with as much whitespace and invisible characters
        on each edge as the stored quote had there (matching leaves them out)."""
        start, end = self.original(candidate)
        text = self.text
        for _ in range(wanted.lead):
            if start == 0 or text[start - 1] not in _INVISIBLE:
                break
            start -= 1
        for _ in range(wanted.trail):
            if end == len(text) or text[end] not in _INVISIBLE:
                break
            end += 1
        return start, end

    def anchor(self, selector: Selector, place: _Place | None = None, wanted: _Wanted | None = None) -> tuple[int, int] | None:
        """Exact matches first; approximate search near the expected place, then anywhere.

        `place` is what the passages placed with certainty say about where this one should
        be; without it the stored start is taken as the expected place.
        """
        same = self.unchanged(selector)
        if same is not None:
            return same
        wanted = wanted or _Wanted.of(selector)
        if not wanted.quote:
            return self.invisible(selector, wanted)
        place = place or _Place.alone(selector)
        expected = self.expected_span(place)
        candidates = self.exact(wanted, expected)
        if wanted.contextless:
            unique = len(candidates) == 1 and len(wanted.quote) >= CONTEXTLESS_MIN_LENGTH
            return self.span(candidates[0], wanted) if unique else None
        chosen = self.choose(candidates, wanted, place)
        # An exact match without its context on both sides still competes with approximate
        # matches nearby: the passage may be there, edited, with its context.
        if chosen is not None and (
            (chosen.near and min(chosen.prefix, chosen.suffix) >= CONTEXT_FLOOR)
            or (expected is None and chosen is _perfect(candidates))
        ):
            return self.span(chosen, wanted)
        if wanted.max_distance() > 0:
            if expected is not None:
                candidates += self.nearby(wanted, expected)
                chosen = self.choose(candidates, wanted, place)
                if chosen is not None and chosen.near:
                    return self.span(chosen, wanted)
            candidates += self.anywhere(wanted, expected)
            chosen = self.choose(candidates, wanted, place)
        return self.span(chosen, wanted) if chosen is not None else None

    def invisible(self, selector: Selector, wanted: _Wanted) -> tuple[int, int] | None:
        """A quote of nothing but whitespace and invisible characters: where it stands exactly,
        its context agreeing completely on both sides, at one place only."""
        if not selector.exact or not (wanted.prefix or wanted.suffix):
            return None
        doc = self.doc.text
        found = []
        for at in _occurrences(self.text, selector.exact, limit=ECHO_LIMIT):
            here = self.doc.from_original(at)
            if (
                _prefix_similarity(doc, here, wanted.prefix, wanted.prefix_reaches_start) == 1.0
                and _suffix_similarity(doc, here, wanted.suffix, wanted.suffix_reaches_end) == 1.0
            ):
                found.append((at, at + len(selector.exact)))
        return found[0] if len(found) == 1 else None

    def choose(self, candidates: list[_Candidate], wanted: _Wanted, place: _Place) -> _Candidate | None:
        """The acceptable candidate standing where the passage can be, or None when there is
        none or two of them cannot be told apart.

        Candidates in the passage's place among its placed neighbours come first. Between
        copies that resemble the passage about equally (a pull quote, repeated boilerplate),
        only position decides: the best one must be near the expected place, or stand out
        from the others by more than the position's tolerance; nor may the place of another
        copy of the quote in the old text explain where it stands better. If position does
        not decide, the highlight is orphaned. A candidate out of place is taken only where
        the text could have moved: it carried its context (or is long enough to carry its
        own), the text around the old place lost the passage's length and the text around
        the new place gained it (otherwise the candidate is a copy that was there before and
        the passage is gone). Last, no edge of it may stand on text that the old text held
        elsewhere (see `on_other_text`).
        """
        acceptable = [
            c
            for c in candidates
            if c.acceptable(wanted) or (c.acceptable(wanted, one_edge=True) and not self.split(c, wanted))
        ]
        if not acceptable:
            return None
        placed = [c for c in acceptable if c.near or place.encloses(self.original(c)[0])]
        pool = placed or acceptable
        best = max(pool, key=lambda c: (c.score, -c.start))
        rivals = [c for c in acceptable if _apart(c, best) and c.likeness >= best.likeness - RIVAL_MARGIN]
        if rivals:
            # Position decides between look-alikes only where it is precise: the best one is
            # near the expected place and no other as good is near it too, nor (unless the
            # best one is exactly where expected) between the same neighbours.
            pinned = best.offset == 0
            contenders = [c for c in rivals if c.near or (not pinned and place.encloses(self.original(c)[0]))]
            # Failing that, it stands out from them by more than the position's tolerance.
            undecided = not best.near or any(c.likeness >= best.likeness for c in contenders)
            if undecided and not place.singles_out(best, rivals):
                return None
        if place.repeated and not best.near and not place.singles_out(best, []):
            return None  # the old text had copies of the quote: only its expected place can tell them apart
        if place.repeated and place.nearer_a_copy(self.original(best)[0], len(wanted.quote)):
            return None  # more likely the copy that stood elsewhere, the passage being gone
        # A candidate with no context left, away from the expected place, needs neighbours
        # placed with certainty to vouch for it: standing between them, or where they show
        # the text moved.
        contextless = max(best.prefix, best.suffix) < CONTEXT_FLOOR and not best.near
        if contextless and place.shifts is None:
            return None
        if not placed and not _carried(best, wanted):
            return None  # out of place, yet neither its context nor the quote's length came along
        if not placed and not place.could_have_moved(self.original(best), _moved_with(best, wanted), strict=contextless):
            return None
        if self.on_other_text(best, wanted):
            return None
        return best

    def on_other_text(self, candidate: _Candidate, wanted: _Wanted) -> bool:
        """Whether the candidate took in the stored context, or an edge of it with the text
        beside it is text that the old text (as the selectors show it) held, but not at the
        passage's edges: the candidate then reaches onto another passage that starts or ends
        the same way, or is a copy of this one standing in its own surroundings. Two
        highlights on identical text in different places stay on their own places."""
        if candidate.quote == 1.0 and candidate.prefix == 1.0 and candidate.suffix == 1.0:
            return False
        doc, edge = self.doc.text, 2 * EDGE_CHARS
        inside = doc[candidate.start : candidate.end]
        for context in (wanted.prefix, wanted.suffix):
            if len(context) >= SPLIT_CONTEXT and context in inside and context not in wanted.quote:
                return True  # the candidate took in the text that stood beside the passage
        if self.old_text is None:
            return False
        own = wanted.window
        for here in (
            doc[max(0, candidate.start - len(wanted.prefix) - 1) : candidate.start + edge],
            doc[candidate.end - edge : candidate.end + len(wanted.suffix) + 1],
        ):
            here = here.strip(" ")
            if len(here) >= ELSEWHERE_MIN and here not in own and self.old_text.holds(here):
                return True
        return False


def _carried(candidate: _Candidate, wanted: _Wanted) -> bool:
    """Whether a candidate out of place can be the passage moved there: a moved passage takes
    the context on one side along, or is long enough to carry its own (see LONG_QUOTE)."""
    return _moved_with(candidate, wanted) > 0 or (
        len(wanted.quote) >= LONG_QUOTE and candidate.quote >= POSITION_QUOTE_FLOOR
    )


def _moved_with(candidate: _Candidate, wanted: _Wanted) -> int:
    """How much context a moved passage took along: the sides that match nearly unchanged."""
    return (len(wanted.prefix) if candidate.prefix >= MOVED_CONTEXT_FLOOR else 0) + (
        len(wanted.suffix) if candidate.suffix >= MOVED_CONTEXT_FLOOR else 0
    )


def _apart(a: _Candidate, b: _Candidate) -> bool:
    return a.end <= b.start or b.end <= a.start


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
    context. The trustworthy ones (offsets unchanged, or a quote found exactly once with
    no near copy of it and its context elsewhere), kept where they agree on the order of
    the text and not shifted far from two neighbours that agree with each other, tell how
    far each region of the text has shifted and how much it grew or shrank; so do pieces
    of the old text that the selectors' windows show, found once in the new text (see
    `_OldText.pieces_found`). With that, a passage repeated in
    the text is told apart by position, a perfect match elsewhere is taken only where
    its neighbours say it should be or the text could have moved there (else it
    competes with the approximate search), and the approximate search looks in the
    right place first. A perfect match of a quote that the old text held elsewhere too is
    not taken where that other copy's place explains it better.
    """
    old_text = _OldText(selectors)
    anchorer = _Anchorer(text, old_text)
    repeated: set[int] = set()
    copies: dict[int, tuple[int, ...]] = {}  # old offsets of the other copies of each quote
    unchanged: dict[int, tuple[int, int]] = {}
    perfect: dict[int, tuple[int, int]] = {}
    prepared: dict[int, _Wanted] = {}
    landmarks: list[tuple[int, int, int]] = []  # (old start, new start, selector index)
    weak: list[tuple[int, int, int]] = []  # landmarks that may stand on a copy
    old_length: int | None = None
    for i, selector in enumerate(selectors):
        if selector.end is not None and len(selector.suffix) < CONTEXT:
            old_length = selector.end + len(selector.suffix)
        found = anchorer.unchanged(selector)
        if found is not None:
            unchanged[i] = found
        else:
            wanted = prepared[i] = _Wanted.of(selector)
            copies[i] = tuple(old_text.copies(selector))
            if copies[i]:
                repeated.add(i)
            candidates = anchorer.exact(wanted, None) if wanted.quote else []
            chosen = _perfect(candidates)
            if chosen is not None:
                perfect[i] = anchorer.span(chosen, wanted)
            # A near copy of the match stands elsewhere: the match may be on the copy. It is
            # told apart by position like a repeated quote, and vouches for a shift only where
            # the certain landmarks around it agree.
            echoed = chosen is not None and i not in repeated and anchorer.echoed(chosen, wanted)
            if echoed:
                repeated.add(i)
            if chosen is None or len(candidates) > 1 or (i in repeated and not echoed):
                continue  # no match, or the quote is repeated: this match cannot vouch for a shift
            found = perfect[i]
            if echoed:
                if selector.start is not None:
                    weak.append((selector.start, found[0], i))
                continue
        if selector.start is not None:
            landmarks.append((selector.start, found[0], i))
    if len(unchanged) < len(selectors):
        landmarks += old_text.pieces_found(anchorer.doc)
    shifts = _Shifts(landmarks, old_length, len(text), weak, old_text.windows_by_index())
    results: list[tuple[int, int] | None] = []
    for i, selector in enumerate(selectors):
        if i in unchanged:
            results.append(unchanged[i])
            continue
        place = shifts.place(selector, excluding=i, repeated=i in repeated)
        if copies.get(i):
            place = replace(place, copies=copies[i])
        if i in perfect and (place.shifts is None or place.near(perfect[i][0])):
            if place.nearer_a_copy(perfect[i][0], len(selector.exact)):
                results.append(None)  # as near where a copy of the passage stood: position cannot tell
            else:
                results.append(perfect[i])
        else:
            results.append(anchorer.anchor(selector, place, prepared[i]))
    return results


@dataclass(frozen=True)
class _Place:
    """Where a passage should be in the new text (original offsets), as far as is known."""

    expected: _Span | None  # its start, if it kept its place among its neighbours, lies in here
    between: _Span | None  # ... and certainly in here (the neighbours on either side)
    old: _Span | None  # where it was in the old text
    shifts: _Shifts | None
    excluding: int
    repeated: bool = False  # the old text held the quote elsewhere too (as other selectors show)
    tolerance: float = POSITION_SLACK  # how far from `expected` it may be (see `_Shifts.place`)
    copies: tuple[int, ...] = ()  # old offsets of other copies of the quote (as other selectors show)

    @classmethod
    def alone(cls, selector: Selector) -> _Place:
        """Nothing known but the stored offsets."""
        start = selector.start
        old = (start, selector.end) if start is not None and selector.end is not None else None
        return cls(None if start is None else (start, start), None, old, None, -1)

    def singles_out(self, best: _Candidate, rivals: list[_Candidate]) -> bool:
        """Whether position tells the best candidate from its rivals: it lies within the
        tolerance of the expected place, and each rival further than that beyond it."""
        if best.offset is None or best.offset > self.tolerance:
            return False
        return all(c.offset is not None and c.offset > best.offset + self.tolerance for c in rivals)

    def nearer_a_copy(self, start: int, length: int) -> bool:
        """Whether a place where another copy of the quote stood in the old text (moved as its
        neighbours say) explains `start` better than the passage's own place does."""
        if self.shifts is None:
            return False
        own = self.distance(start)
        for old in self.copies:
            other = self.shifts.place(Selector("", start=old, end=old + length), self.excluding)
            if other.distance(start) < own:
                return True
        return False

    def distance(self, start: int) -> float:
        """How far a start lies from where the passage is expected (infinite when unknown)."""
        if self.expected is None:
            return float("inf")
        return max(0, self.expected[0] - start, start - self.expected[1])

    def near(self, start: int) -> bool:
        return self.expected is not None and self.expected[0] - POSITION_SLACK <= start <= self.expected[1] + POSITION_SLACK

    def encloses(self, start: int) -> bool:
        return self.between is not None and self.between[0] <= start <= self.between[1]

    def could_have_moved(self, new: _Span, context: int, strict: bool = False) -> bool:
        """Whether the passage, with `context` characters around it, can have left its old
        place for `new` (unknown counts as yes, unless `strict`)."""
        if self.shifts is None or self.old is None:
            return not strict
        need = MOVED_SHARE * (self.old[1] - self.old[0] + context)
        lost = self.shifts.lost(self.old, self.excluding)
        gained = self.shifts.gained(new, self.excluding)
        if strict and (lost is None or gained is None):
            return False
        return (lost is None or lost >= need) and (gained is None or gained >= need)


class _Pieces:
    """Where pieces of text stand in one text, looked up by their first PIECE_KEY characters
    (the text is scanned once for all the pieces wanted)."""

    def __init__(self, text: str, keys: set[str]) -> None:
        self.text = text
        self.where: dict[str, list[int]] = {}
        for at in range(len(text) - PIECE_KEY + 1):
            key = text[at : at + PIECE_KEY]
            if key in keys:
                self.where.setdefault(key, []).append(at)

    def find(self, piece: str) -> list[int]:
        return [at for at in self.where.get(piece[:PIECE_KEY], ()) if self.text.startswith(piece, at)]


class _OldText:
    """What the selectors show of the old text: each one's quote and context is a window
    onto it. Tells whether a quote stood elsewhere in the old text too, and where the old
    text shows through in the new one."""

    def __init__(self, selectors: Sequence[Selector]) -> None:
        self.selectors = selectors
        self.windows: list[tuple[int, str]] | None = None
        self.known: str | None = None

    def _build(self) -> None:
        self.windows = [(s.start - len(s.prefix), s.prefix + s.exact + s.suffix) for s in self.selectors if s.start is not None]
        self.joined = "\x00".join(window for _, window in self.windows)
        self.firsts: list[int] = []  # where each window begins in `joined`
        at = 0
        for _, window in self.windows:
            self.firsts.append(at)
            at += len(window) + 1

    def windows_by_index(self) -> list[_Span | None]:
        """Each selector's window onto the old text (None without a position)."""
        return [
            (s.start - len(s.prefix), s.end + len(s.suffix)) if s.start is not None and s.end is not None else None
            for s in self.selectors
        ]

    def segments(self) -> list[tuple[int, str]]:
        """The old text as far as the windows show it: (old offset, text) of each stretch they cover."""
        if self.windows is None:
            self._build()
        assert self.windows is not None
        merged: list[tuple[int, str]] = []
        for first, window in sorted(self.windows):
            if merged and first <= merged[-1][0] + len(merged[-1][1]):
                begin, known = merged[-1]
                overlap = begin + len(known) - first
                if len(window) > overlap:
                    merged[-1] = (begin, known + window[overlap:])
            else:
                merged.append((first, window))
        return merged

    def pieces_found(self, doc: _Normalized) -> list[tuple[int, int, int]]:
        """Landmarks from pieces of the old text, PIECE characters apart: (old offset, new offset,
        PIECE_LANDMARK). A piece counts where it stands exactly once both in what the windows
        show of the old text and in the new text, and the piece before or after it stands the
        same distance away in the new text too (one piece alone may be a copy the windows do not
        show)."""
        pieces: list[tuple[str, int, int]] = []  # (piece, old offset, segment number)
        for number, (first, segment) in enumerate(self.segments()):
            for at in range(0, len(segment) - PIECE + 1, PIECE):
                raw = segment[at : at + PIECE]
                piece = _normalized_part(raw) if _UNUSUAL.search(raw) else raw.strip(" ")
                if len(piece) >= PIECE_MIN:
                    pieces.append((piece, first + at + len(raw) - len(raw.lstrip(_INVISIBLE)), number))
        if not pieces:
            return []
        keys = {piece[:PIECE_KEY] for piece, _, _ in pieces}
        in_old, in_new = _Pieces(self._known(), keys), _Pieces(doc.text, keys)
        placed: list[tuple[int, int, int] | None] = []  # (old offset, new offset, segment number)
        for piece, old, number in pieces:
            hits = in_new.find(piece) if len(in_old.find(piece)) == 1 else []
            placed.append((old, doc.starts[hits[0]], number) if len(hits) == 1 else None)
        found = []
        for k, here in enumerate(placed):
            if here is None:
                continue
            for other in (placed[k - 1] if k > 0 else None, placed[k + 1] if k + 1 < len(placed) else None):
                if (
                    other is not None
                    and other[2] == here[2]
                    and abs((other[1] - here[1]) - (other[0] - here[0])) <= PIECE_SLACK
                ):
                    found.append((here[0], here[1], PIECE_LANDMARK))
                    break
        return found

    def holds(self, piece: str) -> bool:
        """Whether the old text, as far as the windows show it, holds this normalized piece."""
        return piece in self._known()

    def _known(self) -> str:
        """The segments, normalized, one after the other (NUL between them)."""
        if self.known is None:
            self.known = "\x00".join(_normalized_part(segment) for _, segment in self.segments())
        return self.known

    def copies(self, selector: Selector) -> list[int]:
        """The other old offsets at which some selector's window holds this quote."""
        if selector.start is None or not selector.exact or "\x00" in selector.exact:
            return []
        if self.windows is None:
            self._build()
        assert self.windows is not None
        found: set[int] = set()
        at = self.joined.find(selector.exact)
        while at != -1:
            k = bisect.bisect_right(self.firsts, at) - 1
            offset = self.windows[k][0] + at - self.firsts[k]
            if offset != selector.start:
                found.add(offset)
            at = self.joined.find(selector.exact, at + 1)
        return sorted(found)


class _Shifts:
    """How far the text moved, learnt from passages placed with certainty.

    Landmarks that may stand on a copy of their passage (`weak`) are used only where the
    certain ones around them agree on the shift (see `_agreeing`)."""

    def __init__(
        self,
        landmarks: Iterable[tuple[int, int, int]],
        old_length: int | None = None,
        new_length: int = 0,
        weak: Iterable[tuple[int, int, int]] = (),
        windows: Sequence[_Span | None] = (),
    ) -> None:
        self.windows = windows
        chain = _without_spikes(_in_order(list(landmarks)))  # (old start, new start, selector index)
        weak = list(weak)
        if weak:
            chain = _in_order(chain + _agreeing(weak, chain, old_length, new_length))
        # The start of the text stays the start; its end stays the end, when the old length is known.
        self.landmarks = [(0, 0, -1)] + chain
        if old_length is not None and (not chain or (chain[-1][0] <= old_length and chain[-1][1] <= new_length)):
            self.landmarks.append((old_length, new_length, -1))
        self.empty = not chain
        self.old_starts = [old for old, _, _ in self.landmarks]
        self.new_starts = [new for _, new, _ in self.landmarks]

    def _around(self, starts: list[int], low: int, high: int, excluding: int) -> tuple[int | None, int | None]:
        """Indexes of the last landmark at or before `low` and the first at or after `high`."""
        before = bisect.bisect_right(starts, low) - 1
        while before >= 0 and self._ignored(self.landmarks[before], excluding):
            before -= 1
        after = bisect.bisect_left(starts, high)
        while after < len(starts) and self._ignored(self.landmarks[after], excluding):
            after += 1
        return (before if before >= 0 else None), (after if after < len(starts) else None)

    def _ignored(self, landmark: tuple[int, int, int], excluding: int) -> bool:
        """Whether a landmark says nothing independent about where selector `excluding` is:
        it is that selector's own, or a piece of its window (its own quote and context)."""
        old, _, index = landmark
        if excluding == -1:
            return False
        if index == PIECE_LANDMARK:
            window = self.windows[excluding] if excluding < len(self.windows) else None
            return window is not None and window[0] - PIECE < old < window[1]
        return index == excluding

    def place(self, selector: Selector, excluding: int, repeated: bool = False) -> _Place:
        if selector.start is None or selector.end is None or self.empty:
            return replace(_Place.alone(selector), repeated=repeated)
        start, end = selector.start, selector.end
        before, after = self._around(self.old_starts, start, end, excluding)
        assert before is not None  # the start of the text
        old_before, new_before, _ = self.landmarks[before]
        shift_before = new_before - old_before
        if after is None:
            expected = (start + shift_before, start + shift_before)
            between = (new_before, 1 << 62)
            reach = start - old_before
        else:
            old_after, new_after, _ = self.landmarks[after]
            shift_after = new_after - old_after
            expected = (start + min(shift_before, shift_after), start + max(shift_before, shift_after))
            between = (new_before, new_after)
            reach = min(start - old_before, old_after - end)
        # The text between the passage and its nearest neighbour may have grown or shrunk.
        tolerance = POSITION_SLACK + WEAK_SHARE * max(0, reach)
        return _Place(expected, between, (start, end), self, excluding, repeated, tolerance)

    def lost(self, old: _Span, excluding: int) -> int | None:
        """How many characters the text between the neighbours of an old span lost (None: unknown)."""
        before, after = self._around(self.old_starts, old[0], old[1], excluding)
        if before is None or after is None:
            return None
        (old_before, new_before, _), (old_after, new_after, _) = self.landmarks[before], self.landmarks[after]
        return (old_after - old_before) - (new_after - new_before)

    def gained(self, new: _Span, excluding: int) -> int | None:
        """How many characters the text between the neighbours of a new span gained (None: unknown)."""
        before, after = self._around(self.new_starts, new[0], new[1], excluding)
        if before is None or after is None:
            return None
        (old_before, new_before, _), (old_after, new_after, _) = self.landmarks[before], self.landmarks[after]
        return (new_after - new_before) - (old_after - old_before)


def _agreeing(
    weak: list[tuple[int, int, int]], chain: list[tuple[int, int, int]], old_length: int | None, new_length: int
) -> list[tuple[int, int, int]]:
    """The weak landmarks whose shift lies within a slack (see WEAK_SLACK) of the range
    spanned by the shifts of the certain landmarks (or the ends of the text) on either side."""
    frame = [(0, 0, -1)] + chain
    if old_length is not None and (not chain or (chain[-1][0] <= old_length and chain[-1][1] <= new_length)):
        frame.append((old_length, new_length, -1))
    olds = [old for old, _, _ in frame]
    kept = []
    for old, new, index in weak:
        after = bisect.bisect_left(olds, old)
        if after == 0:
            continue
        old_before, new_before, _ = frame[after - 1]
        if after == len(frame):  # past the last one: the text since may have grown or shrunk
            shifts, last = (new_before - old_before,), new
            slack = WEAK_SLACK + WEAK_SHARE * (old - old_before)
        else:
            old_after, last, _ = frame[after]
            shifts = (new_before - old_before, last - old_after)
            slack = WEAK_SLACK + WEAK_SHARE * min(old - old_before, old_after - old)
        if new_before <= new <= last and min(shifts) - slack <= new - old <= max(shifts) + slack:
            kept.append((old, new, index))
    return kept


def _without_spikes(chain: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The chain less the landmarks whose shift stands out from two neighbours that agree.

    A passage moved a long way between two neighbours that stayed put, or a match on a copy
    of a passage, keeps the order of the text yet says nothing about how far its
    neighbourhood shifted; an edit that changes the shift there and changes it back right
    after is the less likely reading.
    """
    kept = list(chain)
    k = 1
    while k < len(kept) - 1:
        before, here, after = (new - old for old, new, _ in kept[k - 1 : k + 2])
        if abs(before - after) <= SPIKE_AGREEMENT and min(abs(here - before), abs(here - after)) > SPIKE:
            del kept[k]
            k = max(1, k - 1)
        else:
            k += 1
    return kept


def _in_order(landmarks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest chain of landmarks whose old and new starts both increase.

    Edits keep the order of the text around them; a placement out of that order is a
    moved passage or a match on a repeat of the passage, and says nothing about how
    far its neighbourhood shifted.
    """
    landmarks = sorted(landmarks, key=lambda landmark: (landmark[0], -landmark[1]))
    tails: list[int] = []  # tails[k]: new start ending the best chain of length k + 1 ...
    tail_index: list[int] = []  # ... and the landmark it belongs to
    previous: list[int] = [-1] * len(landmarks)
    for i, (_, new, _) in enumerate(landmarks):
        k = bisect.bisect_left(tails, new)
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

"""The tokens of a text and the clean-up of their alignment: what the edit from the
previous text to the new one kept in order, with pure insertions and deletions slid to the
clearest boundaries and runs of a few common tokens between larger changes dropped as
coincidences (`carry.py` carries highlights through the result).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .normalize import Normalized, normalized
from .tuning import KEEP_EQUAL

TOKEN = re.compile(r"\w+|[^\w\s]")
WORD = re.compile(r"\w")  # a token that is a word, not a punctuation mark
# How clear a boundary stands before a token (`Tokens.boundary`), from clearest down.
PARAGRAPH, LINE, SENTENCE_END, CLAUSE_END, INSIDE = 4, 3, 2, 1, 0
# Marks that close a quotation or an aside, after which a sentence may still end ("?'\")").
CLOSERS = ('"', "'", ")")

Span = tuple[int, int]


class Tokens:
    """The tokens of one text: their normalized spans and their text."""

    def __init__(self, text: str) -> None:
        self.doc: Normalized = normalized(text)
        spans = [m.span() for m in TOKEN.finditer(self.doc.text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.words = [self.doc.text[start:end] for start, end in spans]
        self._boundaries: list[int] | None = None
        self._paragraph_bounds: list[int] | None = None
        self._breaks: dict[int, list[int]] = {}

    def boundary(self, k: int) -> int:
        """How clear a boundary stands before token k: 4 a paragraph break, 3 a line
        break, 2 after a sentence, 1 after a clause, 0 inside a sentence."""
        if k <= 0 or k >= len(self.words):
            return PARAGRAPH
        return self._boundary_list()[k]

    def _boundary_list(self) -> list[int]:
        if self._boundaries is None:  # the walks to a paragraph's edges ask for each token many times
            self._boundaries = [PARAGRAPH] + [self._boundary(j) for j in range(1, len(self.words))]
        return self._boundaries

    def paragraph(self, k: int) -> Span:
        """The tokens [first, end) of the paragraph token k stands in."""
        bounds = self.paragraph_bounds()
        at = bisect.bisect_right(bounds, k)
        return bounds[at - 1], bounds[at]

    def paragraph_bounds(self) -> list[int]:
        """The tokens that begin a paragraph, then the end (only the end in a text without tokens)."""
        if self._paragraph_bounds is None:
            self._paragraph_bounds = [*([0] if self.words else []), *self.breaks(0, len(self.words), PARAGRAPH),
                                      len(self.words)]
        return self._paragraph_bounds

    def breaks(self, first: int, last: int, level: int) -> list[int]:
        """The tokens k, first < k < last, that a boundary at least as clear as `level`
        stands before."""
        listed = self._breaks.get(level)
        if listed is None:
            listed = self._breaks[level] = [k for k, clear in enumerate(self._boundary_list()) if k and clear >= level]
        return listed[bisect.bisect_right(listed, first) : bisect.bisect_left(listed, min(last, len(self.words)))]

    def _boundary(self, k: int) -> int:
        between = self.doc.source[self.doc.ends[self.ends[k - 1] - 1] : self.doc.starts[self.starts[k]]]
        if between.count("\n") >= 2:
            return PARAGRAPH
        if "\n" in between:
            return LINE
        before = k - 1
        while before > 0 and self.words[before] in CLOSERS:  # a quotation ends with its sentence
            before -= 1
        if self.words[before] in (".", "!", "?"):
            return SENTENCE_END
        return CLAUSE_END if self.words[k - 1] in (",", ";", ":") else INSIDE

    def spaced(self, k: int) -> bool:
        """Whether whitespace (or either end of the text) stands before token k: a mark
        written against a word belongs with it."""
        return k <= 0 or k >= len(self.words) or any(c.isspace() for c in self.spacing(k))

    def spacing(self, k: int) -> str:
        """The original text between token k - 1 and token k (whitespace, invisible marks);
        empty at either end of the text."""
        if k <= 0 or k >= len(self.words):
            return ""
        return self.doc.source[self.doc.ends[self.ends[k - 1] - 1] : self.doc.starts[self.starts[k]]]


def slid(blocks: list[tuple[int, int, int]], a: list[int], b: list[int], old: Tokens,
          new: Tokens) -> list[tuple[int, int, int]]:
    """The matching blocks with each pure deletion or insertion slid along the repeated
    tokens at its ends (which the alignment may have matched either way) to where its
    edges fall on the clearest boundaries (paragraph, line, sentence, clause), then on
    whitespace (a quotation deleted whole takes its opening mark, not the next one's), or to
    where the block beside it empties into the other. A deletion or insertion that is a
    copy of the run beside it goes first where the whitespace between the tokens kept
    stays as it was (`changed_boundaries`)."""
    out: list[list[int]] = []
    for i, j, n in blocks:
        while out and n:
            i1, j1, n1 = out[-1]
            side = (a, old) if j == j1 + n1 else (b, new) if i == i1 + n1 else None
            if side is None:
                break
            gap, tokens = side
            other = new if tokens is old else old
            first, here = (i1 + n1, i) if gap is a else (j1 + n1, j)
            # How far a token before (after) the gap lands on the other side.
            offsets = (j1 - i1, j - i) if gap is a else (i1 - j1, i - j)
            back = 0  # how far it can slide backward (the block before shrinking) ...
            while back < n1 and gap[here - 1 - back] == gap[first - 1 - back]:
                back += 1
            ahead = 0  # ... and forward (this block shrinking)
            while ahead < n and gap[first + ahead] == gap[here + ahead]:
                ahead += 1
            if back == n1:  # the block before empties into this one
                out.pop()
                i, j, n = i - n1, j - n1, n + n1
                continue
            if ahead == n:  # this block empties into the one before
                out[-1][2] = n1 + n
                n = 0
                break
            changed = {d: (0, 0) for d in range(-back, ahead + 1)}
            if back + ahead >= here - first:  # the gap is a copy of the run beside it
                changed = {d: changed_boundaries(tokens, other, (first, here), d, (back, ahead), offsets)
                           for d in changed}
            shift = max(changed, key=lambda d: (-changed[d][0], -changed[d][1],
                                                tokens.boundary(first + d) + tokens.boundary(here + d),
                                                tokens.spaced(first + d) + tokens.spaced(here + d), -abs(d)))
            out[-1][2] = n1 + shift
            i, j, n = i + shift, j + shift, n - shift
            break
        if n:
            out.append([i, j, n])
    return [(i, j, n) for i, j, n in out]


def changed_boundaries(tokens: Tokens, other: Tokens, gap: Span, d: int, reach: Span,
                       offsets: Span) -> tuple[int, int]:
    """How many boundaries between kept tokens near the gap [first, here) of `tokens`, the
    gap shifted by d, differ from those between the same tokens in `other` (a paragraph
    break become a space); then how many of the very spacings between them differ. When the
    gap is a copy of the run beside it, this tells which of the two identical runs was the
    one deleted or inserted: the whitespace it leaves. A paragraph's words deleted without
    the breaks around them leave both breaks where they stood ("A\n\n\n\nC" from
    "A\n\nB\n\nB\n\nC"), a clearer sign than the boundary levels, which are the same
    whichever copy went."""
    (first, here), (back, ahead), (before_gap, after_gap) = gap, reach, offsets
    levels = spacings = 0
    for p in range(first - back, here + ahead + 1):
        if p == here + d:  # the two tokens the gap stood between
            q = p + after_gap
            levels += other.boundary(q) not in (tokens.boundary(first + d), tokens.boundary(p))
            around = (tokens.spacing(first + d), tokens.spacing(p))
            spacings += other.spacing(q) not in (*around, "".join(around))
        elif not first + d <= p < here + d:
            q = p + (before_gap if p < first + d else after_gap)
            levels += tokens.boundary(p) != other.boundary(q)
            spacings += tokens.spacing(p) != other.spacing(q)
    return levels, spacings


def unique_in_both(a: list[int], b: list[int]) -> set[int]:
    """The tokens that occur once in each text."""
    counts: dict[int, list[int]] = {}
    for token in a:
        counts.setdefault(token, [0, 0])[0] += 1
    for token in b:
        counts.setdefault(token, [0, 0])[1] += 1
    return {token for token, (x, y) in counts.items() if x == 1 and y == 1}


def without_coincidences(blocks: list[tuple[int, int, int]], n_old: int, n_new: int,
                          common: Callable[[int, int], bool]) -> list[tuple[int, int, int]]:
    """The matching blocks less the short ones of common tokens standing between larger
    changes on both sides (a "the" or a comma that two unrelated sentences share); a
    token found once in each text is no coincidence."""
    kept = list(blocks)
    k = 0
    while k < len(kept):
        i, j, n = kept[k]
        before_i, before_j = (kept[k - 1][0] + kept[k - 1][2], kept[k - 1][1] + kept[k - 1][2]) if k else (0, 0)
        after_i, after_j = (kept[k + 1][0], kept[k + 1][1]) if k + 1 < len(kept) else (n_old, n_new)
        left = max(i - before_i, j - before_j)
        right = max(after_i - i - n, after_j - j - n)
        if n < KEEP_EQUAL and n <= left and n <= right and common(i, n):
            del kept[k]
            k = max(0, k - 1)
        else:
            k += 1
    return kept


def gaps(blocks: list[tuple[int, int, int]], n_old: int, n_new: int, old_side: bool) -> list[Span]:
    """The token ranges between matching blocks on one side."""
    gaps = []
    done = 0
    for i, j, n in blocks + [(n_old, n_new, 0)]:
        at = i if old_side else j
        if at > done:
            gaps.append((done, at))
        done = at + n
    return gaps


def replaced_gaps(blocks: list[tuple[int, int, int]], n_old: int, n_new: int) -> tuple[set[Span], set[Span]]:
    """The deleted token ranges that inserted tokens face between the same two matching
    blocks, and those inserted ranges: text replaced in place, not merely deleted or inserted."""
    old_side, new_side = set(), set()
    old_done = new_done = 0
    for i, j, n in blocks + [(n_old, n_new, 0)]:
        if i > old_done and j > new_done:
            old_side.add((old_done, i))
            new_side.add((new_done, j))
        old_done, new_done = i + n, j + n
    return old_side, new_side

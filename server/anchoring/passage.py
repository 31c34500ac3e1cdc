"""Pure helpers of carrying (`carry.py`): where copies of a passage stand, how alike two
places' contexts are, which pieces of a passage kept their order, whether its text was
rewritten, and its invisible edges.
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from .normalize import INVISIBLE
from .tokens import TOKEN
from .tuning import CHANGED_EDGE_EDITS, CONTEXT, COPY_CONTEXT, MAX_REWRITE, ONE_WORD_REWRITE

Span = tuple[int, int]


def occurrences_between(text: str, part: str, start: int, end: int) -> list[int]:
    """Where `part` begins inside text[start:end]."""
    found = []
    at = text.find(part, start, end)
    while at != -1:
        found.append(at)
        at = text.find(part, at + 1, end)
    return found


def same_copy(text: str, part: str, gap: Span, copies: list[int], copy: int) -> int | None:
    """Where in text[gap] the same one of the copies of `part` stands as `copy` among `copies`
    in the old text, if text[gap] holds as many."""
    found = occurrences_between(text, part, *gap)
    return found[copies.index(copy)] if len(found) == len(copies) else None


def rewritten(quote: str, found: str) -> bool:
    """Whether `found` differs from `quote` (both normalized) beyond a light edit: in more
    than MAX_REWRITE of its characters, unless by one word inserted, removed or replaced (a
    light edit of a short passage) that is at most ONE_WORD_REWRITE of them. A word is a
    token ("indeed" put in after "well—"), or as written between spaces, with the marks
    against it ("say." cut from the start of "say. China's commerce ministry")."""
    distance, longest = Levenshtein.distance(quote, found), max(len(quote), len(found))
    if distance <= MAX_REWRITE * longest:
        return False
    if distance > ONE_WORD_REWRITE * longest:
        return True
    return Levenshtein.distance(TOKEN.findall(quote), TOKEN.findall(found)) > 1 \
        and Levenshtein.distance(quote.split(), found.split()) > 1


def closest_part(old: str, text: str, starts: list[int], ends: list[int], forward: bool) -> int:
    """Where the part of a changed stretch (its tokens' `starts` and `ends` in `text`) that
    stands for `old` ends (`forward`: a part from the stretch's start) or begins (a part up
    to its end): the one whose part is nearest `old`. A passage whose last word was changed
    while text was brought in right after it (a full stop made a semicolon and a clause added,
    a word misspelt before an inserted sentence) ends after that word's new form, as it would
    after the word itself. A part that is not `old` edited (at most CHANGED_EDGE_EDITS of its
    characters, or one) stands for nothing, nor one that other words of the stretch stand for
    better ("every" made "very every"): the whole stretch is taken. Parts much longer than
    `old` are not looked at (each extra character is an edit)."""
    fixed, edges = (starts[0], ends) if forward else (ends[-1], starts)
    whole = edges[-1] if forward else edges[0]
    reach = 2 * len(old) + CONTEXT

    def distance(edge: int) -> int:
        return Levenshtein.distance(old, text[fixed:edge] if forward else text[edge:fixed])

    near = [edge for edge in edges if abs(edge - fixed) <= reach]
    best = min(near, key=lambda edge: (distance(edge), abs(whole - edge)), default=whole)
    edits = distance(best)
    if edits > max(1, int(CHANGED_EDGE_EDITS * len(old))) or edits >= distance(whole):
        return whole
    return whole if _nearer_part(old, text, starts, ends, edits, reach) else best


def edited_into(old: str, new: str) -> bool:
    """Whether `new` reads as `old` edited: in at most CHANGED_EDGE_EDITS of its characters,
    or one ("this" made "thts", not "course" made "work")."""
    return Levenshtein.distance(old, new) <= max(1, int(CHANGED_EDGE_EDITS * len(old)))


def _nearer_part(old: str, text: str, starts: list[int], ends: list[int], edits: int, reach: int) -> bool:
    """Whether some run of the stretch's tokens (`starts`, `ends`), at most `reach` characters
    long, is fewer than `edits` edits from `old`. Only runs whose length is within `edits` of
    `old`'s are weighed: each character more or less is an edit."""
    for start in starts:
        shortest = bisect.bisect_right(ends, start + len(old) - edits)
        longest = bisect.bisect_left(ends, start + len(old) + edits)
        if any(start < end <= start + reach and Levenshtein.distance(old, text[start:end]) < edits
               for end in ends[shortest:longest]):
            return True
    return False


def longest_ordered_run(pieces: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """The most (in old characters) of the pieces (in old order) that follow each other in
    the new text in their old order: where most of the passage went. A sentence moved out
    from between two parts of it leaves them in order around it, as the part moved past
    them does not."""
    if all(one[3] <= other[2] for one, other in pairwise(pieces)):
        return pieces  # the common case: all of it in order
    order = sorted(range(len(pieces)), key=lambda k: (pieces[k][2], pieces[k][0]))
    # Stretches of pieces neighbours in both texts, then a heaviest increasing run of them.
    chunks: list[list[int]] = []
    for k in order:
        if chunks and chunks[-1][-1] == k - 1 and pieces[k - 1][3] <= pieces[k][2]:
            chunks[-1].append(k)
        else:
            chunks.append([k])
    weights = [sum(pieces[k][1] - pieces[k][0] for k in chunk) for chunk in chunks]
    best: list[int] = []
    back: list[int] = []
    for c, chunk in enumerate(chunks):
        a, new_a = pieces[chunk[0]][0], pieces[chunk[0]][2]
        before = [m for m in range(c) if pieces[chunks[m][-1]][1] <= a and pieces[chunks[m][-1]][3] <= new_a]
        previous = max(before, key=lambda m: best[m], default=-1)
        best.append(weights[c] + (best[previous] if previous != -1 else 0))
        back.append(previous)
    c = max(range(len(chunks)), key=lambda m: best[m], default=-1)
    run: list[tuple[int, int, int, int, int]] = []
    while c != -1:
        run[:0] = [pieces[k] for k in chunks[c]]
        c = back[c]
    return run


def common_run(text: str, one: int, other: int, step: int) -> int:
    """How many characters before (step -1) or after (step 1) the offsets `one` and `other`
    of `text` are the same, at most COPY_CONTEXT."""
    n = 0
    while n < COPY_CONTEXT:
        i, j = (one - n - 1, other - n - 1) if step < 0 else (one + n, other + n)
        if not (0 <= i < len(text) and 0 <= j < len(text)) or text[i] != text[j]:
            break
        n += 1
    return n


def context_likeness(new: str, new_low: int, new_high: int, old: str, low: int,
                      high: int) -> tuple[float, float]:
    """How alike the CONTEXT characters before (new_low and low) and after (new_high and
    high) the two places are, each 0..1; an offset outside its text has nothing beside it."""
    def before(text: str, at: int) -> str:
        return text[max(0, at - CONTEXT) : max(0, at)]

    return (Levenshtein.normalized_similarity(before(new, new_low), before(old, low)),
            Levenshtein.normalized_similarity(new[new_high : new_high + CONTEXT], old[high : high + CONTEXT]))


def kept_visible_marks(quote: str, found: str) -> bool:
    """Whether `found` begins and ends with the characters other than whitespace (zero-width
    spaces, soft hyphens) that the quote begins and ends with before its first token and
    after its last: tokens leave them out, so a passage beginning with them whose first
    token went on after text inserted before it would otherwise lose them silently."""
    if quote[:1] not in INVISIBLE and quote[-1:] not in INVISIBLE:
        return True  # nothing on its edges to lose (the found text is widened only as far as the quote's)

    def marks(text: str) -> tuple[str, str]:
        lead, trail = text[: len(text) - len(text.lstrip(INVISIBLE))], text[len(text.rstrip(INVISIBLE)) :]
        return "".join(c for c in lead if not c.isspace()), "".join(c for c in trail if not c.isspace())

    return marks(quote) == marks(found)


def with_invisible_edges(text: str, start: int, end: int, quote: str) -> Span:
    """The span widened by as much whitespace and invisible characters on each edge as the
    quote had there (tokens leave them out)."""
    lead = len(quote) - len(quote.lstrip(INVISIBLE))
    trail = len(quote) - len(quote.rstrip(INVISIBLE))
    for _ in range(lead):
        if start == 0 or text[start - 1] not in INVISIBLE:
            break
        start -= 1
    for _ in range(trail):
        if end == len(text) or text[end] not in INVISIBLE:
            break
        end += 1
    return start, end

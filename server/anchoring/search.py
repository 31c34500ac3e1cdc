"""Approximate search: where a quote occurs in a text with a few edits.

Q-grams of the quote vote for the regions worth aligning; the bit-parallel edit
distance (Myers 1999, as formulated by Hyyrö) then aligns the quote there."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from .context import occurrences
from .tuning import COMMON_GRAM, EDGE_PATTERN, MAX_SEEDS

Alignment = tuple[int, int, int]  # (edit distance, start, end) in the searched text


def myers(pattern: str, text: str, free_start: bool) -> list[int]:
    """Edit distances between `pattern` and text ending at each position.

    scores[j] is the least edit distance between the pattern and a substring of text
    ending just after text[j]; with free_start=False that substring must begin at 0
    (plain edit distance to the prefix text[:j+1]).
    """
    m = len(pattern)
    mask = (1 << m) - 1
    top = 1 << (m - 1)
    match_masks: dict[str, int] = {}
    for i, c in enumerate(pattern):
        match_masks[c] = match_masks.get(c, 0) | (1 << i)
    carry = 0 if free_start else 1
    plus, minus, score = mask, 0, m
    scores: list[int] = []
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


def alignments(pattern: str, doc: str, low: int, high: int, max_distance: int, keep: int = 3) -> list[Alignment]:
    """The best approximate occurrences of `pattern` in doc[low:high]."""
    low, high = max(0, low), min(len(doc), high)
    if high <= low:
        return []
    scores = myers(pattern, doc[low:high], free_start=True)
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
        found.append((distance, _alignment_start(pattern, doc, end, distance), end))
    return found


def long_alignments(quote: str, doc: str, low: int, high: int, max_distance: int) -> list[Alignment]:
    """`alignments` for a long quote: its first and last EDGE_PATTERN characters are aligned,
    the whole quote is then compared with what lies between them."""
    heads = alignments(quote[:EDGE_PATTERN], doc, low, high, max_distance, keep=2)
    tails = alignments(quote[-EDGE_PATTERN:], doc, low, high, max_distance, keep=2)
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
    begin = max(0, end - (len(pattern) + distance + 1))
    backwards = myers(pattern[::-1], doc[begin:end][::-1], free_start=False)
    best = min(backwards)
    lengths = [j + 1 for j, score in enumerate(backwards) if score == best]
    return end - min(lengths, key=lambda n: abs(n - len(pattern)))


def seeded_regions(doc: str, quote: str, max_distance: int, keep: int = 4) -> list[tuple[int, int]]:
    """Regions of `doc` that share enough exact q-grams with the quote to be worth aligning.

    Each gram found votes for the diagonal (doc position minus quote position) it lies
    on; an approximate occurrence with few edits leaves many grams on nearby diagonals.
    """
    m = len(quote)
    gram = 8 if m >= 64 else 5 if m >= 24 else 4
    step = max(gram // 2, (m - gram) // MAX_SEEDS + 1)
    votes: list[tuple[int, int]] = []  # (diagonal, quote offset)
    for offset in range(0, m - gram + 1, step):
        hits = occurrences(doc, quote[offset : offset + gram], limit=COMMON_GRAM + 1)
        if len(hits) > COMMON_GRAM:
            continue  # too common to say anything
        votes.extend((at - offset, offset) for at in hits)
    if not votes:
        return []
    votes.sort()
    tolerance = max_distance + gram
    clusters: list[tuple[int, int, int]] = []  # (distinct offsets, first diagonal, last diagonal)
    first = last = votes[0][0]
    offsets = {votes[0][1]}
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

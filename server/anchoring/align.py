"""Which tokens of the old text stayed, in order, in the new one: the matching blocks of a
patience alignment.

A plain longest common subsequence counts every token alike, so it will match the quote
marks and commas of an inserted sentence and leave unmatched a rare word that stands, once,
in both texts (the very word that says where a passage went). Patience alignment (as in
`git diff --patience`) first keeps the common beginning and end of the stretch, then the
tokens found exactly once on each side, in the order they agree on that holds the most
text (each counted with the run of equal tokens around it); it aligns the
stretches between those anchors the same way, and only a stretch with no such anchor by
the longest common subsequence.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel, Levenshtein

from .passage import edited_into
from .tuning import NEAR_STRETCH, NEAR_WORD

Block = tuple[int, int, int]  # (old first token, new first token, length)


def matching_blocks(a: list[int], b: list[int]) -> list[Block]:
    """The runs of tokens `a` and `b` share in order, sorted, adjacent runs merged."""
    found: list[Block] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a_low, a_high, b_low, b_high = stack.pop()
        head = 0
        while a_low + head < a_high and b_low + head < b_high and a[a_low + head] == b[b_low + head]:
            head += 1
        if head:
            found.append((a_low, b_low, head))
            a_low, b_low = a_low + head, b_low + head
        tail = 0
        while a_high - tail > a_low and b_high - tail > b_low and a[a_high - tail - 1] == b[b_high - tail - 1]:
            tail += 1
        if tail:
            found.append((a_high - tail, b_high - tail, tail))
            a_high, b_high = a_high - tail, b_high - tail
        if a_low == a_high or b_low == b_high:
            continue
        anchors = _anchors(a, b, a_low, a_high, b_low, b_high)
        if not anchors:
            found += [(a_low + m.a, b_low + m.b, m.size)
                      for m in Indel.opcodes(a[a_low:a_high], b[b_low:b_high]).as_matching_blocks() if m.size]
            continue
        i_done, j_done = a_low, b_low
        for i, j in anchors:
            stack.append((i_done, i, j_done, j))
            found.append((i, j, 1))
            i_done, j_done = i + 1, j + 1
        stack.append((i_done, a_high, j_done, b_high))
    return _merged(sorted(found))


def _anchors(a: list[int], b: list[int], a_low: int, a_high: int, b_low: int, b_high: int) -> list[tuple[int, int]]:
    """The tokens found once in a[a_low:a_high] and once in b[b_low:b_high], as (i, j)
    pairs: the chain of them in the same order on both sides that holds the most tokens,
    each counted with the run of equal tokens around it (a rare word inside a sentence that
    stayed outweighs one that only a stray full stop shares)."""
    seen: dict[int, list[int]] = {}
    for i in range(a_low, a_high):
        entry = seen.setdefault(a[i], [0, i, 0, -1])
        entry[0] += 1
    for j in range(b_low, b_high):
        found = seen.get(b[j])
        if found is not None:
            found[2] += 1
            found[3] = j
    pairs = sorted((i, j) for count_a, i, count_b, j in seen.values() if count_a == 1 and count_b == 1)
    weights = []
    run_diagonal, run_end, run_length = 0, -1, 0  # the last run walked: j - i, its end in a, its length
    for i, j in pairs:
        if j - i == run_diagonal and i < run_end:  # on the run walked for an earlier pair: the same run
            weights.append(run_length)
            continue
        back = 1
        while i - back >= a_low and j - back >= b_low and a[i - back] == b[j - back]:
            back += 1
        ahead = 1
        while i + ahead < a_high and j + ahead < b_high and a[i + ahead] == b[j + ahead]:
            ahead += 1
        run_diagonal, run_end, run_length = j - i, i + ahead, back + ahead - 1
        weights.append(run_length)
    return _heaviest_increasing(pairs, weights, b_low, b_high)


def _heaviest_increasing(pairs: list[tuple[int, int]], weights: list[int], b_low: int,
                         b_high: int) -> list[tuple[int, int]]:
    """The subsequence of `pairs` (sorted by i, each i and each j once) whose j increase too
    and whose weights add up to the most; a Fenwick tree over j holds, per prefix of j, the
    heaviest chain ending there."""
    size = b_high - b_low
    tree_weight = [0] * (size + 1)
    tree_end = [-1] * (size + 1)
    best_weight = [0] * len(pairs)
    before = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at, heaviest, end = j - b_low, 0, -1  # the heaviest chain over j' < j
        while at > 0:
            if tree_weight[at] > heaviest:
                heaviest, end = tree_weight[at], tree_end[at]
            at -= at & -at
        before[k] = end
        best_weight[k] = heaviest + weights[k]
        at = j - b_low + 1
        while at <= size:
            if best_weight[k] > tree_weight[at]:
                tree_weight[at], tree_end[at] = best_weight[k], k
            at += at & -at
    chain = []
    k = max(range(len(pairs)), key=lambda n: best_weight[n], default=-1)
    while k != -1:
        chain.append(pairs[k])
        k = before[k]
    return chain[::-1]


def _merged(blocks: list[Block]) -> list[Block]:
    out: list[list[int]] = []
    for i, j, n in blocks:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1][2] += n
        else:
            out.append([i, j, n])
    return [(i, j, n) for i, j, n in out]


def near_alignment(old: list[str], new: list[str]) -> dict[int, int]:
    """Inside a stretch the edit changed: which old token (index into `old`) stayed as which
    new one (index into `new`), the same word or a word of at least NEAR_WORD characters
    edited into its new form ("balance" made "basance"), by the same patience alignment.
    Stretches longer than NEAR_STRETCH tokens on either side have their words compared as
    they are only (comparing every pair costs their product)."""
    ids: dict[str, int] = {}
    a = [ids.setdefault(word, len(ids)) for word in old]
    compare = len(old) <= NEAR_STRETCH and len(new) <= NEAR_STRETCH
    b = []
    for word in new:
        if word in ids or not compare or len(word) < NEAR_WORD:
            b.append(ids.setdefault(word, len(ids)))
            continue
        near = [(Levenshtein.distance(word, other), k) for k, other in enumerate(old)
                if len(other) >= NEAR_WORD and edited_into(other, word)]
        b.append(a[min(near)[1]] if near else ids.setdefault(word, len(ids)))
    return {i + k: j + k for i, j, n in matching_blocks(a, b) for k in range(n)}


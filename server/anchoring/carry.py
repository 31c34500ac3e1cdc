"""Carrying highlights through the edit from the previous text to the new one.

Both texts are cut into tokens (words and single punctuation marks of the normalized
text, so whitespace, quote styles, dashes and soft hyphens do not count as edits). A
patience alignment of the two token lists (`align.py`) gives the text that stayed in
order; runs of a few equal tokens between larger changes are coincidences and are
dropped; a deleted block that shares most of its tokens, in order, with an inserted block
is the same text moved there. Every character of the old text then
has a fate: kept (in order or moved), replaced (inside a changed stretch, mapped in
proportion), or deleted.

A highlight's start and end go where its surviving characters went: context inserted or
deleted around it shifts it, a word changed or added inside it stays inside, a passage
moved as a block follows the move; when the passage was cut by a move, it is where most of
it went. A passage deleted, or whose new text differs from the quote the user highlighted
more than a light edit does (over one save or many: see `_rewritten`), is orphaned.
"""

from __future__ import annotations

import bisect
import re
from itertools import pairwise
from dataclasses import dataclass
from collections.abc import Callable

from rapidfuzz.distance import Indel, Levenshtein

from .align import matching_blocks
from .context import occurrences, prefix_similarity, suffix_similarity
from .normalize import INVISIBLE, Normalized, normalized, normalized_part
from .selector import Selector
from .tuning import (
    COMMON_COPIES, CONTEXT, COPY_CONTEXT, KEEP_EQUAL, MAX_REWRITE, MOVE_GRAM, ONE_WORD_REWRITE, MOVE_MIN_TOKENS,
    MOVE_RUN, MOVE_RUN_SHORT, MOVE_SHARE, SPLIT_SHARE, UNCERTAIN_SHARE,
)

TOKEN = re.compile(r"\w+|[^\w\s]")
IN_ORDER = 0  # the group of text that kept its order; moved blocks are numbered from 1

Span = tuple[int, int]


class _Tokens:
    """The tokens of one text: their normalized spans and their text."""

    def __init__(self, text: str) -> None:
        self.doc: Normalized = normalized(text)
        spans = [m.span() for m in TOKEN.finditer(self.doc.text)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.words = [self.doc.text[start:end] for start, end in spans]

    def boundary(self, k: int) -> int:
        """How clear a boundary stands before token k: 4 a paragraph break, 3 a line
        break, 2 after a sentence, 1 after a clause, 0 inside a sentence."""
        if k <= 0 or k >= len(self.words):
            return 4
        between = self.doc.source[self.doc.ends[self.ends[k - 1] - 1] : self.doc.starts[self.starts[k]]]
        if between.count("\n") >= 2:
            return 4
        if "\n" in between:
            return 3
        before = self.words[k - 1]
        if before in (".", "!", "?") or (
                before in ('"', "'", ")") and self.words[k - 2 : k - 1] in ([".",], ["!"], ["?"])):
            return 2
        return 1 if before in (",", ";", ":") else 0


@dataclass(frozen=True)
class Carried:
    """A highlight's place in the new text (original offsets), and how far the text there
    is from the quote the user highlighted (0..1, 1: the same after normalization)."""

    span: Span
    similarity: float
    whole: bool  # every surviving part of the passage is in it, in order


class Edit:
    """The edit from `old_text` to `new_text`, token by token, with moves."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self.old, self.new = _Tokens(old_text), _Tokens(new_text)
        ids: dict[str, int] = {}
        a = [ids.setdefault(word, len(ids)) for word in self.old.words]
        b = [ids.setdefault(word, len(ids)) for word in self.new.words]
        blocks = matching_blocks(a, b)
        once = _unique_in_both(a, b)
        blocks = _without_coincidences(_slid(blocks, a, b, self.old, self.new), len(a), len(b),
                                       lambda i, n: once.isdisjoint(a[i : i + n]))
        # Per old token: the new token it became (-1: none) and its group.
        self.target = [-1] * len(a)
        self.group = [IN_ORDER] * len(a)
        for i, j, n in blocks:
            self.target[i : i + n] = range(j, j + n)
        self._from: list[int] | None = None
        self._uncertain = 0
        self._moved_in = [False] * len(b)
        self._find_moves(a, b, blocks)
        self._replaced = self._replaced_stretches(blocks, len(a), len(b))

    def _find_moves(self, a: list[int], b: list[int], blocks: list[tuple[int, int, int]]) -> None:
        """Deleted blocks found, mostly in order, inside inserted blocks: moved text."""
        deleted_gaps = _gaps(blocks, len(a), len(b), old_side=True)
        inserted_gaps = _gaps(blocks, len(a), len(b), old_side=False)
        moves = self._find_short_moves(a, b, deleted_gaps, inserted_gaps)
        deleted = [gap for gap in deleted_gaps if gap[1] - gap[0] >= MOVE_MIN_TOKENS]
        inserted = [gap for gap in inserted_gaps if gap[1] - gap[0] >= MOVE_MIN_TOKENS]
        if not deleted or not inserted:
            return
        grams: dict[tuple[int, ...], set[int]] = {}
        for number, (first, last) in enumerate(inserted):
            for k in range(first, last - MOVE_GRAM + 1):
                grams.setdefault(tuple(b[k : k + MOVE_GRAM]), set()).add(number)
        used = self._moved_in
        for first, last in sorted(deleted, key=lambda gap: gap[0] - gap[1]):  # longest first
            votes: dict[int, int] = {}
            for k in range(first, last - MOVE_GRAM + 1):
                for number in grams.get(tuple(a[k : k + MOVE_GRAM]), ()):
                    votes[number] = votes.get(number, 0) + 1
            for number in sorted(votes, key=lambda n: -votes[n]):
                new_first, new_last = inserted[number]
                runs = [
                    (first + m.a, new_first + m.b, m.size)
                    for m in Indel.opcodes(a[first:last], b[new_first:new_last]).as_matching_blocks()
                    if m.size >= MOVE_RUN
                ]
                runs = [(i, j, n) for i, j, n in runs
                        if self.target[i] == -1 and not any(used[j : j + n])]
                shared = sum(n for _, _, n in runs)
                smaller = min(last - first, new_last - new_first)
                if shared < MOVE_MIN_TOKENS or shared < MOVE_SHARE * smaller:
                    continue
                moves += 1
                for i, j, n in runs:
                    self.target[i : i + n] = range(j, j + n)
                    self.group[i : i + n] = [moves] * n
                    used[j : j + n] = [True] * n

    def _find_short_moves(self, a: list[int], b: list[int], deleted: list[Span], inserted: list[Span]) -> int:
        """Short blocks (a heading, a list item) deleted in one place and inserted, token for
        token, in another: moved. Each such block found exactly once on each side counts.
        Answers how many moves were found."""
        short = [(first, last) for first, last in inserted if MOVE_RUN_SHORT <= last - first < MOVE_MIN_TOKENS]
        by_text: dict[tuple[int, ...], list[Span]] = {}
        for first, last in short:
            by_text.setdefault(tuple(b[first:last]), []).append((first, last))
        wanted: dict[tuple[int, ...], list[Span]] = {}
        for first, last in deleted:
            if MOVE_RUN_SHORT <= last - first < MOVE_MIN_TOKENS:
                wanted.setdefault(tuple(a[first:last]), []).append((first, last))
        moves = 0
        for key, olds in wanted.items():
            news = by_text.get(key, [])
            if len(olds) == 1 and len(news) == 1:
                moves += 1
                (i, i_end), (j, _) = olds[0], news[0]
                self.target[i:i_end] = range(j, j + i_end - i)
                self.group[i:i_end] = [moves] * (i_end - i)
                self._moved_in[j : j + i_end - i] = [True] * (i_end - i)
        return moves

    def _replaced_stretches(self, blocks: list[tuple[int, int, int]], n_old: int,
                            n_new: int) -> list[tuple[int, int, int, int]]:
        """Stretches changed in place: (old first token, old end, new first token, new end)
        between two runs of text kept in order, neither side holding moved text."""
        found = []
        old_end = new_end = 0
        for i, j, n in blocks + [(n_old, n_new, 0)]:
            if (i > old_end and j > new_end and all(self.target[k] == -1 for k in range(old_end, i))
                    and not any(self._moved_in[new_end:j])):
                found.append((old_end, i, new_end, j))
            old_end, new_end = i + n, j + n
        return found

    def carry(self, selector: Selector) -> Carried | None:
        """Where the selector's passage went in the new text, or None when it is gone."""
        assert selector.start is not None and selector.end is not None
        old, new = self.old, self.new
        low = old.doc.from_original(selector.start)
        high = old.doc.until_original(selector.end)
        if low >= high:
            return None
        self._uncertain = 0
        pieces = self._pieces(low, high)
        if self._uncertain > UNCERTAIN_SHARE * (high - low):
            return None  # its edge stands inside a changed stretch: where it went is a guess
        run = _longest_ordered_run(pieces)
        if not run:
            return None
        if self._holds_other_text(run):
            return None  # text from elsewhere came inside: which part is the passage is unclear
        kept = sum(b - a for a, b, _, _, _ in run)
        if kept < SPLIT_SHARE * sum(b - a for a, b, _, _, _ in pieces):
            return None  # cut in parts gone different ways, none of them most of it
        new_low, new_high = run[0][2], run[-1][3]
        if new_low >= new_high:
            return None
        start, end = new.doc.to_original(new_low, new_high)
        start, end = _with_invisible_edges(new.doc.source, start, end, selector.exact)
        quote = normalized_part(selector.first_quote)
        found = normalized_part(new.doc.source[start:end])
        similarity = Levenshtein.normalized_similarity(quote, found) if quote or found else 1.0
        if _rewritten(quote, found):
            return None  # changed beyond a light edit since it was highlighted
        if found != normalized_part(selector.exact) and self._held_elsewhere(found, low, high):
            return None  # edited into text the old text held elsewhere: more likely that copy
        if self._copy_lost(low, high, new_low, new_high, moved=any(p[4] != IN_ORDER for p in run)):
            return None  # the old text had a copy of it, and only one of the two is left
        if self._copy_fits_better(selector, new_low, new_high):
            return None  # the new text holds it again where its context fits better
        return Carried((start, end), similarity, len(run) == len(pieces))

    def _held_elsewhere(self, found: str, low: int, high: int) -> bool:
        """Whether the old text held `found` (normalized) other than in [low, high)."""
        text = self.old.doc.text
        at = text.find(found)
        while at != -1:
            if not (low <= at < high):
                return True
            at = text.find(found, at + 1)
        return False

    def _copy_lost(self, low: int, high: int, new_low: int, new_high: int, moved: bool = False) -> bool:
        """Whether the old text held the passage [low, high) elsewhere too, that copy is gone
        from the new text, and the context at the new place [new_low, new_high) agrees with
        the copy's at least as well as with the passage's own: the alignment could have kept
        either of them. A passage that went by a move (`moved`) could as well be the copy
        moved there: its new neighbours say nothing of which it was."""
        old = self.old
        text = old.doc.text
        passage = text[low:high]
        at = text.find(passage)
        while at != -1:
            if at != low:
                first = bisect.bisect_left(old.starts, at)
                last = bisect.bisect_left(old.starts, at + len(passage))
                lost = first < last and sum(1 for k in range(first, last) if self.target[k] == -1) * 2 > last - first
                if lost and (moved or self._copy_fits(low, high, at, new_low, new_high)):
                    return True
            at = text.find(passage, at + 1)
        return False

    def _copy_fits_better(self, selector: Selector, new_low: int, new_high: int) -> bool:
        """Whether the edit brought in a copy of the text the passage was carried onto
        [new_low, new_high) where the selector's context agrees better: word for word, the
        alignment may have kept either (a boilerplate paragraph inserted beside its twin).
        Copies that are old text carried from elsewhere are those copies, not this one."""
        text = self.new.doc.text
        found = text[new_low:new_high]
        prefix, suffix = normalized_part(selector.prefix), normalized_part(selector.suffix)
        reaches_start = len(selector.prefix) < CONTEXT and selector.start is not None \
            and selector.start <= len(selector.prefix)
        reaches_end = len(selector.suffix) < CONTEXT

        def fit(at: int) -> float:
            return prefix_similarity(text, at, prefix, reaches_start) + \
                suffix_similarity(text, at + len(found), suffix, reaches_end)

        new, source = self.new, self._source()

        def brought_in(at: int) -> bool:
            first, last = bisect.bisect_left(new.starts, at), bisect.bisect_left(new.starts, at + len(found))
            return all(k == -1 for k in source[first:last])

        copies = [at for at in occurrences(text, found, limit=COMMON_COPIES) if at != new_low and brought_in(at)]
        if not copies:
            return False
        own = fit(new_low)
        return any(fit(at) > own for at in copies)

    def _copy_fits(self, low: int, high: int, at: int, new_low: int, new_high: int) -> bool:
        """Whether the context at the new place fits the copy at `at` of the old passage
        [low, high) at least as well as the passage's own. Where the CONTEXT characters either
        side are the same for both (a pull quote repeats the whole sentence), they are
        compared beyond the stretch that is: the passage's own must then fit better on one
        side and no worse on the other."""
        new, text, end = self.new.doc.text, self.old.doc.text, at + high - low
        own = _context_likeness(new, new_low, new_high, text, low, high)
        copy = _context_likeness(new, new_low, new_high, text, at, end)
        if sum(own) != sum(copy) or text[max(0, low - CONTEXT) : low] != text[max(0, at - CONTEXT) : at] \
                or text[high : high + CONTEXT] != text[end : end + CONTEXT]:
            return sum(copy) >= sum(own)
        before, after = _common_run(text, low, at, -1), _common_run(text, high, end, 1)
        own = _context_likeness(new, new_low - before, new_high + after, text, low - before, high + after)
        copy = _context_likeness(new, new_low - before, new_high + after, text, at - before, end + after)
        return not (own[0] >= copy[0] and own[1] >= copy[1] and own != copy)

    def _source(self) -> list[int]:
        """Per new token, the old token it was (-1: brought in by the edit)."""
        if self._from is None:
            self._from = [-1] * len(self.new.words)
            for k, target in enumerate(self.target):
                if target != -1:
                    self._from[target] = k
        return self._from

    def _holds_other_text(self, run: list[tuple[int, int, int, int, int]]) -> bool:
        """Whether, between two pieces of the run, the new text holds old text that did not
        stand between them before, other than a block the edit moved in between two pieces
        that kept their order (a sentence or paragraph moved into the passage, which then
        holds it, as far as the quote allows: see `_rewritten`). Pieces of different copies,
        or of a passage the edit cut by a move, are no such pieces."""
        source, old, new = self._source(), self.old, self.new
        for (_, old_end, _, new_end, before), (old_start, _, new_start, _, after) in pairwise(run):
            first = bisect.bisect_left(new.starts, new_end)
            last = bisect.bisect_left(new.starts, new_start)
            low, high = bisect.bisect_left(old.starts, old_end), bisect.bisect_left(old.starts, old_start)
            moved_in = before == after == IN_ORDER
            if any(k != -1 and not low <= k < high and not (moved_in and self.group[k] != IN_ORDER)
                   for k in source[first:last]):
                return True
        return False

    def carry_invisible(self, selector: Selector) -> Span | None:
        """Where a passage of nothing but whitespace and invisible characters went: into the
        whitespace after the token before it (before the token after it) where that token
        was kept, as the same one of the copies that whitespace holds; None when neither
        neighbour was kept, the copies differ in number, or the two neighbours disagree."""
        assert selector.start is not None and selector.end is not None
        old, new = self.old, self.new
        k = bisect.bisect_left(old.starts, old.doc.from_original(selector.end))
        old_gap = (old.doc.ends[old.ends[k - 1] - 1] if k else 0,
                   old.doc.starts[old.starts[k]] if k < len(old.starts) else len(old.doc.source))
        copies = _occurrences(old.doc.source, selector.exact, *old_gap)
        if selector.start not in copies:
            return None
        places = set()
        if k and self.target[k - 1] != -1:
            j = self.target[k - 1]
            new_gap = (new.doc.ends[new.ends[j] - 1],
                       new.doc.starts[new.starts[j + 1]] if j + 1 < len(new.starts) else len(new.doc.source))
            places.add(_same_copy(new.doc.source, selector.exact, new_gap, copies, selector.start))
        if k < len(old.starts) and self.target[k] != -1:
            j = self.target[k]
            new_gap = (new.doc.ends[new.ends[j - 1] - 1] if j else 0, new.doc.starts[new.starts[j]])
            places.add(_same_copy(new.doc.source, selector.exact, new_gap, copies, selector.start))
        at = places.pop() if len(places) == 1 else None
        return None if at is None else (at, at + len(selector.exact))

    def is_new(self, start: int, end: int) -> bool:
        """Whether most of the new text [start, end) (original offsets) is text this edit
        brought in: not there in the old text (kept in order or moved)."""
        new = self.new
        first = bisect.bisect_left(new.starts, new.doc.from_original(start))
        last = bisect.bisect_left(new.starts, new.doc.until_original(end))
        if first >= last:
            return False
        kept = sum(1 for k in self._source()[first:last] if k != -1)
        return kept * 2 < last - first

    def _pieces(self, low: int, high: int) -> list[tuple[int, int, int, int, int]]:
        """The fates of the old normalized characters [low, high): (old start, old end, new
        start, new end, group) per kept token and per replaced stretch, in old order."""
        old, new = self.old, self.new
        pieces = []
        first = bisect.bisect_right(old.ends, low)
        last = bisect.bisect_left(old.starts, high)
        k = first
        while k < last:
            target = self.target[k]
            a, b = max(low, old.starts[k]), min(high, old.ends[k])
            if target != -1:
                shift = new.starts[target] - old.starts[k]
                pieces.append((a, b, a + shift, b + shift, self.group[k]))
                k += 1
                continue
            stretch = self._stretch_of(k)
            if stretch is None:
                k += 1  # deleted
                continue
            i1, i2, j1, j2 = stretch
            old_a, old_b = old.starts[i1], old.ends[i2 - 1]
            new_a, new_b = new.starts[j1], new.ends[j2 - 1]
            a, b = max(low, old_a), min(high, old_b)
            k = i2
            if not any(a <= old.starts[t] and old.ends[t] <= b for t in range(i1, i2)):
                continue  # only part of a changed word: nothing says where that part went
            if a > old_a or b < old_b:
                self._uncertain += b - a  # where inside the changed stretch it ends is a guess
            scale = (new_b - new_a) / (old_b - old_a)
            pieces.append((a, b, new_a + round((a - old_a) * scale), new_a + round((b - old_a) * scale), IN_ORDER))
        return pieces

    def _stretch_of(self, token: int) -> tuple[int, int, int, int] | None:
        at = bisect.bisect_right(self._replaced, (token, 1 << 62)) - 1
        if at >= 0 and self._replaced[at][0] <= token < self._replaced[at][1]:
            return self._replaced[at]
        return None


def _occurrences(text: str, part: str, start: int, end: int) -> list[int]:
    """Where `part` begins inside text[start:end]."""
    found = []
    at = text.find(part, start, end)
    while at != -1:
        found.append(at)
        at = text.find(part, at + 1, end)
    return found


def _same_copy(text: str, part: str, gap: Span, copies: list[int], copy: int) -> int | None:
    """Where in text[gap] the same one of the copies of `part` stands as `copy` among `copies`
    in the old text, if text[gap] holds as many."""
    found = _occurrences(text, part, *gap)
    return found[copies.index(copy)] if len(found) == len(copies) else None


def _rewritten(quote: str, found: str) -> bool:
    """Whether `found` differs from `quote` (both normalized) beyond a light edit: in more
    than MAX_REWRITE of its characters, unless by one word inserted, removed or replaced (a
    light edit of a short passage) that is at most ONE_WORD_REWRITE of them."""
    distance, longest = Levenshtein.distance(quote, found), max(len(quote), len(found))
    if distance <= MAX_REWRITE * longest:
        return False
    return distance > ONE_WORD_REWRITE * longest or Levenshtein.distance(TOKEN.findall(quote), TOKEN.findall(found)) > 1


def _slid(blocks: list[tuple[int, int, int]], a: list[int], b: list[int], old: _Tokens,
          new: _Tokens) -> list[tuple[int, int, int]]:
    """The matching blocks with each pure deletion or insertion slid along the repeated
    tokens at its ends (which the alignment may have matched either way) to where its
    edges fall on the clearest boundaries (paragraph, line, sentence, clause), or to
    where the block beside it empties into the other. A deletion or insertion that is a
    copy of the run beside it goes first where the whitespace between the tokens kept
    stays as it was (`_changed_boundaries`)."""
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
            changed = {d: 0 for d in range(-back, ahead + 1)}
            if back + ahead >= here - first:  # the gap is a copy of the run beside it
                changed = {d: _changed_boundaries(tokens, other, (first, here), d, (back, ahead), offsets)
                           for d in changed}
            shift = max(changed, key=lambda d: (-changed[d], tokens.boundary(first + d) + tokens.boundary(here + d),
                                                -abs(d)))
            out[-1][2] = n1 + shift
            i, j, n = i + shift, j + shift, n - shift
            break
        if n:
            out.append([i, j, n])
    return [(i, j, n) for i, j, n in out]


def _changed_boundaries(tokens: _Tokens, other: _Tokens, gap: Span, d: int, reach: Span, offsets: Span) -> int:
    """How many boundaries between kept tokens near the gap [first, here) of `tokens`, the
    gap shifted by d, differ from those between the same tokens in `other` (a paragraph
    break become a space). When the gap is a copy of the run beside it, this tells which of
    the two identical runs was the one deleted or inserted: the whitespace it leaves."""
    (first, here), (back, ahead), (before_gap, after_gap) = gap, reach, offsets
    changed = 0
    for p in range(first - back + 1, here + ahead + 1):
        if p == here + d:  # the two tokens the gap stood between
            changed += other.boundary(p + after_gap) not in (tokens.boundary(first + d), tokens.boundary(p))
        elif not first + d <= p < here + d:
            changed += tokens.boundary(p) != other.boundary(p + (before_gap if p < first + d else after_gap))
    return changed


def _unique_in_both(a: list[int], b: list[int]) -> set[int]:
    """The tokens that occur once in each text."""
    counts: dict[int, list[int]] = {}
    for token in a:
        counts.setdefault(token, [0, 0])[0] += 1
    for token in b:
        counts.setdefault(token, [0, 0])[1] += 1
    return {token for token, (x, y) in counts.items() if x == 1 and y == 1}


def _without_coincidences(blocks: list[tuple[int, int, int]], n_old: int, n_new: int,
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


def _gaps(blocks: list[tuple[int, int, int]], n_old: int, n_new: int, old_side: bool) -> list[Span]:
    """The token ranges between matching blocks on one side."""
    gaps = []
    done = 0
    for i, j, n in blocks + [(n_old, n_new, 0)]:
        at = i if old_side else j
        if at > done:
            gaps.append((done, at))
        done = at + n
    return gaps


def _longest_ordered_run(pieces: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """The longest (in old characters) run of pieces that follow each other in the new text
    in their old order: where most of the passage went."""
    runs: list[list[tuple[int, int, int, int, int]]] = []
    for piece in sorted(pieces, key=lambda p: (p[2], p[0])):
        if runs and runs[-1][-1][1] <= piece[0] and runs[-1][-1][3] <= piece[2]:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return max(runs, key=lambda run: sum(b - a for a, b, _, _, _ in run), default=[])


def _common_run(text: str, one: int, other: int, step: int) -> int:
    """How many characters before (step -1) or after (step 1) the offsets `one` and `other`
    of `text` are the same, at most COPY_CONTEXT."""
    n = 0
    while n < COPY_CONTEXT:
        i, j = (one - n - 1, other - n - 1) if step < 0 else (one + n, other + n)
        if not (0 <= i < len(text) and 0 <= j < len(text)) or text[i] != text[j]:
            break
        n += 1
    return n


def _context_likeness(new: str, new_low: int, new_high: int, old: str, low: int,
                      high: int) -> tuple[float, float]:
    """How alike the CONTEXT characters before (new_low and low) and after (new_high and
    high) the two places are, each 0..1; an offset outside its text has nothing beside it."""
    def before(text: str, at: int) -> str:
        return text[max(0, at - CONTEXT) : max(0, at)]

    return (Levenshtein.normalized_similarity(before(new, new_low), before(old, low)),
            Levenshtein.normalized_similarity(new[new_high : new_high + CONTEXT], old[high : high + CONTEXT]))


def _with_invisible_edges(text: str, start: int, end: int, quote: str) -> Span:
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

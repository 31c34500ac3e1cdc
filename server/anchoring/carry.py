"""Carrying highlights through the edit from the previous text to the new one.

Both texts are cut into tokens (words and single punctuation marks of the normalized
text, so whitespace, quote styles, dashes and soft hyphens do not count as edits). A
patience alignment of the two token lists (`align.py`, cleaned up in `tokens.py`) gives the text that stayed in
order; runs of a few equal tokens between larger changes are coincidences and are
dropped; a deleted block that shares most of its tokens, in order, with an inserted block
is the same text moved there. Every character of the old text then
has a fate: kept (in order or moved), replaced (inside a changed stretch: word for word
where as many words replaced as many, else mapped in proportion; a passage whose first or
last words the stretch changed, the edit bringing text in beside them, begins or ends with
the part of it that reads as those words edited; one whose edge stands inside the stretch
ends (begins) on the last (first) of its words that stayed there, the same or misspelt), or
deleted. Text brought in inside a passage that repeats the passage's words right beside it
reads as well as brought in beside the passage, and is left outside it.

A highlight's start and end go where its surviving characters went: context inserted or
deleted around it shifts it, a word changed or added inside it stays inside, a passage
moved as a block follows the move; when the passage was cut by a move, it is where most of
it went. A passage deleted, or whose new text differs from the quote the user highlighted
more than a light edit does (over one save or many: see `passage.rewritten`), is orphaned;
so is one whose place the edit leaves to a guess between copies (text moved where another
copy would fit as well, or away from its twin right beside it; an edge of the passage, or its
first or last sentence, standing again, or nearly, beside it as text the edit brought in; a
sentence of it carried onto a near-twin the old text held elsewhere; it, or its first or last
sentence, had a copy that is gone, and the new place holds that copy's context on one side,
or, edited there, keeps the passage's own neighbour on one side only; a sentence it begins or
ends inside carried around a copy of its words; it went by a move while the edit brought in a
copy of it, or nearly, or of its first or last sentence, elsewhere, or a paragraph where its own
paragraph stood; it shares a sentence with a copy of it from another paragraph; it ends or begins
in a paragraph that a copy brought in now stands beside), or whose edge, carried by a move, was
changed on the way, or stands inside a changed stretch where the words the edit put there may
stand for more of it than a light edit changes.
The checks against copies are in `copies.py`, those of its edges in `edges.py`.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .align import matching_blocks
from .copies import IN_ORDER
from .edges import EdgeChecks
from .tokens import Tokens, gaps, replaced_gaps, slid, unique_in_both, without_coincidences
from .normalize import normalized_part
from .passage import (
    closest_part, edited_into, kept_visible_marks, longest_ordered_run, occurrences_between, rewritten, same_copy,
    with_invisible_edges,
)
from .selector import Selector
from .tuning import (
    MOVE_GRAM, MOVE_MIN_TOKENS, MOVE_RUN, MOVE_RUN_SHORT, MOVE_SHARE, SPLIT_SHARE, UNCERTAIN_SHARE,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class Carried:
    """A highlight's place in the new text (original offsets), and how far the text there
    is from the quote the user highlighted (0..1, 1: the same after normalization)."""

    span: Span
    similarity: float
    whole: bool  # every surviving part of the passage is in it, in order


class Edit(EdgeChecks):
    """The edit from `old_text` to `new_text`, token by token, with moves."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self.old, self.new = Tokens(old_text), Tokens(new_text)
        ids: dict[str, int] = {}
        a = [ids.setdefault(word, len(ids)) for word in self.old.words]
        b = [ids.setdefault(word, len(ids)) for word in self.new.words]
        blocks = matching_blocks(a, b)
        once = unique_in_both(a, b)
        blocks = without_coincidences(slid(blocks, a, b, self.old, self.new), len(a), len(b),
                                       lambda i, n: once.isdisjoint(a[i : i + n]))
        # Per old token: the new token it became (-1: none) and its group.
        self.target = [-1] * len(a)
        self.group = [IN_ORDER] * len(a)
        for i, j, n in blocks:
            self.target[i : i + n] = range(j, j + n)
        self._from: list[int] | None = None
        self._where: dict[str, list[int]] | None = None  # per word, the new tokens that are it
        self._brought: list[int] | None = None
        self._paragraphs: list[int] | None = None
        self._uncertain = 0
        self._near: dict[tuple[int, int, int, int], dict[int, int]] = {}  # per changed stretch
        self._moved_in = [False] * len(b)
        self._contested = [False] * len(a)  # old text the edit could as well have put elsewhere
        self._find_moves(a, b, blocks)
        self._contest_changed_copies(a, blocks)
        self._replaced = self._replaced_stretches(blocks, len(a), len(b))

    def _find_moves(self, a: list[int], b: list[int], blocks: list[tuple[int, int, int]]) -> None:
        """Deleted blocks found, mostly in order, inside inserted blocks: moved text. Where
        another block fits as well (a copy deleted elsewhere, or standing right beside the
        one moved), which one moved is a guess: both are marked contested."""
        deleted_gaps = gaps(blocks, len(a), len(b), old_side=True)
        inserted_gaps = gaps(blocks, len(a), len(b), old_side=False)
        moves = self._find_short_moves(a, b, deleted_gaps, inserted_gaps, replaced_gaps(blocks, len(a), len(b)))
        deleted = [gap for gap in deleted_gaps if gap[1] - gap[0] >= MOVE_MIN_TOKENS]
        inserted = [gap for gap in inserted_gaps if gap[1] - gap[0] >= MOVE_MIN_TOKENS]
        if not deleted or not inserted:
            return
        grams: dict[tuple[int, ...], set[int]] = {}
        for number, (first, last) in enumerate(inserted):
            for k in range(first, last - MOVE_GRAM + 1):
                grams.setdefault(tuple(b[k : k + MOVE_GRAM]), set()).add(number)
        used = self._moved_in
        claims: dict[int, tuple[Span, int]] = {}  # inserted block: the deleted block moved there, shared
        for first, last in sorted(deleted, key=lambda gap: gap[0] - gap[1]):  # longest first
            votes: dict[int, int] = {}
            for k in range(first, last - MOVE_GRAM + 1):
                for number in grams.get(tuple(a[k : k + MOVE_GRAM]), ()):
                    votes[number] = votes.get(number, 0) + 1
            fits = {number: self._move_runs(a, b, (first, last), inserted[number]) for number in votes}
            fits = {number: runs for number, runs in fits.items() if runs}
            shares = sorted((sum(n for _, _, n in runs) for runs in fits.values()), reverse=True)
            if len(shares) > 1 and shares[0] == shares[1]:
                self._contested[first:last] = [True] * (last - first)  # two places fit as well
                continue
            for number in sorted(fits, key=lambda n: -votes[n]):
                shared = sum(n for _, _, n in fits[number])
                if number in claims:
                    (other_first, other_last), other_shared = claims[number]
                    if other_shared == shared and a[first:last] == a[other_first:other_last]:
                        # an identical block deleted elsewhere: either moved
                        self._contested[first:last] = [True] * (last - first)
                        self._contested[other_first:other_last] = [True] * (other_last - other_first)
                runs = fits[number]
                if number in claims and self._moves_whole_instead(runs, (first, last), *claims[number]):
                    self._release(claims[number][0], runs)
                elif any(used[j : j + n] for _, j, n in runs):  # another move took part of the block
                    runs = max((self._move_runs(a, b, (first, last), free, enough=False)
                                for free in _unclaimed(inserted[number], used)),
                               key=lambda found: sum(n for _, _, n in found), default=[])
                if not self._enough_to_move(runs, (first, last), inserted[number]):
                    continue
                swaps: list[tuple[int, int, int, int]] | None = []
                if self._copies_kept_neighbours(a, b, runs, inserted[number]):
                    swaps = self._neighbours_copy_kept(a, b, runs, (first, last), inserted[number])
                    if not swaps:
                        continue
                for i, j, n, copy in swaps or []:  # the copy stays where its twin was kept; the twin moves
                    self.target[copy : copy + n] = self.target[i : i + n]
                    runs = sorted(runs + [(i, j, n)])
                claims[number] = ((first, last), shared)
                moves += 1
                for i, j, n in runs:
                    self.target[i : i + n] = range(j, j + n)
                    self.group[i : i + n] = [moves] * n
                    used[j : j + n] = [True] * n
                    for twin in (i - n, i + n):  # a copy right beside it could as well have moved
                        if twin >= 0 and twin + n <= len(a) and a[twin : twin + n] == a[i : i + n]:
                            self._contested[min(i, twin) : max(i, twin) + n] = [True] * 2 * n

    def _moves_whole_instead(self, runs: list[tuple[int, int, int]], gap: Span, other_gap: Span,
                             other_shared: int) -> bool:
        """Whether the deleted block `gap` fits, whole, the very tokens that another deleted
        block, `other_gap`, claimed as a part of it that moved while the rest of it went: a
        paragraph deleted while a short copy of its opening moved reads more simply as the
        copy moved and the paragraph deleted than as the opening moved away from the rest of
        it and the copy deleted."""
        if sum(n for _, _, n in runs) != gap[1] - gap[0] or other_shared >= other_gap[1] - other_gap[0]:
            return False
        taken = set(self.target[other_gap[0] : other_gap[1]])
        return all(j in taken for _, start, n in runs for j in range(start, start + n))

    def _release(self, gap: Span, runs: list[tuple[int, int, int]]) -> None:
        """The old tokens of `gap` carried onto the new tokens of `runs` deleted after all."""
        new_tokens = {j for _, start, n in runs for j in range(start, start + n)}
        for k in range(*gap):
            if self.target[k] in new_tokens:
                self.target[k], self.group[k] = -1, IN_ORDER

    def _copies_kept_neighbours(self, a: list[int], b: list[int], runs: list[tuple[int, int, int]],
                                new_gap: Span) -> bool:
        """Whether the inserted block `new_gap` holds, right before (after) the runs a deleted
        block shares with it, MOVE_RUN tokens that repeat those that stood before (after) it
        in the old text and that the edit kept where they stood: the page brought in a copy
        of the whole stretch (a boilerplate paragraph repeated) while the text in place was
        edited. Read as a move, the edit would have moved the words and also copied what
        stood beside them, which stays."""
        (i, j, _), (last_i, last_j, last_n) = runs[0], runs[-1]
        end_i, end_j = last_i + last_n, last_j + last_n

        def kept(first: int) -> bool:
            return first >= 0 and first + MOVE_RUN <= len(a) and all(
                self.target[k] != -1 and self.group[k] == IN_ORDER for k in range(first, first + MOVE_RUN))

        before = j - MOVE_RUN >= new_gap[0] and kept(i - MOVE_RUN) and \
            a[i - MOVE_RUN : i] == b[j - MOVE_RUN : j]
        after = end_j + MOVE_RUN <= new_gap[1] and kept(end_i) and \
            a[end_i : end_i + MOVE_RUN] == b[end_j : end_j + MOVE_RUN]
        return before or after

    def _contest_changed_copies(self, a: list[int], blocks: list[tuple[int, int, int]]) -> None:
        """A stretch changed in place whose old tokens repeat the run kept beside it (one of
        three identical lines gone while a word came into another): the alignment kept one
        copy and dropped the other, but any of them could be the one that went, and the
        whitespace cannot tell as the changed stretch has none of its own. Both are marked
        contested. (A pure deletion of such a copy is placed by its whitespace in `slid`.)"""
        for (i1, j1, n1), (i, j, n) in pairwise(blocks):
            first = i1 + n1
            if i - first < MOVE_RUN_SHORT or j == j1 + n1 or any(k != -1 for k in self.target[first:i]):
                continue
            back = 0
            while back < n1 and a[i - 1 - back] == a[first - 1 - back]:
                back += 1
            ahead = 0
            while ahead < n and a[first + ahead] == a[i + ahead]:
                ahead += 1
            if back + ahead >= i - first:
                self._contested[first - back : i + ahead] = [True] * (i + ahead - first + back)

    def _move_runs(self, a: list[int], b: list[int], old_gap: Span, new_gap: Span,
                   enough: bool = True) -> list[tuple[int, int, int]]:
        """The runs of MOVE_RUN equal tokens or more that the deleted block `old_gap` shares,
        in order, with the inserted block `new_gap`, if enough to call it moved there. They
        are aligned as the texts are (patience), so that of two near-copies in the inserted
        block the one that shares a rare word with it takes all of it."""
        (first, last), (new_first, new_last) = old_gap, new_gap
        runs = [
            (first + i, new_first + j, n)
            for i, j, n in matching_blocks(a[first:last], b[new_first:new_last])
            if n >= MOVE_RUN and self.target[first + i] == -1
        ]
        return runs if not enough or self._enough_to_move(runs, old_gap, new_gap) else []

    @staticmethod
    def _enough_to_move(runs: list[tuple[int, int, int]], old_gap: Span, new_gap: Span) -> bool:
        shared = sum(n for _, _, n in runs)
        smaller = min(old_gap[1] - old_gap[0], new_gap[1] - new_gap[0])
        return shared >= MOVE_MIN_TOKENS and shared >= MOVE_SHARE * smaller

    def _find_short_moves(self, a: list[int], b: list[int], deleted: list[Span], inserted: list[Span],
                          replaced: tuple[set[Span], set[Span]]) -> int:
        """Short blocks (a heading, a list item) deleted in one place and inserted, token for
        token, in another: moved. Each such block found exactly once on each side counts,
        unless the edit replaced it in its place by other text and it replaced other text in
        the new one: two edits in place (". And" made "; and" here, "; and" made ". And"
        there) are simpler than two moves that each still leave text replaced.
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
            if len(olds) == 1 and len(news) == 1 and not (olds[0] in replaced[0] and news[0] in replaced[1]):
                moves += 1
                (i, i_end), (j, _) = olds[0], news[0]
                self.target[i:i_end] = range(j, j + i_end - i)
                self.group[i:i_end] = [moves] * (i_end - i)
                self._moved_in[j : j + i_end - i] = [True] * (i_end - i)
        return moves

    def _replaced_stretches(self, blocks: list[tuple[int, int, int]], n_old: int,
                            n_new: int) -> list[tuple[int, int, int, int]]:
        """Stretches changed in place: (old first token, old end, new first token, new end)
        between two runs of text kept in order, the old side holding no moved text, or
        inside moved text. Text moved
        in beside the new side (a paragraph moved in before a sentence whose first words were
        changed) is not part of it; moved in between its tokens, it leaves no stretch."""
        found = []
        old_end = new_end = 0
        moved_in = self._moved_in
        for i, j, n in blocks + [(n_old, n_new, 0)]:
            first, last = new_end, j
            while first < last and moved_in[first]:
                first += 1
            while last > first and moved_in[last - 1]:
                last -= 1
            if (i > old_end and last > first and all(self.target[k] == -1 for k in range(old_end, i))
                    and not any(moved_in[first:last])):
                found.append((old_end, i, first, last))
            old_end, new_end = i + n, j + n
        return sorted(found + self._replaced_in_moves())

    def _replaced_in_moves(self) -> list[tuple[int, int, int, int]]:
        """Stretches changed inside moved text: old tokens the edit did not keep between two
        tokens of the same move that stand apart in the new text by nothing but text brought
        in ("there. Named for" moved and made "there; named for")."""
        target, group, source = self.target, self.group, self._source()
        found = []
        k = 1
        while k < len(target):
            if target[k] != -1 or target[k - 1] == -1:
                k += 1
                continue
            end = k
            while end < len(target) and target[end] == -1:
                end += 1
            before, after = k - 1, end
            if (after < len(target) and group[before] == group[after] != IN_ORDER
                    and target[after] > target[before] + 1
                    and all(source[j] == -1 for j in range(target[before] + 1, target[after]))):
                found.append((k, end, target[before] + 1, target[after]))
            k = end
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
        run = longest_ordered_run(pieces)
        if not run:
            return None
        if self._holds_other_text(run, low, high):
            return None  # text from elsewhere came inside: which part is the passage is unclear
        kept = sum(b - a for a, b, _, _, _ in run)
        if kept < SPLIT_SHARE * sum(b - a for a, b, _, _, _ in pieces):
            return None  # cut in parts gone different ways, none of them most of it
        new_low, new_high = run[0][2], run[-1][3]
        if new_low >= new_high:
            return None
        if any(self._contested[bisect.bisect_right(old.ends, low) : bisect.bisect_left(old.starts, high)]):
            return None  # text of it deleted here could as well be one copy as another moved
        if self._edge_went_nearby(low, high, new_low, new_high) or self._edge_in_doubled_paragraph(low, high) \
                or self._edge_word_cut_off(low, high):
            return None  # its edge may have moved with it rather than been deleted
        edges = self._edges_changed_in_move(low, high, run)
        if edges is None:
            return None  # its edge, carried by a move, was changed on the way: where it is is a guess
        new_low, new_high = edges
        quote = normalized_part(selector.first_quote)
        start, end = self._original_span(new_low, new_high, selector.exact)
        if rewritten(quote, normalized_part(new.doc.source[start:end])):
            # text the edit brought in inside it may stand as well beside it, or cut it
            for tighter in self._tighter_places(run, new_low, new_high):
                start, end = self._original_span(*tighter, selector.exact)
                if not rewritten(quote, normalized_part(new.doc.source[start:end])):
                    new_low, new_high = tighter
                    break
            else:
                return None  # changed beyond a light edit since it was highlighted
        if not kept_visible_marks(selector.exact, new.doc.source[start:end]):
            return None  # it began or ended with invisible marks the tokens cannot follow
        found = normalized_part(new.doc.source[start:end])
        similarity = Levenshtein.normalized_similarity(quote, found) if quote or found else 1.0
        if found != normalized_part(selector.exact) and (
                self._held_elsewhere(found, low, high) or self._edge_sentence_held_elsewhere(run, low, high)):
            return None  # edited into text the old text held elsewhere: more likely that copy
        moved = any(p[4] != IN_ORDER for p in run)
        if self._copy_lost(low, high, new_low, new_high, moved) or self._edge_sentence_copy_lost(run, low, high):
            return None  # the old text had a copy of it (or of its edge sentence), and only one is left
        if moved and (self._repeated_text_moved_alone(low, high, new_low, new_high)
                      or self._copy_brought_in(low, high) or self._moved_from_a_refilled_place(low, high)):
            return None  # repeated text deleted here and inserted there reads as a move
        if self._beside_a_copy_from_elsewhere(low, high, new_low, new_high):
            return None  # it, or a copy of it, moved beside the other: either may be the one that moved
        if self._sentence_fits_lost_text(run, low, high) or self._edge_sentence_reads_as_another(low, high):
            return None  # a sentence of it edited into a near-copy of another the old text held
        if self._edge_sentence_split_by_a_copy(low, high):
            return None  # its edge sentence stands around a copy of its words: which are its own is a guess
        if self._copy_fits_better(selector, new_low, new_high):
            return None  # the new text holds it again where its context fits better
        return Carried((start, end), similarity, len(run) == len(pieces))

    def _original_span(self, new_low: int, new_high: int, exact: str) -> Span:
        """The new text's normalized characters [new_low, new_high) as original offsets, with
        the invisible marks the quote began or ended with."""
        start, end = self.new.doc.to_original(new_low, new_high)
        return with_invisible_edges(self.new.doc.source, start, end, exact)

    def _tighter_places(self, run: list[tuple[int, int, int, int, int]], new_low: int,
                        new_high: int) -> list[Span]:
        """Places of the passage [new_low, new_high) without text the edit brought in that
        a reading of the edit leaves outside it (see `_beside_repeated_insertion`,
        `_without_grown_edges`, `_cut_by_moved_text` and `_without_far_marks`), to be tried
        in turn."""
        places = [self._beside_repeated_insertion(run, new_low, new_high), self._without_grown_edges(run),
                  self._cut_by_moved_text(run), self._without_far_marks(run)]
        return [place for place in places if place is not None and place != (new_low, new_high)]

    def _beside_repeated_insertion(self, run: list[tuple[int, int, int, int, int]], new_low: int,
                                   new_high: int) -> Span | None:
        """The passage's place [new_low, new_high) without the text the edit brought in
        between two of its pieces, where that text repeats, token for token, the part of the
        passage right before it (after it): "every morning." inserted again after "every
        morning." reads as well as inserted before it, and so outside the passage. None when
        no such insertion stands inside it."""
        new, source = self.new, self._source()
        for (_, _, _, gap_low, _), (_, _, gap_high, _, _) in pairwise(run):
            first, last = bisect.bisect_left(new.starts, gap_low), bisect.bisect_left(new.starts, gap_high)
            size = last - first
            if not size or any(source[k] != -1 for k in range(first, last)):
                continue
            inserted = new.words[first:last]
            if first >= size and new.starts[first - size] <= new_low and new.words[first - size : first] == inserted:
                at = bisect.bisect_right(new.starts, new_low) - 1  # the token it begins in, read one copy later
                return new.starts[at + size] + new_low - new.starts[at], new_high
            if last + size <= len(new.words) and new.ends[last + size - 1] >= new_high \
                    and new.words[last : last + size] == inserted:
                at = bisect.bisect_left(new.ends, new_high)  # the token it ends in, read one copy earlier
                return new_low, new.ends[at - size] - (new.ends[at] - new_high)
        return None

    def _source(self) -> list[int]:
        """Per new token, the old token it was (-1: brought in by the edit)."""
        if self._from is None:
            self._from = [-1] * len(self.new.words)
            for k, target in enumerate(self.target):
                if target != -1:
                    self._from[target] = k
        return self._from

    def _holds_other_text(self, run: list[tuple[int, int, int, int, int]], low: int, high: int) -> bool:
        """Whether, between two pieces of the run, the new text holds old text that did not
        stand between them before, other than a block the edit moved in between two pieces
        that kept their order (a sentence or paragraph moved into the passage, which then
        holds it, as far as the quote allows: see `rewritten`), and other than the passage's
        own text [low, high) (two of its lines swapped). Pieces of different copies, or of a
        passage the edit cut by a move, are no such pieces."""
        source, old, new = self._source(), self.old, self.new
        own_first, own_last = bisect.bisect_right(old.ends, low), bisect.bisect_left(old.starts, high)
        for (_, old_end, _, new_end, before), (old_start, _, new_start, _, after) in pairwise(run):
            first = bisect.bisect_left(new.starts, new_end)
            last = bisect.bisect_left(new.starts, new_start)
            gap_low, gap_high = bisect.bisect_left(old.starts, old_end), bisect.bisect_left(old.starts, old_start)
            moved_in = before == after == IN_ORDER
            if any(k != -1 and not gap_low <= k < gap_high and not own_first <= k < own_last
                   and not (moved_in and self.group[k] != IN_ORDER)
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
        copies = occurrences_between(old.doc.source, selector.exact, *old_gap)
        if selector.start not in copies:
            return None
        places = set()
        if k and self.target[k - 1] != -1:
            j = self.target[k - 1]
            new_gap = (new.doc.ends[new.ends[j] - 1],
                       new.doc.starts[new.starts[j + 1]] if j + 1 < len(new.starts) else len(new.doc.source))
            places.add(same_copy(new.doc.source, selector.exact, new_gap, copies, selector.start))
        if k < len(old.starts) and self.target[k] != -1:
            j = self.target[k]
            new_gap = (new.doc.ends[new.ends[j - 1] - 1] if j else 0, new.doc.starts[new.starts[j]])
            places.add(same_copy(new.doc.source, selector.exact, new_gap, copies, selector.start))
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
            if i2 - i1 == j2 - j1 > 1:  # as many words for as many: each word replaced by one
                words = [t for t in range(i1, i2) if a <= old.starts[t] and old.ends[t] <= b]
                pieces += [(old.starts[t], old.ends[t], new.starts[j1 + t - i1], new.ends[j1 + t - i1], IN_ORDER)
                           for t in words]
                if a > old_a or b < old_b:  # it holds some of them: those not edited into theirs are a guess
                    self._uncertain += sum(old.ends[t] - old.starts[t] for t in words
                                           if not edited_into(old.words[t], new.words[j1 + t - i1]))
                continue
            if a > old_a or b < old_b:
                aligned = self._part_aligned(a, b, stretch)
                if aligned is not None:
                    place, guessed = aligned
                    self._uncertain += guessed
                    pieces.append((a, b, *place, IN_ORDER))
                    continue
                # Where inside the changed stretch it ends is a guess: of the part, or, where nothing
                # there reads as its words and the edit put more text in their place, of its share
                # of that text, which may stand for them ("4. Get" made "from Hosting Cook Dreamforce").
                part = self._part_edited_into(a, b, (old_a, old_b), (j1, j2))
                if part is not None:
                    self._uncertain += b - a
                    pieces.append((a, b, *part, IN_ORDER))
                else:
                    self._uncertain += max(b - a, (b - a) * (new_b - new_a) // (old_b - old_a))
                continue
            scale = (new_b - new_a) / (old_b - old_a)
            new_low, new_high = new_a + round((a - old_a) * scale), new_a + round((b - old_a) * scale)
            ends_it = i2 == len(old.words) or old.starts[i2] >= high
            begins_it = i1 == 0 or old.ends[i1 - 1] <= low
            was, now = old.doc.text[a:b], new.doc.text[new_a:new_b]
            if (a, b) == (old_a, old_b) and j2 - j1 == i2 - i1 and (ends_it or begins_it) \
                    and not edited_into(was, now) and sorted(was) != sorted(now):
                # Its last (first) words replaced by as many that are no edit of them (nor the same
                # letters swapped) read as well as deleted, and others brought in beside it ("your"
                # made "also"): where it ends (begins) is a guess.
                self._uncertain += b - a
            if (a, b) == (old_a, old_b) and j2 - j1 > i2 - i1:  # the edit brought in more than it took
                if ends_it and not begins_it:
                    stayed = self._edge_word_stayed(stretch, True)
                    new_high = stayed if stayed is not None else closest_part(
                        old.doc.text[a:b], new.doc.text, new.starts[j1:j2], new.ends[j1:j2], True)
                elif begins_it and not ends_it:
                    stayed = self._edge_word_stayed(stretch, False)
                    new_low = stayed if stayed is not None else closest_part(
                        old.doc.text[a:b], new.doc.text, new.starts[j1:j2], new.ends[j1:j2], False)
            pieces.append((a, b, new_low, new_high, IN_ORDER))
        return pieces

    def _stretch_of(self, token: int) -> tuple[int, int, int, int] | None:
        at = bisect.bisect_right(self._replaced, (token, 1 << 62)) - 1
        if at >= 0 and self._replaced[at][0] <= token < self._replaced[at][1]:
            return self._replaced[at]
        return None


def _unclaimed(gap: Span, used: list[bool]) -> list[Span]:
    """The stretches of the inserted block `gap` (new tokens) that no move claimed yet: of a
    sentence moved beside its near-twin, which moved too, the part the twin's move left."""
    stretches = []
    start = gap[0]
    for k in range(gap[0], gap[1] + 1):
        if k == gap[1] or used[k]:
            if k > start:
                stretches.append((start, k))
            start = k + 1
    return stretches

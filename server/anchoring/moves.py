"""Finding the text an edit moved: a deleted block found again, mostly in order, inside an
inserted block (or a short block, a heading or a list item, found token for token) went
there. Where another block fits as well (a copy deleted elsewhere, or standing right beside
the one moved), which one moved is a guess, and both are marked contested so that a
passage in them is orphaned rather than placed on a guess. `Edit` (`carry.py`) runs these
on its token alignment before carrying passages.
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from .align import matching_blocks
from .copies import IN_ORDER
from .edges import EdgeChecks
from .tokens import PARAGRAPH, SENTENCE_END, Tokens, gaps, replaced_gaps
from .tuning import MOVE_GRAM, MOVE_MIN_TOKENS, MOVE_RUN, MOVE_RUN_SHORT, MOVE_SHARE

Span = tuple[int, int]


class MoveFinding(EdgeChecks):
    """Move detection on an `Edit`'s alignment: sets `target`, `group`, `_moved_in` and
    `_contested` for the tokens of moved blocks."""

    target: list[int]
    group: list[int]
    _moved_in: list[bool]
    _contested: list[bool]

    def _moved_into_new_text(self, low: int, high: int) -> bool:
        """Whether the passage [low, high) went with its whole paragraph by a move, edited on
        the way (text brought in among the moved tokens), into a paragraph that holds more
        text the edit brought in than that paragraph's: the paragraph deleted and a new one
        put in that shares its words ("Sign up for our newsletter to get the" cut, and the
        whole notice put in elsewhere with a word added) reads as well as the paragraph moved,
        edited and lengthened, and the passage may be gone."""
        old, new, target, source = self.old, self.new, self.target, self._source()
        first = bisect.bisect_left(old.starts, low)
        if first >= len(old.words):
            return False
        a, b = old.paragraph(first)
        went = [target[k] for k in range(a, b) if target[k] != -1]
        if not went or any(self.group[k] == IN_ORDER for k in range(a, b) if target[k] != -1):
            return False
        na, nb = new.paragraph(went[0])
        if any(not na <= j < nb for j in went) or all(source[j] != -1 for j in range(min(went), max(went) + 1)):
            return False  # not all in one paragraph, or not edited on the way
        return sum(1 for j in range(na, nb) if source[j] == -1) > len(went)

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

    def _replaced_at_move_edges(self, taken: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
        """Stretches changed at the edges of moved text: the first (last) words of a sentence
        whose rest moved, which the edit did not keep, up to the start (end) of their sentence,
        and the words brought in right before (after) where the rest went, up to the start
        (end) of its sentence there ("VW has used" moved and made "giant has used"): the
        sentence's edge edited as it moved, as a stretch changed in place is. (Old tokens,
        new first token and end, as `_replaced_stretches` gives them; none that overlaps
        one of the stretches `taken`.)"""
        old, new, target, group, source = self.old, self.new, self.target, self.group, self._source()
        old_taken = {k for i1, i2, _, _ in taken for k in range(i1, i2)}
        new_taken = {k for _, _, j1, j2 in taken for k in range(j1, j2)}
        ends: dict[int, list[int]] = {}  # per move, its first and last old tokens
        for k, g in enumerate(group):
            if g != IN_ORDER and target[k] != -1:
                ends.setdefault(g, [k, k])[1] = k
        found = []
        for first, last in ends.values():
            # Before its first token: back to the start of the sentence on both sides.
            i, j = first, target[first]
            while i > 0 and target[i - 1] == -1 and old.boundary(i) < SENTENCE_END:
                i -= 1
            while j > 0 and source[j - 1] == -1 and new.boundary(j) < SENTENCE_END:
                j -= 1
            if 0 < first - i == target[first] - j and old.boundary(i) >= SENTENCE_END <= new.boundary(j):
                found.append((i, first, j, target[first]))
            # After its last token: on to the end of the sentence on both sides.
            i, j = last + 1, target[last] + 1
            while i < len(target) and target[i] == -1 and old.boundary(i) < SENTENCE_END:
                i += 1
            while j < len(source) and source[j] == -1 and new.boundary(j) < SENTENCE_END:
                j += 1
            if 0 < i - last - 1 == j - target[last] - 1 and old.boundary(i) >= SENTENCE_END <= new.boundary(j):
                found.append((last + 1, i, target[last] + 1, j))
        return [(i1, i2, j1, j2) for i1, i2, j1, j2 in found
                if old_taken.isdisjoint(range(i1, i2)) and new_taken.isdisjoint(range(j1, j2))]

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
        A short block that was a paragraph of its own counts as well where it is one
        paragraph of a larger inserted block (a short line moved to follow a paragraph the
        edit brought in): a paragraph holds together, and no other block, deleted or
        inserted, is those tokens. Answers how many moves were found."""
        short = [(first, last) for first, last in inserted if MOVE_RUN_SHORT <= last - first < MOVE_MIN_TOKENS]
        by_text: dict[tuple[int, ...], list[Span]] = {}
        for first, last in short:
            by_text.setdefault(tuple(b[first:last]), []).append((first, last))
        in_larger: set[Span] = set()  # short paragraphs inside larger inserted blocks
        for first, last in inserted:
            for paragraph in _short_paragraphs(self.new, first, last):
                if paragraph != (first, last):
                    by_text.setdefault(tuple(b[slice(*paragraph)]), []).append(paragraph)
                    in_larger.add(paragraph)
        wanted: dict[tuple[int, ...], list[Span]] = {}
        for first, last in deleted:
            if MOVE_RUN_SHORT <= last - first < MOVE_MIN_TOKENS:
                wanted.setdefault(tuple(a[first:last]), []).append((first, last))
        moves = 0
        for key, olds in wanted.items():
            news = by_text.get(key, [])
            if len(news) == 1 and news[0] in in_larger and not (
                    self.old.boundary(olds[0][0]) == PARAGRAPH == self.old.boundary(olds[0][1])):
                continue
            if len(olds) == 1 and len(news) == 1 and not (olds[0] in replaced[0] and news[0] in replaced[1]):
                moves += 1
                (i, i_end), (j, _) = olds[0], news[0]
                self.target[i:i_end] = range(j, j + i_end - i)
                self.group[i:i_end] = [moves] * (i_end - i)
                self._moved_in[j : j + i_end - i] = [True] * (i_end - i)
        return moves


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


def _short_paragraphs(tokens: Tokens, first: int, last: int) -> list[Span]:
    """The paragraphs of MOVE_RUN_SHORT up to MOVE_MIN_TOKENS tokens that stand whole
    among the tokens [first, last)."""
    breaks = [k for k in range(first, last + 1) if tokens.boundary(k) == PARAGRAPH]
    return [(i, j) for i, j in pairwise(breaks) if MOVE_RUN_SHORT <= j - i < MOVE_MIN_TOKENS]

"""The checks of a carried passage against the copies of its text (`carry.py`): the old
text may hold the passage, or one of its edge sentences, twice, and the edit may keep only
one copy, or bring one in, or move one into the other's place; word for word the alignment
then keeps whichever copy it meets first, and only the context and the neighbours say
which one the new text holds. Where they cannot tell, the passage is orphaned.
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from .context import occurrences, prefix_similarity, suffix_similarity
from .normalize import normalized_part
from .passage import common_run, context_likeness
from .selector import Selector
from .tokens import PARAGRAPH, SENTENCE_END, WORD, Tokens
from .tuning import COMMON_COPIES, CONTEXT, COPY_SIDE_FLOOR, MOVE_GRAM, MOVE_MIN_TOKENS, MOVE_RUN

Span = tuple[int, int]

IN_ORDER = 0  # the group of text that kept its order; moved blocks are numbered from 1


class CopyChecks:
    """What `Edit` knows of the edit, and the checks against copies built on it."""

    old: Tokens
    new: Tokens
    target: list[int]  # per old token, the new token it became (-1: none)
    group: list[int]  # per old token, IN_ORDER or the number of the move that took it

    _cuts: list[int] | None = None
    _index: tuple[list[tuple[int, int, bool]], dict[tuple[str, ...], set[int]]] | None = None

    def _source(self) -> list[int]:
        raise NotImplementedError

    def _sentence_fits_lost_text(self, run: list[tuple[int, int, int, int, int]], low: int, high: int) -> bool:
        """Whether a sentence of the passage [low, high), carried onto new text that differs
        from it, is as near that text as a sentence the old text held elsewhere that the edit
        lost (deleted, or moved where the alignment could not follow it): a near-copy moved
        into the passage's place and edited there reads, word for word, as the passage edited,
        and either may be the one the new text holds. A sentence still between the very tokens
        that stood beside it was edited where it stood: the copy would have taken a move and
        more to come there."""
        old, new = self.old, self.new
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        breaks = old.breaks(first, last, SENTENCE_END)
        for a, b in zip([first, *breaks], [*breaks, last], strict=True):
            went = [p for p in run if p[0] < old.ends[b - 1] and p[1] > old.starts[a]]
            if b - a < MOVE_MIN_TOKENS or not went:
                continue
            new_low, new_high = min(p[2] for p in went), max(p[3] for p in went)
            new_first, new_last = bisect.bisect_left(new.starts, new_low), bisect.bisect_left(new.starts, new_high)
            carried, own = new.words[new_first:new_last], old.words[a:b]
            if carried == own or self._beside_own_neighbours(old.starts[a], old.ends[b - 1], new_low, new_high):
                continue
            distance = Levenshtein.distance(own, carried)
            if any(lost and not (first <= i < last) and Levenshtein.distance(old.words[i:j], carried) <= distance
                   for i, j, lost in self._sentences_like(carried)):
                return True
        return False

    def _carried_place(self, first: int, last: int) -> int | None:
        """The new token where the old tokens [first, last), carried in order, begin (their
        first kept one, less the tokens before it), or None when none was kept or the kept
        ones are out of order."""
        kept = [k for k in range(first, last) if self.target[k] != -1]
        went = [self.target[k] for k in kept]
        if not went or went != sorted(went) or went[0] < kept[0] - first:
            return None
        return went[0] - (kept[0] - first)

    def _edge_sentence_reads_as_another(self, low: int, high: int) -> bool:
        """Whether a whole sentence the passage [low, high) begins or ends in, carried in
        order onto new text other than its own, was carried onto text nearer another sentence
        of the old text than its own: of two near-twins swapped, word for word each reads as
        the other edited in place, and a passage across their edge is left to a guess. The
        readings are weighed by the whole edit each takes: the sentence edited here and the
        other edited into what it became (nothing, where the edit lost it), against the other
        edited here and the sentence into what the other became. (A sentence kept whole
        elsewhere, or a longer one deleted, makes the other reading the dearer.) Nor can they be
        weighed where the other's words were carried to both sides of where the sentence went
        (the sentence moved beside its twin, which was edited too): the alignment took words of
        each for the other's, and what the other became is no one stretch; unless the new text
        holds the sentence whole right there, its words the alignment gave the other beside it,
        or holds it between the very tokens that stood beside it, with nothing between but text
        the edit brought in: edited where it stood, it has its own neighbours on both sides, no
        word of the twin beside it to be taken for its own, and the twin's words carried beyond
        them went there without it (a stray word of the twin left in place while the rest
        moved away)."""
        old, new, target = self.old, self.new, self.target
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        cuts = self._sentence_cuts()
        for k in {first, last - 1}:
            at = bisect.bisect_right(cuts, k) - 1
            a, b = cuts[at], cuts[at + 1]
            kept = [t for t in range(a, b) if target[t] != -1]
            went = [target[t] for t in kept]
            if b - a < MOVE_MIN_TOKENS or not went or went != sorted(went):
                continue
            carried, own = new.words[went[0] : went[-1] + 1], old.words[a:b]
            if carried == own:
                continue
            lead, trail = kept[0] - a, b - 1 - kept[-1]
            whole = went[0] >= lead and new.words[went[0] - lead : went[-1] + 1 + trail] == own
            in_place = whole or self._between_own_neighbours(a, b, went[0], went[-1])
            distance = Levenshtein.distance(own, carried)
            for i, j, _ in self._sentences_like(carried):
                if i == a:
                    continue
                if not in_place and self._carried_around(i, j, went[0], went[-1]):
                    return True
                other, there = old.words[i:j], self._carried_words(i, j)
                if Levenshtein.distance(other, carried) + Levenshtein.distance(own, there) < \
                        distance + Levenshtein.distance(other, there):
                    return True
        return False

    def _edge_sentence_split_by_a_copy(self, low: int, high: int) -> bool:
        """Whether a sentence the passage [low, high) begins or ends inside was carried in
        order around text the edit brought in or moved there that repeats MOVE_RUN of its
        words in order (a near-twin moved in before it, or merged with it): word for word,
        its words on one side of that text could as well be the copy's, and where the
        passage begins or ends is left to a guess."""
        old, target, source = self.old, self.target, self._source()
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        cuts = self._sentence_cuts()
        for k in {first, last - 1}:
            at = bisect.bisect_right(cuts, k) - 1
            a, b = cuts[at], cuts[at + 1]
            if first <= a and b <= last:
                continue  # the passage holds all of it
            kept = [t for t in range(a, b) if target[t] != -1]
            if len({self.group[t] for t in kept if WORD.match(old.words[t])}) > 1:
                # edits move whole sentences: a part gone its own way is a copy's (a full stop
                # alone kept where the sentence stood is no part of it, but a coincidence)
                return True
            grams = {tuple(old.words[t : t + MOVE_RUN]) for t in range(a, b - MOVE_RUN + 1)}
            for t1, t2 in pairwise(kept):
                j1, j2 = target[t1], target[t2]
                if j2 - j1 - 1 < MOVE_RUN or any(
                        t != -1 and self.group[t] == IN_ORDER for t in source[j1 + 1 : j2]):
                    continue
                words = self.new.words
                if any(tuple(words[j : j + MOVE_RUN]) in grams for j in range(j1 + 1, j2 - MOVE_RUN + 1)):
                    return True
        return False

    def _neighbours_copy_kept(self, a: list[int], b: list[int], runs: list[tuple[int, int, int]],
                              old_gap: Span, new_gap: Span) -> list[tuple[int, int, int, int]] | None:
        """Where the inserted block `new_gap` repeats, right before (after) the runs the deleted
        block `old_gap` shares with it, MOVE_RUN tokens or more that stood before (after) that
        block and that the alignment kept in place (see `_copies_kept_neighbours`): whether the
        deleted block holds, outside those runs, the one other copy of them, with the
        whitespace after (before) it that the kept ones now have, where the neighbour had other
        whitespace, the same the inserted ones have. The alignment then kept that copy's twin:
        the block moved with its own neighbour, and the copy stayed ("1. Embarque" opening a
        table's first row and heading the section after it: the table moved, the heading
        stayed). Answers per side that repeats (old first, new first in the inserted block,
        length, the copy's old first), or None when one of them is not so."""
        old, new, target, group = self.old, self.new, self.target, self.group
        claimed = {k for i, _, n in runs for k in range(i, i + n)}

        def kept(k: int) -> bool:
            return 0 <= k < len(a) and target[k] != -1 and group[k] == IN_ORDER

        (i, j, _), (last_i, last_j, last_n) = runs[0], runs[-1]
        swaps = []
        for at, to, step in ((i, j, -1), (last_i + last_n, last_j + last_n, 1)):
            size = 0
            while True:
                k, t = (at - size - 1, to - size - 1) if step < 0 else (at + size, to + size)
                if not (new_gap[0] <= t < new_gap[1] and kept(k) and a[k] == b[t]):
                    break
                size += 1
            if size < MOVE_RUN:
                continue
            first, to_first = (at - size, to - size) if step < 0 else (at, to)
            words = a[first : first + size]
            copies = [c for c in range(old_gap[0], old_gap[1] - size + 1) if a[c : c + size] == words
                      and all(target[k] == -1 and k not in claimed for k in range(c, c + size))]
            kept_first, kept_last = target[first], target[first + size - 1]
            if len(copies) != 1 or kept_last - kept_first != size - 1:
                return None
            # The boundary after (before) each: the neighbour's, the copy's, the kept and the inserted ones'.
            if step < 0:
                own, copy = old.boundary(first + size), old.boundary(copies[0] + size)
                kept_side, inserted_side = new.boundary(kept_last + 1), new.boundary(to_first + size)
            else:
                own, copy = old.boundary(first), old.boundary(copies[0])
                kept_side, inserted_side = new.boundary(kept_first), new.boundary(to_first)
            if own == copy or kept_side != copy or inserted_side != own:
                return None
            swaps.append((first, to_first, size, copies[0]))
        return swaps

    def _carried_around(self, first: int, last: int, new_first: int, new_last: int) -> bool:
        """Whether words of the old tokens [first, last) were carried both before the new
        tokens [new_first, new_last] and after them."""
        went = [self.target[k] for k in range(first, last) if self.target[k] != -1 and WORD.match(self.old.words[k])]
        return any(k < new_first for k in went) and any(k > new_last for k in went)

    def _between_own_neighbours(self, first: int, last: int, new_first: int, new_last: int) -> bool:
        """Whether the old tokens [first, last), carried onto the new tokens [new_first,
        new_last], stand between the very tokens that stood before and after them (or the
        text's edge where they had one), with nothing between but text the edit brought in (a
        first or last word edited)."""
        old, target, source = self.old, self.target, self._source()
        before = target[first - 1] if first else -1
        after = target[last] if last < len(old.words) else len(self.new.words)
        if (first and before == -1) or after == -1 or not before < new_first <= new_last < after:
            return False
        return all(source[k] == -1 for k in (*range(before + 1, new_first), *range(new_last + 1, after)))

    def _carried_words(self, first: int, last: int) -> list[str]:
        """The new words from the first to the last that the old tokens [first, last) became
        (none where the edit lost them all)."""
        went = [k for k in self.target[first:last] if k != -1]
        return self.new.words[min(went) : max(went) + 1] if went else []

    def _sentence_cuts(self) -> list[int]:
        """The old tokens that begin a sentence, and the end."""
        if self._cuts is None:
            old = self.old
            self._cuts = [0, *old.breaks(0, len(old.words), SENTENCE_END), len(old.words)]
        return self._cuts

    def _sentences_like(self, words: list[str]) -> list[tuple[int, int, bool]]:
        """The sentences of the old text that share a run of MOVE_GRAM tokens with `words`:
        (old first token, end, whether the edit lost most of its tokens)."""
        if self._index is None:
            old, target = self.old, self.target
            sentences = [(i, j, sum(1 for k in range(i, j) if target[k] == -1) * 2 > j - i)
                         for i, j in pairwise(self._sentence_cuts()) if j - i >= MOVE_GRAM]
            grams: dict[tuple[str, ...], set[int]] = {}
            for number, (i, j, _) in enumerate(sentences):
                for k in range(i, j - MOVE_GRAM + 1):
                    grams.setdefault(tuple(old.words[k : k + MOVE_GRAM]), set()).add(number)
            self._index = (sentences, grams)
        sentences, grams = self._index
        found: set[int] = set()
        for k in range(len(words) - MOVE_GRAM + 1):
            found |= grams.get(tuple(words[k : k + MOVE_GRAM]), set())
        return [sentences[number] for number in sorted(found)]

    def _held_elsewhere(self, found: str, low: int, high: int) -> bool:
        """Whether the old text held `found` (normalized) other than in [low, high), in a
        copy the edit did not keep whole: a copy still standing, every token of it kept, in
        its own place is no copy the passage's new text could have been. Nor is the part of
        a copy of the whole passage (a pull quote): edited into part of itself (its first word
        deleted), the passage reads as that part of either copy, and which copy it is, the
        checks of copies lost (`_copy_lost`) weigh."""
        old = self.old
        text = old.doc.text
        copies = [c for c in occurrences(text, text[low:high], limit=COMMON_COPIES) if c != low]
        at = text.find(found)
        while at != -1:
            if not (low <= at < high) and not any(c <= at and at + len(found) <= c + high - low for c in copies):
                first, last = bisect.bisect_right(old.ends, at), bisect.bisect_left(old.starts, at + len(found))
                if first >= last or any(self.target[k] == -1 for k in range(first, last)):
                    return True
            at = text.find(found, at + 1)
        return False

    def _edge_sentences(self, run: list[tuple[int, int, int, int, int]], low: int, high: int,
                        short_parts: bool = False) -> list[tuple[int, int, int, int, bool]]:
        """The first and last sentences of the passage [low, high) (or the parts of them it
        holds), of MOVE_MIN_TOKENS tokens or more (a few words, "he said.", the old text may
        well hold elsewhere; with `short_parts`, instead, the shorter parts of such sentences),
        that the run carried: (old start, old end, new start, new end, whether they went by
        a move)."""
        old = self.old
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        breaks = old.breaks(first, last, SENTENCE_END)
        found = []
        for a, b in [(first, breaks[0]), (breaks[-1], last)] if breaks else []:
            piece_low, piece_high = old.starts[a], old.ends[b - 1]
            went = [p for p in run if p[0] < piece_high and p[1] > piece_low]
            whole = stretch_around(old, a, b, SENTENCE_END) if short_parts else (a, b)
            if went and (b - a < MOVE_MIN_TOKENS) == short_parts and whole[1] - whole[0] >= MOVE_MIN_TOKENS:
                found.append((piece_low, piece_high, min(p[2] for p in went), max(p[3] for p in went),
                              any(p[4] != IN_ORDER for p in went)))
        return found

    def _edge_sentence_held_elsewhere(self, run: list[tuple[int, int, int, int, int]], low: int, high: int) -> bool:
        """Whether the first or last sentence of the passage [low, high), carried onto text
        other than its own, was carried onto text the old text held elsewhere (a near-twin of
        that sentence moved beside it)."""
        old_text, new_text = self.old.doc.text, self.new.doc.text
        return any(new_text[new_low:new_high] != old_text[piece_low:piece_high]
                   and self._held_elsewhere(new_text[new_low:new_high], low, high)
                   for piece_low, piece_high, new_low, new_high, _ in self._edge_sentences(run, low, high))

    def _edge_sentence_copy_lost(self, run: list[tuple[int, int, int, int, int]], low: int, high: int) -> bool:
        """Whether the first or last sentence of the passage [low, high) had a copy in the old
        text that is gone, and the new place fits that copy's context (`_copy_lost`): a pull
        quote deleted while the sentence it repeats moved into its place leaves one copy
        where either could be the passage's. A shorter part of such a sentence that the passage
        holds is judged by the breaks around it alone (`_breaks_fit_copy`): a passage
        ending "it. Otherwise, you could" whose sentence "Otherwise, you could ..." was cut
        beside a paragraph opening with the same words now ends in that paragraph."""
        return any(self._copy_lost(piece_low, piece_high, new_low, new_high, moved)
                   for piece_low, piece_high, new_low, new_high, moved in self._edge_sentences(run, low, high)) \
            or any(self._copy_lost(piece_low, piece_high, new_low, new_high, by_breaks=True)
                   for piece_low, piece_high, new_low, new_high, _ in self._edge_sentences(run, low, high, True))

    def _copy_lost(self, low: int, high: int, new_low: int, new_high: int, moved: bool = False,
                   by_breaks: bool = False) -> bool:
        """Whether the old text held the passage [low, high) elsewhere too, that copy is gone
        from the new text, and the context at the new place [new_low, new_high) agrees with
        the copy's at least as well as with the passage's own: the alignment could have kept
        either of them. A passage that went by a move (`moved`) could as well be the copy
        moved there: its new neighbours say nothing of which it was, unless they are its own
        on both sides where the copy had other words beside it (a sentence cut by a move that
        took the passage and the words around it): the copy would have come without its own
        and found the passage's. Nor do they where the
        text there was edited and kept the passage's own neighbour on one side only (a copy
        apart from it): the passage edited where it stood, or the copy moved into its place
        and edited, each take an edit of that text, and the one neighbour fits both. (Text
        there unchanged needs no edit as the passage, a move and more as the copy.) Nor, where
        the edit deleted both tokens that stood beside the passage (a pull quote's marks gone
        with the quote beside its sentence): what went with the copy is what stood by it.
        With `by_breaks`, only the breaks around the new place are weighed (`_breaks_fit_copy`)."""
        old = self.old
        text = old.doc.text
        passage = text[low:high]
        edited = self.new.doc.text[new_low:new_high] != passage
        at = text.find(passage)
        while at != -1:
            if at != low:
                first = bisect.bisect_left(old.starts, at)
                last = bisect.bisect_left(old.starts, at + len(passage))
                lost = first < last and sum(1 for k in range(first, last) if self.target[k] == -1) * 2 > last - first
                beside = not text[min(high, at + len(passage)) : max(low, at)].strip()
                if by_breaks:
                    if lost and self._breaks_fit_copy(low, high, at, new_low, new_high):
                        return True
                elif lost and (moved and not self._moved_with_own_neighbours(low, high, at, new_low, new_high)
                               or not beside and edited and not self._beside_own_neighbours(
                                   low, high, new_low, new_high) or self._neighbours_lost(low, high)
                               or self._copy_fits(low, high, at, new_low, new_high)):
                    return True
            at = text.find(passage, at + 1)
        return False

    def _moved_with_own_neighbours(self, low: int, high: int, at: int, new_low: int, new_high: int) -> bool:
        """Whether the passage [low, high), carried to [new_low, new_high), has there the very
        tokens that stood beside it in the old text on both sides, while its copy at `at` had
        another word beside it on one side at least."""
        old = self.old
        if not self._beside_own_neighbours(low, high, new_low, new_high):
            return False
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        copy_first = bisect.bisect_left(old.starts, at)
        copy_last = copy_first + last - first
        before = old.words[first - 1] if first else None
        after = old.words[last] if last < len(old.words) else None
        copy_before = old.words[copy_first - 1] if copy_first else None
        copy_after = old.words[copy_last] if copy_last < len(old.words) else None
        return (before, after) != (copy_before, copy_after)

    def _neighbours_lost(self, low: int, high: int) -> bool:
        """Whether the old text had a token on each side of the passage [low, high) and the
        edit kept neither (a pull quote's marks), or had a word on each side, past the marks
        right beside it, and kept neither word: a full stop kept alone, aligned onto another
        sentence's, is no neighbour kept ("breath. In turn, ..." with its paragraph cut around
        it, the sentence standing again as a paragraph after "experience.")."""
        old = self.old
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        if first == 0 or last == len(old.words):
            return False
        before, after = first - 1, last
        while before > 0 and not WORD.search(old.words[before]):
            before -= 1
        while after < len(old.words) - 1 and not WORD.search(old.words[after]):
            after += 1
        return self.target[first - 1] == self.target[last] == -1 or self.target[before] == self.target[after] == -1

    def _repeated_text_moved_alone(self, low: int, high: int, new_low: int, new_high: int) -> bool:
        """Whether the passage [low, high), which went by a move, is a paragraph of its own
        there and at the new place, which the old text held elsewhere as a paragraph too, and
        has neither of its own neighbours at the new place: a paragraph a page repeats
        (boilerplate) is deleted in one place and inserted in another far more often than
        moved, and word for word the two read alike. (A sentence of a paragraph repeated as a
        pull quote moves inside its paragraph.)"""
        old = self.old
        if not (_whole_paragraph(old, low, high) and _whole_paragraph(self.new, new_low, new_high)) \
                or any(self._own_neighbours(low, high, new_low, new_high)):
            return False
        text = old.doc.text
        at = text.find(text[low:high])
        while at != -1:
            if at != low and _whole_paragraph(old, at, at + high - low):
                return True
            at = text.find(text[low:high], at + 1)
        return False

    def _moved_from_a_refilled_place(self, low: int, high: int) -> bool:
        """Whether the passage [low, high) went with its whole paragraph, moved as a block and
        a paragraph of its own there, while the paragraph's old place, between its own
        neighbours kept in place, now holds a paragraph the edit brought in: the paragraph
        rewritten where it stood, and a copy of it inserted elsewhere (a notice repeated),
        reads as well as the paragraph moved, and another inserted just where it was."""
        old, new, target, group, source = self.old, self.new, self.target, self.group, self._source()
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        a, b = stretch_around(old, first, last, PARAGRAPH)
        if a == 0 or b == len(old.words) or target[a] == -1 or group[a] == IN_ORDER \
                or any(target[k] == -1 or group[k] != group[a] for k in range(a, b)):
            return False
        if not all(target[k] != -1 and group[k] == IN_ORDER for k in (a - 1, b)):
            return False
        went = sorted(target[a:b])
        if not _whole_paragraph(new, new.starts[went[0]], new.ends[went[-1]]):
            return False
        place_first, place_last = target[a - 1] + 1, target[b]
        return place_first < place_last and new.boundary(place_first) == new.boundary(place_last) == PARAGRAPH \
            and all(source[k] == -1 for k in range(place_first, place_last))

    def _beside_own_neighbours(self, low: int, high: int, new_low: int, new_high: int) -> bool:
        """Whether the new place [new_low, new_high) of the old passage [low, high) has, on
        each side, the very token that stood beside the passage in the old text (or the text's
        edge where it had one)."""
        return all(self._own_neighbours(low, high, new_low, new_high))

    def _own_neighbours(self, low: int, high: int, new_low: int, new_high: int) -> tuple[bool, bool]:
        """Whether the new place [new_low, new_high) of the old passage [low, high) has before
        it, and after it, the very token that stood there in the old text (or the text's edge
        where it had one)."""
        old, new = self.old, self.new
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        new_first, new_last = bisect.bisect_left(new.starts, new_low), bisect.bisect_left(new.starts, new_high)
        before = new_first == 0 if first == 0 else new_first > 0 and self.target[first - 1] == new_first - 1
        after = new_last == len(new.words) if last == len(old.words) else \
            new_last < len(new.words) and self.target[last] == new_last
        return before, after

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
        side and no worse on the other. A side where, beyond the characters the two copies
        share, the new place has text the edit brought in that is unlike the copy's context
        there (a paragraph inserted beside the passage) says nothing of which copy stands
        there, as neither had that neighbour: the other side alone tells, beyond the
        characters the copies share there, and the passage's own must fit it better. The
        breaks either side are context too: where they are the copy's and, on one side, not
        the passage's own (a sentence that ran on after another now opens a paragraph, as its
        copy did), the copy fits at least as well."""
        if self._breaks_fit_copy(low, high, at, new_low, new_high):
            return True
        new, text, end = self.new.doc.text, self.old.doc.text, at + high - low
        before, after = common_run(text, low, at, -1), common_run(text, high, end, 1)
        own_beyond = context_likeness(new, new_low - before, new_high + after, text, low - before, high + after)
        copy_beyond = context_likeness(new, new_low - before, new_high + after, text, at - before, end + after)
        brought = (self._brought_in_between(new_low - before - CONTEXT, new_low - before),
                   self._brought_in_between(new_high + after, new_high + after + CONTEXT))
        silent = [side and c < COPY_SIDE_FLOOR for side, c in zip(brought, copy_beyond, strict=True)]
        if any(silent):
            return all(silent) or any(c >= o for c, o, side in zip(copy_beyond, own_beyond, silent, strict=True)
                                      if not side)
        own = context_likeness(new, new_low, new_high, text, low, high)
        copy = context_likeness(new, new_low, new_high, text, at, end)
        if sum(own) != sum(copy) or text[max(0, low - CONTEXT) : low] != text[max(0, at - CONTEXT) : at] \
                or text[high : high + CONTEXT] != text[end : end + CONTEXT]:
            # A copy from elsewhere whose context is found clearly on one side is doubt enough: the
            # passage may have gone, and the copy moved into its place, keeping the passage's context
            # on the other side. (Of two copies side by side, the whitespace told which one went.)
            beside = not text[min(high, end) : max(low, at)].strip()
            return sum(copy) >= sum(own) or not beside and any(
                c > o and c >= COPY_SIDE_FLOOR for c, o in zip(copy, own, strict=True))
        return not (own_beyond[0] >= copy_beyond[0] and own_beyond[1] >= copy_beyond[1] and own_beyond != copy_beyond)

    def _breaks_fit_copy(self, low: int, high: int, at: int, new_low: int, new_high: int) -> bool:
        """Whether the boundaries before and after the new place [new_low, new_high) are
        those before and after the copy at `at` of the old passage [low, high), and not both
        those of the passage (see `Tokens.boundary`), the passage's own neighbour still beside
        it where they changed: the edit made the break between the two, not text put between."""
        old, new = self.old, self.new
        first, last, copy = (bisect.bisect_left(old.starts, k) for k in (low, high, at))
        breaks = [(tokens.boundary(a), tokens.boundary(b)) for tokens, a, b in (
            (old, first, last), (old, copy, copy + last - first),
            (new, bisect.bisect_left(new.starts, new_low), bisect.bisect_left(new.starts, new_high)))]
        kept = self._own_neighbours(low, high, new_low, new_high)
        return breaks[2] == breaks[1] != breaks[0] and all(kept[i] for i in (0, 1) if breaks[2][i] != breaks[0][i])

    def _brought_in_between(self, low: int, high: int) -> bool:
        """Whether the new text's normalized characters [low, high) hold tokens, every one of
        them text the edit brought in (none of the old text, kept or moved)."""
        new, source = self.new, self._source()
        first, last = bisect.bisect_right(new.ends, max(0, low)), bisect.bisect_left(new.starts, high)
        return first < last and all(source[k] == -1 for k in range(first, last))



def _whole_paragraph(tokens: Tokens, low: int, high: int) -> bool:
    """Whether the normalized text [low, high) is a paragraph of its own."""
    first, last = bisect.bisect_left(tokens.starts, low), bisect.bisect_left(tokens.starts, high)
    return first < last and tokens.boundary(first) == PARAGRAPH and tokens.boundary(last) == PARAGRAPH


def stretch_around(tokens: Tokens, first: int, last: int, boundary: int) -> Span:
    """The tokens of the sentence or sentences (`boundary` SENTENCE_END), or paragraph or
    paragraphs (PARAGRAPH), that the tokens [first, last) stand in."""
    a, b = first, max(last, first + 1)
    while a > 0 and tokens.boundary(a) < boundary:
        a -= 1
    while b < len(tokens.words) and tokens.boundary(b) < boundary:
        b += 1
    return a, b

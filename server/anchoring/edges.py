"""The checks of a carried passage's edges (`carry.py`): whether an edge of it stands
again, as text the edit brought in, beside where the rest of it went (word for word either
copy may be the passage's), where its edges are when a move carried it with an edge
changed on the way, and where an edge standing inside a stretch the edit changed went.
"""

from __future__ import annotations

import bisect
import math
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from .align import near_alignment
from .copies import IN_ORDER
from .passage import closest_part, edited_into
from .tokens import PARAGRAPH, SENTENCE_END, WORD
from .tuning import MAX_REWRITE, MOVE_MIN_TOKENS, MOVE_RUN, MOVE_RUN_SHORT, MOVE_SHARE
from .twins import TwinChecks

Span = tuple[int, int]


class EdgeChecks(TwinChecks):
    """The checks of a carried passage's edges, on what `Edit` knows of the edit."""

    _where: dict[str, list[int]] | None = None  # per word, the new tokens that are it
    _brought: list[int] | None = None
    _near: dict[tuple[int, int, int, int], dict[int, int]]  # per changed stretch, the words that stayed

    def _stretch_of(self, token: int) -> tuple[int, int, int, int] | None:
        raise NotImplementedError

    def _edge_went_nearby(self, low: int, high: int, new_low: int, new_high: int) -> bool:
        """Whether an edge of the passage [low, high) stands again, as text the edit brought
        in or moved there, within the passage's length of where the rest of it went
        [new_low, new_high): where the passage begins or ends is then a guess. Either the
        edge is tokens the edit deleted or changed in place, at least MOVE_RUN_SHORT of them,
        that the alignment could not tell moved (changed on the way, claimed by a copy of
        them deleted elsewhere, or too short to count as moved);
        or it is its first (last) MOVE_MIN_TOKENS tokens, which a copy beside them repeats
        (a boilerplate paragraph inserted next to its twin), or its first (last) sentence or
        part of one, which the edit brought in again, or a near-copy of it, in the paragraph
        before (after) it (a copy with its sentences in another order, or a word changed):
        word for word, either copy may be the passage's."""
        old, new = self.old, self.new
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        if last > first and old.ends[last - 1] > high:
            last -= 1  # a token cut by the passage's end is not wholly in it
        lead = first
        while lead < last and self.target[lead] == -1 and self._stretch_of(lead) is None:
            lead += 1
        trail = last
        while trail > lead and self.target[trail - 1] == -1 and self._stretch_of(trail - 1) is None:
            trail -= 1
        reach, edge = last - first, min(MOVE_MIN_TOKENS, last - first)
        new_first = bisect.bisect_left(new.starts, new_low)
        new_last = bisect.bisect_left(new.starts, new_high)
        before = range(self._kept_reach(new_first, -reach), new_first)
        after = range(new_last, self._kept_reach(new_last, reach))
        window = range(before.start, after.stop)
        edges = [(first, lead, window, True), (trail, last, window, True)]
        # Its edge changed in place (a replaced stretch), yet those words again beside it.
        changed_lead, changed_trail = lead, trail
        while changed_lead < last and self.target[changed_lead] == -1:
            changed_lead += 1
        while changed_trail > changed_lead and self.target[changed_trail - 1] == -1:
            changed_trail -= 1
        edges += [(first, changed_lead, window, True), (changed_trail, last, window, True)]
        if edge >= MOVE_RUN:
            edges += [(first, first + edge, before, False), (last - edge, last, after, False)]
        # So with a shorter paragraph it begins (ends) with, whole, which a copy brought in or moved
        # from elsewhere repeats beside it ("Continue reading the main story" twice at the end).
        inner = old.breaks(first, last, PARAGRAPH)
        # A paragraph inside it that the edit deleted, brought in again beside it: its own
        # paragraphs swapped places (which it then holds all of) as well ("Advertisement").
        edges += [(a, b, window, True) for a, b in pairwise(inner) if lead <= a and b <= trail
                  and all(self.target[k] == -1 and self._stretch_of(k) is None for k in range(a, b))]
        if inner and old.boundary(first) == PARAGRAPH and MOVE_RUN <= inner[0] - first < edge:
            edges.append((first, inner[0], before, True))
        if inner and old.boundary(last) == PARAGRAPH and MOVE_RUN <= last - inner[-1] < edge:
            edges.append((inner[-1], last, after, True))
        breaks = old.breaks(first, last, SENTENCE_END)
        # Its first and last sentences (or parts of them), which may come again, nearly, in the
        # paragraph beside it.
        sentences = [(first, breaks[0], self._paragraph_before(new_first), False),
                     (breaks[-1], last, self._paragraph_after(new_last), False)] if breaks else []
        # The whole sentence its deleted first (last) words belong to, brought in again nearby;
        # or the rest of that sentence, outside the passage, mostly: the sentence moved, edited on
        # the way ("Securities and Exchange" made "the Audi" as the paragraph went), and its words
        # that the passage holds may have gone with it.
        cuts = self._sentence_cuts()
        rests = []
        for k in [first] * (lead > first) + [last - 1] * (trail < last):
            at = bisect.bisect_right(cuts, k) - 1
            if all(t == -1 for t in self.target[cuts[at] : cuts[at + 1]]):
                sentences.append((cuts[at], cuts[at + 1], window, False))
                rests.append(range(cuts[at], first) if k == first else range(last, cuts[at + 1]))
        brought = self._brought_before()
        # A whole paragraph of one word ("Advertisement") is a block as much as a longer one.
        return any((b - a >= (MOVE_RUN_SHORT if moved else MOVE_RUN)
                    or (moved and b > a and old.boundary(a) == old.boundary(b) == PARAGRAPH))
                   and brought[places.stop] > brought[places.start]
                   and self._brought_in_near(old.words[a:b], places, first, last, moved, near)
                   for (a, b, places, moved), near in [(e, False) for e in edges] + [(e, True) for e in sentences]) \
            or any(brought[window.stop] > brought[window.start] and self._mostly_brought_in(rest, window)
                   for rest in rests)

    def _edge_in_doubled_paragraph(self, low: int, high: int) -> bool:
        """Whether the passage [low, high) ends (begins) in a paragraph it does not begin
        (end) in, kept in place whole, that a copy the edit brought in now follows (precedes)
        right beside it: word for word the copy reads as well as brought in before (after)
        it, and the passage's words in that paragraph as the copy's, the passage then holding
        the other copy whole ("Our" of a closing notice repeated after it)."""
        old, new, target, source = self.old, self.new, self.target, self._source()
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        for k, forward in ((last - 1, True), (first, False)):
            if k < 0:
                continue
            a, b = old.paragraph(k)
            if (a <= first if forward else b >= last) or target[a] == -1 or any(
                    target[t] != target[a] + t - a or self.group[t] != IN_ORDER for t in range(a, b)):
                continue
            size = b - a
            copy = target[b - 1] + 1 if forward else target[a] - size
            if copy >= 0 and copy + size <= len(new.words) and new.words[copy : copy + size] == old.words[a:b] \
                    and new.boundary(copy if forward else copy + size) == PARAGRAPH \
                    and all(source[t] == -1 for t in range(copy, copy + size)):
                return True
        return False

    def _edge_word_cut_off(self, low: int, high: int) -> bool:
        """Whether the passage [low, high)'s last (first) word, kept, now begins (ends) a
        paragraph where it stood inside one, while the edit did not keep the word after
        (before) it in its sentence: the rest of its sentence gone and a paragraph break
        brought in beside it, the word reads as well as the first (last) word of a paragraph
        brought in ("fire. The experience" made "fire.\n\nThe company"), and where the passage
        ends (begins) is a guess."""
        old, new, target = self.old, self.new, self.target
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        if last - first < 2:
            return False
        k = last - 1
        if target[k] != -1 and last < len(old.words) and target[last] == -1 and old.boundary(last) < SENTENCE_END \
                and old.boundary(k) < PARAGRAPH and new.boundary(target[k]) == PARAGRAPH:
            return True
        k = first
        return target[k] != -1 and first > 0 and target[first - 1] == -1 and old.boundary(first) < SENTENCE_END \
            and old.boundary(k + 1) < PARAGRAPH and new.boundary(target[k] + 1) == PARAGRAPH

    def _kept_reach(self, at: int, reach: int) -> int:
        """The new token `reach` tokens of old text after `at` (before it, where `reach` is
        negative), the text the edit brought in between not counted: a paragraph inserted
        right beside a passage does not set its lost edge, brought in again past that
        paragraph, further from it ("8." deleted at the passage's end and standing again
        after the paragraph inserted there)."""
        brought, size = self._brought_before(), len(self.new.words)

        def kept(k: int) -> int:  # the tokens of old text before new token k
            return k - brought[k]

        wanted = kept(at) + reach
        if reach >= 0:
            return min(size, bisect.bisect_left(range(size + 1), wanted, at, size + 1, key=kept))
        return max(0, bisect.bisect_right(range(size + 1), wanted, 0, at + 1, key=kept) - 1)

    def _edges_changed_in_move(self, low: int, high: int,
                               run: list[tuple[int, int, int, int, int]]) -> Span | None:
        """Where the passage [low, high) begins and ends in the new text, as far as the run says
        (normalized offsets); None when that is a guess. Moved text has no stretch changed in
        place to map an edited edge through: where the passage went by a move with its first
        (last) token deleted, and the tokens right before (after) where the rest of it went, in
        the same sentence, were brought in by the edit ("So, there's" moved and made "So
        reportedly there's"), they may or may not be its edge. They are taken as its edge if
        they begin (end) with the word it began (ended) with, and are at most MAX_REWRITE of its
        length, so that either reading is a light edit of it; else it is orphaned. An edge that
        lost nothing but punctuation (its full stop made a comma where a sentence was merged
        onto it) is where its words went: either reading differs from it by that mark alone."""
        old, new, source = self.old, self.new, self._source()
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        new_low, new_high = run[0][2], run[-1][3]
        k = bisect.bisect_left(new.starts, new_low)
        if run[0][4] != IN_ORDER and self.target[first] == -1 and not self._lost_only_marks(first, last, 1):
            while k > 0 and source[k - 1] == -1 and new.boundary(k) < SENTENCE_END:
                k -= 1
            if new.starts[k] < new_low:
                if new.words[k] != old.words[first] or new_low - new.starts[k] > MAX_REWRITE * (high - low):
                    return None
                new_low = new.starts[k]
        k = bisect.bisect_left(new.starts, new_high)
        if (run[-1][4] != IN_ORDER and self.target[last - 1] == -1
                and not self._lost_only_marks(last - 1, first - 1, -1)):
            while k < len(source) and source[k] == -1 and new.boundary(k) < SENTENCE_END:
                k += 1
            if k and new.ends[k - 1] > new_high:
                if new.words[k - 1] != old.words[last - 1] or new.ends[k - 1] - new_high > MAX_REWRITE * (high - low):
                    return None
                new_high = new.ends[k - 1]
        return new_low, new_high

    def _lost_only_marks(self, edge: int, stop: int, step: int) -> bool:
        """Whether the old tokens from `edge` towards `stop` that the edit did not keep, up to
        the first it kept, are all punctuation."""
        k = edge
        while k != stop and self.target[k] == -1:
            if WORD.match(self.old.words[k]):
                return False
            k += step
        return k != stop

    def _paragraph_before(self, at: int) -> range:
        """The new tokens from the start of the paragraph before the one token `at` stands in, to `at`."""
        starts = self.new.paragraph_bounds()
        return range(starts[max(0, bisect.bisect_right(starts, at) - 2)], at)

    def _paragraph_after(self, at: int) -> range:
        """The new tokens from `at` to the end of the paragraph after the one token `at - 1` stands in."""
        starts = self.new.paragraph_bounds()
        return range(at, starts[min(len(starts) - 1, bisect.bisect_left(starts, at) + 1)])

    def _brought_before(self) -> list[int]:
        """Per new token (and the end), how many tokens before it the edit brought in or moved."""
        if self._brought is None:
            self._brought = [0]
            for k in self._source():
                self._brought.append(self._brought[-1] + (k == -1 or self.group[k] != IN_ORDER))
        return self._brought

    def _brought_in_near(self, wanted: list[str], places: range, first: int, last: int, moved: bool,
                         near: bool = False) -> bool:
        """Whether `wanted` stands in the new text starting at one of `places` (and before
        places.stop), as text the edit brought in, or (`moved`) moved there from outside the
        old tokens [first, last); `near`: or, if MOVE_MIN_TOKENS long, with one token
        inserted, removed or replaced (a near-copy)."""
        source, words, n = self._source(), self.new.words, len(wanted)
        if self._where is None:
            self._where = {}
            for j, word in enumerate(words):
                self._where.setdefault(word, []).append(j)
        starts = self._where.get(wanted[0], [])
        lengths = (n - 1, n, n + 1) if near and n >= MOVE_MIN_TOKENS else (n,)

        def alike(window: list[str]) -> bool:
            return window == wanted or (len(lengths) > 1 and Levenshtein.distance(window, wanted) <= 1)

        return any(
            j + m <= places.stop and alike(words[j : j + m])
            and all(k == -1 or (moved and self.group[k] != IN_ORDER and not first <= k < last)
                    for k in source[j : j + m])
            for j in starts[bisect.bisect_left(starts, places.start) : bisect.bisect_left(starts, places.stop)]
            for m in lengths)

    def _mostly_brought_in(self, tokens: range, places: range) -> bool:
        """Whether the old `tokens` stand in the new text at `places`, as text the edit brought
        in, in a run of at least MOVE_RUN of them and at least MOVE_SHARE of them in a row."""
        words, source, wanted = self.new.words, self._source(), self.old.words[tokens.start : tokens.stop]
        need = max(MOVE_RUN, math.ceil(MOVE_SHARE * len(wanted)))
        at: dict[str, list[int]] = {}
        for t, word in enumerate(wanted):
            at.setdefault(word, []).append(t)
        for j in range(places.start, places.stop - need + 1):
            for t in at.get(words[j], ()) if source[j] == -1 else ():
                n = 0
                while t + n < len(wanted) and j + n < places.stop and source[j + n] == -1 \
                        and words[j + n] == wanted[t + n]:
                    n += 1
                if n >= need:
                    return True
        return False

    def _copy_brought_in(self, low: int, high: int) -> bool:
        """Whether the edit brought in, anywhere, the tokens of the passage [low, high), or a
        near-copy of them (one token inserted, removed or replaced): where the passage went by
        a move, that copy reads as it moved there and edited (or not) as well, and the copy it
        was carried onto as text inserted (a notice moved past a heading with a word dropped,
        and the same notice inserted whole further on). So with its first or last sentence, or
        the part of it the passage holds, brought in alone: that sentence reads as well as the
        passage moved there, its other sentences cut, and the copy it was carried onto as a
        paragraph inserted (a notice's first sentence deleted, its second moved, and the whole
        notice inserted elsewhere)."""
        old = self.old
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        breaks = old.breaks(first, last, SENTENCE_END)
        parts = [(first, last)] + ([(first, breaks[0]), (breaks[-1], last)] if breaks else [])
        return any(b - a >= MOVE_MIN_TOKENS and self._brought_in_near(
            old.words[a:b], range(len(self.new.words) + 1), first, last, False, True) for a, b in parts)

    def _part_aligned(self, a: int, b: int, stretch: tuple[int, int, int, int]) -> tuple[Span, int] | None:
        """Where the passage's part [a, b) of a changed stretch went, by the words of it that
        stayed there (`near_alignment`): from the stretch's new start to the last of them where
        the passage ends inside the stretch, from the first of them to its new end where it
        begins inside ("and Italian" made "and also"; "balance. Immunity remains" made
        "basance." as the next paragraph went). With the place, how many of the part's
        characters are a guess: its words after the last that stayed (before the first) when
        the edit brought words in there, which may stand for them; and that word, if changed
        while words of the passage after (before) it went ("that's" made "thta": another word
        put there reads the same); and that word, if the edit brought in the same word right
        beside it, which may as well be the one that stayed. None when none stayed, or when
        they are fewer than half the words of the new part: a coincidence ("the", a comma) in
        a paragraph replaced by another."""
        old, new = self.old, self.new
        i1, i2, j1, j2 = stretch
        mine = [t for t in range(i1, i2) if a <= old.starts[t] and old.ends[t] <= b]
        ends_inside, begins_inside = b < old.ends[i2 - 1], a > old.starts[i1]
        if ends_inside != begins_inside:  # the part against the whole new side: its words first
            i1, i2 = (i1, mine[-1] + 1) if ends_inside else (mine[0], i2)
        alignment = self._near.get((i1, i2, j1, j2))
        if alignment is None:
            alignment = self._near[i1, i2, j1, j2] = near_alignment(old.words[i1:i2], new.words[j1:j2])
        stayed = [(t, j1 + alignment[t - i1]) for t in mine if t - i1 in alignment]
        if not stayed:
            return None
        paired = self._paired_beyond(stayed, mine, stretch, ends_inside, begins_inside)
        stayed = sorted(stayed + paired)
        first = stayed[0][1] if begins_inside else j1
        last = stayed[-1][1] if ends_inside else j2 - 1
        if 2 * len(stayed) < last - first + 1:
            return None
        taken = sorted(j1 + j for j in alignment.values())
        guessed = brought = 0
        if ends_inside:
            after = bisect.bisect_right(taken, last)
            if (taken[after] if after < len(taken) else j2) > last + 1:  # words brought in after it
                brought += sum(old.ends[t] - old.starts[t] for t in mine if t > stayed[-1][0])
        if begins_inside:
            before = bisect.bisect_left(taken, first) - 1
            if (taken[before] if before >= 0 else j1 - 1) < first - 1:
                brought += sum(old.ends[t] - old.starts[t] for t in mine if t < stayed[0][0])
        if brought and all(old.words[t] != new.words[j] for t, j in stayed):
            return None  # no word of it stayed as it was, and others were put in for some: "said" -> "main" by chance
        guessed += brought
        for (t, j), inside, beyond in ((stayed[-1], ends_inside, mine[-1]), (stayed[0], begins_inside, mine[0])):
            if inside and t != beyond and old.words[t] != new.words[j]:  # "that's" made "thta"
                guessed += old.ends[t] - old.starts[t]
        guessed += sum(old.ends[t] - old.starts[t] for t, j in paired if not edited_into(old.words[t], new.words[j]))
        # Words read as the kept text beyond the stretch (`_slid_past`) are deleted in the reading
        # that does not slide: where the passage ends (begins) differs by them between the two.
        guessed += sum(old.ends[t] - old.starts[t] for t, j in paired if not j1 <= j < j2)
        placed = set(taken) | {j for _, j in stayed}
        for (t, j), inside in ((stayed[-1], ends_inside), (stayed[0], begins_inside)):
            if inside and self._doubled_by_the_edit(j, (j1, j2), placed):  # "the recent" made "recent recent"
                guessed += old.ends[t] - old.starts[t]
        return (new.starts[first], new.ends[last]), guessed

    def _doubled_by_the_edit(self, j: int, new_side: Span, placed: set[int]) -> bool:
        """Whether the new token `j` of a changed stretch (new tokens `new_side`) has the same
        word right beside it, inside the stretch, that no old word stayed as (`placed` are
        those that did): the edit brought that copy in, and either copy may be the old word's."""
        words = self.new.words
        return any(new_side[0] <= k < new_side[1] and k not in placed and words[k] == words[j] for k in (j - 1, j + 1))

    def _paired_beyond(self, stayed: list[tuple[int, int]], mine: list[int], stretch: tuple[int, int, int, int],
                       ends_inside: bool, begins_inside: bool) -> list[tuple[int, int]]:
        """The passage's words after the last of them that stayed in the changed stretch
        `stretch` (before the first), up to the next word of the stretch that stayed there,
        where the new text has as many words between the two: each went into one, as in a
        stretch of as many words for as many ("main story" made "min stor", "story" staying
        as "stor"). Answers (old token, new token) per such word of the passage."""
        i1, i2, j1, j2 = stretch
        alignment = self._near.get(stretch)
        if alignment is None:
            alignment = self._near[stretch] = near_alignment(self.old.words[i1:i2], self.new.words[j1:j2])
        pairs = sorted((i1 + i, j1 + j) for i, j in alignment.items())
        ends = (i1 - 1, j1 - 1), (i2, j2)  # the kept tokens around the stretch
        taken = {t for t, _ in stayed}
        paired = []
        for (t, j), inside, step in ((stayed[-1], ends_inside, 1), (stayed[0], begins_inside, -1)):
            if not inside or alignment.get(t - i1) != j - j1:
                continue
            at = pairs.index((t, j)) + step
            next_old, next_new = pairs[at] if 0 <= at < len(pairs) else ends[step > 0]
            if next_old - t == next_new - j:
                paired += [(t + d * step, j + d * step) for d in range(1, abs(next_old - t))
                           if t + d * step in mine and t + d * step not in taken]
            elif next_new - j == step and (next_old, next_new) == ends[step > 0]:
                paired += self._slid_past(t, mine, next_old, step)
        return paired

    def _slid_past(self, t: int, mine: list[int], beyond: int, step: int) -> list[tuple[int, int]]:
        """The passage's words after (before) its old token `t`, which stayed right before
        (after) the text kept beyond a changed stretch, from old token `beyond` on, where
        they repeat that kept text word for word: the words the edit deleted between read
        as well as deleted after (before) them, as `slid` reads a deletion alone ("model."
        made "modell." as the paragraph after it went, the full stop kept being the
        paragraph's). Answers (old token, new token) per such word, or none."""
        old, target = self.old, self.target
        words = [k for k in mine if (k - t) * step > 0]
        kept = [beyond + d * step for d in range(len(words))]
        if not words or not all(0 <= k < len(old.words) and target[k] != -1 and self.group[k] == IN_ORDER
                                and target[k] == target[beyond] + (k - beyond) for k in kept):
            return []
        if [old.words[k] for k in words] != [old.words[k] for k in kept]:
            return []
        return [(k, target[c]) for k, c in zip(words, kept, strict=True)]

    def _edge_word_stayed(self, stretch: tuple[int, int, int, int], last: bool) -> int | None:
        """Where the passage's last (first) word stands in a changed stretch that the passage
        ends (begins) with whole and that the edit made longer, if it stayed there, the same
        or misspelt (`near_alignment`): the passage ends after (begins before) it, and what
        the edit put after (before) it is text brought in beside the passage ("Sign up" made
        "... Nature Astronomy. Sign still up": a paragraph brought in before it, a word inside
        it). None when it did not stay, or when the words that stayed are fewer than half of
        the new part up to it: a coincidence ("the") in other text."""
        old, new = self.old, self.new
        i1, i2, j1, j2 = stretch
        alignment = self._near.get(stretch)
        if alignment is None:
            alignment = self._near[stretch] = near_alignment(old.words[i1:i2], new.words[j1:j2])
        edge = i2 - 1 - i1 if last else 0
        if edge not in alignment:
            return None
        at = alignment[edge]
        part = range(0, at + 1) if last else range(at, j2 - j1)
        if 2 * sum(1 for j in alignment.values() if j in part) < len(part):
            return None
        return new.ends[j1 + at] if last else new.starts[j1 + at]

    def _part_edited_into(self, a: int, b: int, old_side: Span, new_side: Span) -> Span | None:
        """Where the passage's part [a, b) of a changed stretch (old normalized characters
        `old_side`, new tokens `new_side`) went: the part of the new side from its start (to
        its end) that reads as those words edited ("These neo-banks" made "Their come-on"),
        else nowhere. What the edit put there need not stand for them at all (a paragraph
        replaced by another), and a part mapped in proportion would carry the passage's edge
        into unrelated words; dropped, the passage ends with its text kept before the stretch
        (begins with that kept after it)."""
        old, new = self.old, self.new
        j1, j2 = new_side
        starts, ends, text = new.starts[j1:j2], new.ends[j1:j2], new.doc.text
        if a == old_side[0]:  # it ends inside the stretch
            end = closest_part(old.doc.text[a:b], text, starts, ends, True)
            part = (starts[0], end)
        elif b == old_side[1]:  # it begins inside the stretch
            start = closest_part(old.doc.text[a:b], text, starts, ends, False)
            part = (start, ends[-1])
        else:
            return None
        return part if edited_into(old.doc.text[a:b], text[part[0] : part[1]]) else None

    def _without_grown_edges(self, run: list[tuple[int, int, int, int, int]]) -> Span | None:
        """The place of the run without its last (first) pieces that are stretches the edit
        changed into more text than they held, by more than a light edit of the passage,
        and that a paragraph break now parts from the rest of it where none did: the
        passage's edge word deleted and a paragraph inserted beside it reads as well as that
        word made into the paragraph, and leaves the passage lightly edited. (Made into
        words of its own sentence, the word is taken with them.) None when nothing of it
        would be left."""
        old, new, allowed = self.old, self.new, MAX_REWRITE * (run[-1][1] - run[0][0])

        def grown(piece: tuple[int, int, int, int, int], last: bool) -> bool:
            if (piece[3] - piece[2]) - (piece[1] - piece[0]) <= allowed:
                return False
            k = bisect.bisect_left(new.starts, piece[2] if last else piece[3])
            was = bisect.bisect_left(old.starts, piece[0] if last else piece[1])
            return new.boundary(k) >= PARAGRAPH > old.boundary(was)

        first, last = 0, len(run)
        while last > first and grown(run[last - 1], True):
            last -= 1
        while first < last and grown(run[first], False):
            first += 1
        return (run[first][2], run[last - 1][3]) if first < last else None

    def _without_far_marks(self, run: list[tuple[int, int, int, int, int]]) -> Span | None:
        """The place of the run without its last (first) pieces that are punctuation alone,
        written against the word before (after) them in the old text, and that stand apart
        from the rest of it by more text than a light edit of the passage brings in: its full
        stop, its word replaced by one without it ("hub." made "painting"), aligned onto the
        full stop ending a paragraph brought in after it reads as well as gone with its word.
        (A mark standing apart, a list's dash, may have had the text put before it.) None
        when no such mark ends (begins) it."""
        text, allowed = self.old.doc.text, MAX_REWRITE * (run[-1][1] - run[0][0])

        def far(piece: tuple[int, int, int, int, int], gap: int, glued: bool) -> bool:
            return glued and not WORD.search(text[piece[0] : piece[1]]) and gap > allowed

        first, last = 0, len(run)
        while last - first > 1 and far(run[last - 1], run[last - 1][2] - run[last - 2][3],
                                       run[last - 1][0] == run[last - 2][1]):
            last -= 1
        while last - first > 1 and far(run[first], run[first + 1][2] - run[first][3],
                                       run[first][1] == run[first + 1][0]):
            first += 1
        return (run[first][2], run[last - 1][3]) if last - first < len(run) else None

    def _cut_by_moved_text(self, run: list[tuple[int, int, int, int, int]]) -> Span | None:
        """The place of the largest part of the run that old text moved in from elsewhere,
        longer than the passage, does not cut: a sentence moved in before the passage's
        last word cut that word away from it, as a move out of it would. None when no such
        text stands between its pieces."""
        source, new = self._source(), self.new
        size = run[-1][1] - run[0][0]
        parts = [[run[0]]]
        for before, after in pairwise(run):
            first = bisect.bisect_left(new.starts, before[3])
            last = bisect.bisect_left(new.starts, after[2])
            moved_in = sum(new.ends[k] - new.starts[k] for k in range(first, last) if source[k] != -1)
            if moved_in > size:
                parts.append([])
            parts[-1].append(after)
        if len(parts) < 2:
            return None
        part = max(parts, key=lambda pieces: sum(b - a for a, b, _, _, _ in pieces))
        return part[0][2], part[-1][3]

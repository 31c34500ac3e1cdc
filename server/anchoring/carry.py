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
it went; inside a sentence the alignment swapped with a near-twin (each carried onto the
other's very words), it is on the one copy of its own words. A passage deleted, or whose new
text differs from the quote the user highlighted more than a light edit does (over one save
or many: see `passage.rewritten`), is orphaned;
so is one whose place the edit leaves to a guess between copies (text moved where another
copy would fit as well, or away from its twin right beside it; an edge of the passage, or its
first or last sentence, standing again, or nearly, beside it as text the edit brought in; a
sentence of it carried onto a near-twin the old text held elsewhere, or between words of such
a twin, carried before and after it, away from its own neighbours; it, or its first or last
sentence, had a copy that is gone, and the new place holds that copy's context on one side,
or, edited there, keeps the passage's own neighbour on one side only; a sentence it begins or
ends inside carried around a copy of its words; it went by a move while the edit brought in a
copy of it, or nearly, or of its first or last sentence, elsewhere, or a paragraph where its own
paragraph stood, or it went, edited, into a paragraph mostly of text the edit brought in; it
shares a sentence with a copy of it from another paragraph; a copy of it the edit kept too
stands where the two read as well swapped; it ends or begins in a paragraph that a copy brought
in now stands beside), or whose edge, carried by a move, was changed on the way, or stands
inside a changed stretch where the words the edit put there may stand for more of it than a
light edit changes (or its edge word brought in again right beside it).
Moves are found in `moves.py`; the checks against copies are in `copies.py` (against copies
the edit kept too, in `twins.py`), those of its edges in `edges.py`.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .align import matching_blocks
from .copies import IN_ORDER
from .moves import MoveFinding
from .tokens import Tokens, slid, unique_in_both, without_coincidences
from .normalize import normalized_part
from .passage import (
    closest_part, edited_into, kept_visible_marks, longest_ordered_run, occurrences_between, rewritten, same_copy,
    with_invisible_edges,
)
from .selector import Selector
from .tuning import SPLIT_SHARE, UNCERTAIN_SHARE

Span = tuple[int, int]


@dataclass(frozen=True)
class Carried:
    """A highlight's place in the new text (original offsets), and how far the text there
    is from the quote the user highlighted (0..1, 1: the same after normalization)."""

    span: Span
    similarity: float
    whole: bool  # every surviving part of the passage is in it, in order


class Edit(MoveFinding):
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
        self._uncertain = 0
        self._near: dict[tuple[int, int, int, int], dict[int, int]] = {}  # per changed stretch
        self._moved_in = [False] * len(b)
        self._contested = [False] * len(a)  # old text the edit could as well have put elsewhere
        self._find_moves(a, b, blocks)
        self._contest_changed_copies(a, blocks)
        self._replaced = self._replaced_stretches(blocks, len(a), len(b))

    def _replaced_stretches(self, blocks: list[tuple[int, int, int]], n_old: int,
                            n_new: int) -> list[tuple[int, int, int, int]]:
        """Stretches changed in place: (old first token, old end, new first token, new end)
        between two runs of text kept in order (where the old side held text that moved away,
        the tokens on one side of it, `_beside_moved_away`), or inside moved text, or at its
        edges, word for word (`_replaced_at_move_edges`). Text moved in beside the new side (a
        paragraph moved in before a sentence whose first words were changed) is not part of
        it; moved in between its tokens, it leaves no stretch."""
        found = []
        old_end = new_end = 0
        moved_in = self._moved_in
        for i, j, n in blocks + [(n_old, n_new, 0)]:
            first, last = new_end, j
            while first < last and moved_in[first]:
                first += 1
            while last > first and moved_in[last - 1]:
                last -= 1
            if i > old_end and last > first and not any(moved_in[first:last]):
                stretch = self._beside_moved_away(old_end, i)
                if stretch is not None:
                    found.append((*stretch, first, last))
            old_end, new_end = i + n, j + n
        found += self._replaced_in_moves()
        return sorted(found + self._replaced_at_move_edges(found))

    def _beside_moved_away(self, first: int, last: int) -> Span | None:
        """The old tokens of the gap [first, last) between two runs kept in order that the edit
        did not keep: all of them, or, where text in the gap moved away, those on one side of
        it only (a heading's last word edited, the paragraph after it moved elsewhere: the
        word stands changed in place). None where none or both sides lost tokens."""
        went = [k for k in range(first, last) if self.target[k] != -1]
        if not went:
            return first, last
        before, after = (first, went[0]), (went[-1] + 1, last)
        if (before[1] > before[0]) == (after[1] > after[0]):
            return None
        return before if before[1] > before[0] else after

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
        swapped = self._place_on_swapped_twin(low, high)
        if swapped is not None:
            return self._carried_onto(selector, *swapped)
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
                      or self._copy_brought_in(low, high) or self._moved_from_a_refilled_place(low, high)
                      or self._moved_into_new_text(low, high)):
            return None  # repeated text deleted here and inserted there reads as a move
        if self._beside_a_copy_from_elsewhere(low, high, new_low, new_high):
            return None  # it, or a copy of it, moved beside the other: either may be the one that moved
        if self._copy_kept_in_its_place(low, high, new_low, new_high):
            return None  # a copy of it kept too, and their places read as well the other way round
        if self._sentence_fits_lost_text(run, low, high) or self._edge_sentence_reads_as_another(low, high):
            return None  # a sentence of it edited into a near-copy of another the old text held
        if self._edge_sentence_split_by_a_copy(low, high):
            return None  # its edge sentence stands around a copy of its words: which are its own is a guess
        if self._copy_fits_better(selector, new_low, new_high):
            return None  # the new text holds it again where its context fits better
        return Carried((start, end), similarity, len(run) == len(pieces))

    def _carried_onto(self, selector: Selector, new_low: int, new_high: int) -> Carried | None:
        """The passage placed on the new text's normalized characters [new_low, new_high),
        as long as the text there is still the passage, lightly edited at most."""
        quote = normalized_part(selector.first_quote)
        start, end = self._original_span(new_low, new_high, selector.exact)
        found = normalized_part(self.new.doc.source[start:end])
        if rewritten(quote, found) or not kept_visible_marks(selector.exact, self.new.doc.source[start:end]):
            return None
        return Carried((start, end), Levenshtein.normalized_similarity(quote, found) if quote or found else 1.0, True)

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
        between two of its pieces, where that text ends (begins) with, token for token, the
        part of the passage right before (after) it: the edit reads as well as putting it that
        many tokens earlier (later), as a diff may slide it, and so outside the passage ("every
        morning." inserted again after "every morning."; a list item put in after the bullet
        that ends a passage). Text moved in is not read so: a sentence moved in, ending as the
        passage's part before it does, may be its near-twin swapped with it, and which of the
        two holds the passage's words then is a guess. None when no such text stands inside it."""
        old, new, source = self.old, self.new, self._source()
        begin = bisect.bisect_right(new.starts, new_low) - 1  # the token it begins in
        end = bisect.bisect_left(new.ends, new_high)  # the token it ends in
        for (_, _, _, gap_low, _), (resumed, _, gap_high, _, _) in pairwise(run):
            first, last = bisect.bisect_left(new.starts, gap_low), bisect.bisect_left(new.starts, gap_high)
            size = last - first
            head, tail = first - begin, end + 1 - last  # its tokens before, after that text
            if not size or any(source[k] != -1 for k in range(first, last)):
                continue
            # Slid, the passage's two parts meet across the break on the other side of that text,
            # which must be the break they had ("Paris.\n\n" read as "Paris. " is another text).
            had = _break(old.spacing(bisect.bisect_left(old.starts, resumed)))
            if 0 < head <= size and new.words[begin:first] == new.words[last - head : last] \
                    and _break(new.spacing(last)) == had:
                return new.starts[begin + size] + new_low - new.starts[begin], new_high  # read one slide later
            if 0 < tail <= size and new.words[last : end + 1] == new.words[first : first + tail] \
                    and _break(new.spacing(first)) == had:
                return new_low, new.ends[end - size] - (new.ends[end] - new_high)  # read one slide earlier
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
                else:  # its share of that text by tokens: "HP" of "a duvet, HP" made "often very very"
                    mine = sum(1 for t in range(i1, i2) if a <= old.starts[t] and old.ends[t] <= b)
                    self._uncertain += max(b - a, (b - a) * (new_b - new_a) // (old_b - old_a),
                                           mine * (new_b - new_a) // (i2 - i1))
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


def _break(spacing: str) -> tuple[int, bool]:
    """The break that the text between two tokens makes: its line breaks (two or more
    alike), and whether it is spaced at all."""
    return min(2, spacing.count("\n")), any(character.isspace() for character in spacing)

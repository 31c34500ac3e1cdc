"""The checks of a carried passage against copies of it that stand in the new text as
in the old (`carry.py`): the edit moved one copy, or swapped two near-twins, and word for
word the alignment may have taken one copy for the other. What stands around each copy
tells them apart; where it cannot, the passage is orphaned.
"""

from __future__ import annotations

import bisect

from rapidfuzz.distance import Levenshtein

from .context import occurrences
from .copies import IN_ORDER, CopyChecks, stretch_around
from .tokens import PARAGRAPH, SENTENCE_END, Tokens
from .tuning import COMMON_COPIES, MOVE_MIN_TOKENS, MOVE_RUN

Span = tuple[int, int]


class TwinChecks(CopyChecks):
    """The checks against copies that the edit kept."""

    def _place_on_swapped_twin(self, low: int, high: int) -> Span | None:
        """Where the passage [low, high), inside one sentence of MOVE_MIN_TOKENS tokens or
        more, stands when the alignment swapped that sentence with a near-twin as long (each
        carried onto the other's place) and the swap takes less editing than the alignment's
        reading: word for word, one moved past the other takes no edit; with a letter of each
        changed on the way, the sentence is still nearer the twin's place. The passage is then
        on the copy nearer its own words (the new normalized span), each of the four the one
        copy of its words in its text. None when the edit is no such swap."""
        old, new = self.old, self.new
        first, last = bisect.bisect_right(old.ends, low), bisect.bisect_left(old.starts, high)
        cuts = self._sentence_cuts()
        at = bisect.bisect_right(cuts, first) - 1
        a, b = cuts[at], cuts[at + 1]
        if first >= last or last > b or b - a < MOVE_MIN_TOKENS:
            return None
        own, place = old.words[a:b], self._carried_place(a, b)
        if place is None or new.words[place : place + b - a] == own:
            return None
        here = new.words[place : place + b - a]
        for i, j, _ in self._sentences_like(here):
            other, there = old.words[i:j], self._carried_place(i, j)
            if i == a or there is None or j - i != b - a or abs(there - place) < b - a \
                    or not all(new.boundary(k) >= SENTENCE_END for k in (place, place + b - a, there, there + b - a)):
                continue  # as long, and each carried onto a whole sentence
            yonder = new.words[there : there + b - a]
            if _edit_cost(own, yonder) + _edit_cost(other, here) >= _edit_cost(own, here) + _edit_cost(other, yonder):
                continue  # the alignment's reading is no dearer than the swap
            if all(len(_runs_of(words, old.words)) == 1 for words in (own, other)) \
                    and all(len(_runs_of(words, new.words)) == 1 for words in (here, yonder)):
                return (new.starts[there + first - a] + max(0, low - old.starts[first]),
                        new.ends[there + last - 1 - a] - max(0, old.ends[last - 1] - high))
        return None

    def _beside_a_copy_from_elsewhere(self, low: int, high: int, new_low: int, new_high: int) -> bool:
        """Whether the passage [low, high), of MOVE_RUN tokens or more, carried to [new_low,
        new_high), now shares a sentence with where a copy of it went that the old text held
        in another paragraph (a sentence moved beside its near-twin and merged with it, both
        holding the highlighted words): one of the two copies moved beside the other, and word
        for word either may be the one that moved. (Moved beside it as a sentence of its own,
        each copy keeps the sentence that tells it from the other.)"""
        old, new, target, text = self.old, self.new, self.target, self.old.doc.text
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        if last - first < MOVE_RUN:
            return False
        passage = text[low:high]
        copies = [at for at in occurrences(text, passage, limit=COMMON_COPIES) if at != low]
        if not copies:
            return False
        new_first, new_last = bisect.bisect_left(new.starts, new_low), bisect.bisect_left(new.starts, new_high)
        sentence = stretch_around(new, new_first, new_last, SENTENCE_END)
        own = stretch_around(old, first, last, PARAGRAPH)
        for at in copies:
            copy_first = bisect.bisect_left(old.starts, at)
            went = [k for k in target[copy_first : copy_first + last - first] if k != -1]
            if not own[0] <= copy_first < own[1] and went and sentence[0] <= min(went) and max(went) < sentence[1]:
                return True
        return False

    def _copy_kept_in_its_place(self, low: int, high: int, new_low: int, new_high: int) -> bool:
        """Whether the old text held the passage [low, high), carried to [new_low, new_high),
        elsewhere too, both copies stand in the new text, one of them went by a move, and
        their places read better, or as well, the other way round: each copy is told from the
        other only by what stands around it, first the sentences of its paragraph (a sentence
        moved inside its paragraph, its copy a paragraph of its own elsewhere), then the
        tokens beside it, then the breaks before and after it (a paragraph's copy moved right
        beside it, one of the two then edited: each keeps one of the passage's old
        neighbours). Each copy is taken with the whole sentences it shares with the passage
        around it; two copies that part inside a sentence are told apart by their own words.
        Where the places fit no better as the alignment has them, which copy is the passage is
        a guess."""
        old, new, text, group = self.old, self.new, self.old.doc.text, self.group
        first, last = bisect.bisect_left(old.starts, low), bisect.bisect_left(old.starts, high)
        new_first, new_last = bisect.bisect_left(new.starts, new_low), bisect.bisect_left(new.starts, new_high)
        for at in occurrences(text, text[low:high], limit=COMMON_COPIES) if first < last else []:
            copy = bisect.bisect_left(old.starts, at)
            if at == low or old.words[copy : copy + last - first] != old.words[first:last]:
                continue
            stretches = _shared_sentences(old, first, last, copy)
            if stretches is None:
                continue  # the copies part inside a sentence: their own words tell them apart
            (a, b), (c, d) = stretches
            own, other = self._image(a, b), self._image(c, d)
            if own is None or other is None or own[0] < other[1] and other[0] < own[1] \
                    or not own[0] <= new_first < new_last <= own[1] \
                    or all(group[k] == IN_ORDER for k in (*range(a, b), *range(c, d))):
                continue
            kept, swapped = (tuple(map(sum, zip(*fits, strict=True))) for fits in (
                (self._place_fit(a, b, own), self._place_fit(c, d, other)),
                (self._place_fit(a, b, other), self._place_fit(c, d, own))))
            if swapped[0] > kept[0] or swapped[0] == kept[0] and swapped[1] >= kept[1] \
                    and sum(swapped[1:]) >= sum(kept[1:]):
                return True
        return False

    def _image(self, first: int, last: int) -> Span | None:
        """The span of new tokens that the old tokens [first, last) went to, where most of
        them were kept, in order and close together; None otherwise."""
        went = [k for k in self.target[first:last] if k != -1]
        if len(went) * 2 <= last - first or went != sorted(went) or went[-1] - went[0] >= 2 * (last - first):
            return None
        return went[0], went[-1] + 1

    def _place_fit(self, first: int, last: int, place: Span) -> tuple[int, int, int]:
        """How well the new tokens `place` fit the old tokens [first, last): how many tokens
        of the paragraph around them came from the old tokens' paragraph (the sentences
        that stood with them); how many of the token that stood before them and the one after
        (or the text's edge) stand there; and how many of the boundaries before and after
        them (`Tokens.boundary`)."""
        old, new, source = self.old, self.new, self._source()
        start, end = place
        low, high = stretch_around(old, first, last, PARAGRAPH)
        new_low, new_high = stretch_around(new, start, end, PARAGRAPH)
        mates = sum(1 for j in (*range(new_low, start), *range(end, new_high))
                    if low <= source[j] < high and not first <= source[j] < last)
        before = start == 0 if first == 0 else start > 0 and source[start - 1] == first - 1
        after = end == len(new.words) if last == len(old.words) else end < len(new.words) and source[end] == last
        breaks = (new.boundary(start) == old.boundary(first)) + (new.boundary(end) == old.boundary(last))
        return mates, before + after, breaks


def _edit_cost(words: list[str], into: list[str]) -> int:
    """The characters an edit changes to make `words` into `into`."""
    return Levenshtein.distance(" ".join(words), " ".join(into))


def _runs_of(words: list[str], tokens: list[str]) -> list[int]:
    """Where the run `words` stands in `tokens`."""
    return [k for k in range(len(tokens) - len(words) + 1)
            if tokens[k] == words[0] and tokens[k : k + len(words)] == words]


def _shared_sentences(old: Tokens, first: int, last: int, copy: int) -> tuple[Span, Span] | None:
    """The tokens [first, last) and their copy at `copy`, each grown over the whole sentences
    the two share around them (without growing into each other); None where the shared
    tokens do not end at a sentence's edge on both sides of both (the copies part inside a
    sentence)."""
    words = old.words
    a, b, c, d = first, last, copy, copy + last - first
    while a > 0 and c > 0 and words[a - 1] == words[c - 1] and a - 1 != d - 1 and c - 1 != b - 1:
        a, c = a - 1, c - 1
    while b < len(words) and d < len(words) and words[b] == words[d] and b != c and d != a:
        b, d = b + 1, d + 1
    starts = [k for k in range(a, first + 1) if min(old.boundary(k), old.boundary(c + k - a)) >= SENTENCE_END]
    ends = [k for k in range(last, b + 1) if min(old.boundary(k), old.boundary(d + k - b)) >= SENTENCE_END]
    if not starts or not ends:
        return None
    return (starts[0], ends[-1]), (c + starts[0] - a, d + ends[-1] - b)

"""The edits publishers make, applied to a text that remembers where each character came
from (the truth `bench/anchoring.py` scores re-anchoring against)."""

from __future__ import annotations

import bisect
import random
import re
from itertools import pairwise
from dataclasses import dataclass, field

BOILERPLATE = [
    "Advertisement",
    "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning.",
    "This article is part of our continuing coverage. Follow us on social media for updates.",
    "Continue reading the main story",
    "Our journalism depends on readers like you. Subscribe today.",
]
FILLER_WORDS = ["also", "reportedly", "really", "still", "new", "recent", "major", "local", "very", "often"]
SPELLINGS = [("our", "or"), ("ise", "ize"), ("yse", "yze"), ("re ", "er "), ("ll", "l")]
LIST_ITEM_MAX = 100  # a block this short, among others like it, is a list item

WORD = re.compile(r"\S+")
SENTENCE = re.compile(r"[^\s].*?(?:[.!?][\"”’)]*(?=\s|$)|$)", re.S)
Span = tuple[int, int]


class TrackedText:
    """Characters of an edited text, each with its index in the original text (-1: new).

    Text inserted or moved right next to an identical run of text (a boilerplate paragraph
    before or after the same boilerplate, a word doubled), or deleted or moved away from right
    beside one, leaves the same text whichever of the two copies is called new (or gone):
    `alternative` holds the origins read the other way, and a passage's place under either
    reading is where it went."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.chars = list(text)
        self.origins = list(range(len(text)))
        self.alternative = list(range(len(text)))
        self._indexes: dict[bool, _OriginIndex] = {}

    def text(self) -> str:
        return "".join(self.chars)

    def replace(self, start: int, end: int, new: str, origins: list[int] | None = None) -> None:
        assert origins is None or len(origins) == len(new)
        # A character given the origin of a replaced one takes that one's other reading too.
        other = {o: alt for o, alt in zip(self.origins[start:end], self.alternative[start:end], strict=True) if o != -1}
        self.chars[start:end] = list(new)
        self.origins[start:end] = origins if origins is not None else [-1] * len(new)
        self.alternative[start:end] = [other.get(o, -1) for o in origins] if origins is not None else [-1] * len(new)

    def replace_keeping(self, start: int, end: int, new: str) -> None:
        """Replaces text[start:end], its characters taking the origins of those they replace
        in proportion (the k-th of n new characters the origin of the old one under its
        middle: " - " made "—" keeps the dash's, "our" made "or" the o's and the r's)."""
        old = self.origins[start:end] or [-1]
        self.replace(start, end, new, [old[(2 * k + 1) * len(old) // (2 * len(new))] for k in range(len(new))])

    def insert(self, at: int, new: str) -> None:
        self.replace(at, at, new)
        if not self._swap_beside_identical(at, len(new)) and not self._inserted_beside_source_twin(at, len(new)):
            self._slide(at, len(new))

    def delete(self, start: int, end: int) -> None:
        """Deleted right beside an identical run, or with only whitespace between (a paragraph
        cut before the same paragraph, its break left), either copy may be the one deleted:
        the survivor takes the deleted one's origins under the other reading. So it does where
        the two were identical in the original text and an earlier edit changed the survivor
        (one of two identical paragraphs given a typo, then the other cut): cutting either,
        and giving the one left the typo, makes the same text."""
        n, chars = end - start, self.chars
        before, after = self._past_whitespace(start, end)
        if n and chars[after : after + n] == chars[start:end]:
            self.alternative[after : after + n] = self.alternative[start:end]
        elif n and before >= n and chars[before - n : before] == chars[start:end]:
            self.alternative[before - n : before] = self.alternative[start:end]
        elif not self._survivor_of_source_twin(start, end):
            self._slide_deletion(start, end)
        self.replace(start, end, "")

    def _survivor_of_source_twin(self, start: int, end: int) -> bool:
        """Where text[start:end], about to be cut, is original text unchanged (but for the
        whitespace at its edges), and the text beside it past whitespace was identical to it
        in the original text: that survivor takes its origins under the other reading.
        Whether there was one."""
        start, end = self._core(start, end)
        origins = self.origins[start:end]
        if not origins or origins != list(range(origins[0], origins[0] + len(origins))):
            return False
        low, n = origins[0], len(origins)
        twin = self._source_twin_beside(start, end, self.source[low : low + n])
        if twin is None or twin[0] == low:
            return False
        for k in twin[1]:
            if twin[0] <= self.origins[k] < twin[0] + n:
                self.alternative[k] = self.origins[k] - twin[0] + low
        return True

    def _slide_deletion(self, start: int, end: int) -> None:
        """A run cut at [start, end) that begins as the text after it begins (a sentence
        starting "The " cut before another starting "The ") may as well have been cut that
        many characters later, and one that ends as the text before it ends that many
        earlier: no reader of the new text can tell which of the like characters are the ones
        left. As `_slide` reads an insertion, the slide over more visible characters (the
        earlier on a tie) is the other reading, in which the characters left take the origins
        of the ones cut."""
        left, right = self._deletion_slides(start, end)
        if right:
            self.alternative[end : end + right] = self.alternative[start : start + right]
        elif left:
            self.alternative[start - left : start] = self.alternative[end - left : end]

    def _deletion_slides(self, start: int, end: int) -> tuple[int, int]:
        """How far the cut of [start, end) may slide earlier (left) or later (right) and leave
        the same text, cutting no word where it did not ("say.\n\n" cut after "markets.\n\n"
        leaves the text that ".\n\nsay" would, but "s." is no part of "say"), of which only the
        one over more visible characters (left on a tie) is taken: the other is 0."""
        chars = self.chars
        end = min(end, len(chars))  # (a list item's break asked past the end of the text)
        n = end - start

        def parts_words(at: int) -> bool:
            return 0 < at < len(chars) and chars[at - 1].isalnum() and chars[at].isalnum()

        right = 0
        while right < n - 1 and end + right < len(chars) and chars[end + right] == chars[start + right]:
            right += 1
        while right and (parts_words(start + right) or parts_words(end + right)):
            right -= 1
        left = 0
        while left < n - 1 and left < start and chars[start - left - 1] == chars[end - left - 1]:
            left += 1
        while left and (parts_words(start - left) or parts_words(end - left)):
            left -= 1
        if right and _visible(chars[start : start + right]) > _visible(chars[end - left : end]):
            return 0, right
        return left, 0

    def _inserted_beside_source_twin(self, at: int, n: int) -> bool:
        """Where the text put at [at, at + n) is, but for whitespace at its edges, what the
        text beside it past whitespace was in the original text, before an earlier edit
        changed it (a paragraph edited, then the paragraph as it was put in beside it): the
        original kept and the edited one put in reads the same, so under the other reading
        the one put in has the original's origins and the edited one is new."""
        start, end = self._core(at, at + n)
        text = "".join(self.chars[start:end])
        twin = self._source_twin_beside(start, end, text) if text else None
        if twin is None:
            return False
        low = twin[0]
        for k in twin[1]:
            if low <= self.origins[k] < low + len(text):
                self.alternative[k] = -1
        self.alternative[start:end] = range(low, low + len(text))
        return True

    def _core(self, start: int, end: int) -> Span:
        """[start, end) without the whitespace at its edges."""
        while start < end and self.chars[start] in " \n":
            start += 1
        while end > start and self.chars[end - 1] in " \n":
            end -= 1
        return start, end

    def _past_whitespace(self, start: int, end: int) -> Span:
        """Where the whitespace right before [start, end) begins, and where the whitespace
        right after it ends."""
        before, after = start, end
        while before > 0 and self.chars[before - 1] in " \n":
            before -= 1
        while after < len(self.chars) and self.chars[after] in " \n":
            after += 1
        return before, after

    def _source_twin_beside(self, start: int, end: int, text: str) -> tuple[int, range] | None:
        """Where in the original text the run beside [start, end) (past whitespace, after it
        first) began, where that original run was `text`, and the positions it may stand at
        now; None where neither neighbour was."""
        chars, source, n = self.chars, self.source, len(text)
        before, after = self._past_whitespace(start, end)
        for near in (range(after, min(len(chars), after + n)), range(max(0, before - n), before)):
            kept = [self.origins[k] for k in near if self.origins[k] != -1]
            if not kept:
                continue
            twin = min(kept) if near.start == after else max(kept) + 1 - n
            if twin >= 0 and source[twin : twin + n] == text:
                return twin, near
        return None

    def move(self, start: int, end: int, to: int) -> None:
        end = min(end, len(self.chars))  # (a list item's break asked past the end of the text)
        n = end - start
        # An identical run right beside the text before it moves: the place that run will have.
        if n and self.chars[end : end + n] == self.chars[start:end]:
            partner: int | None = start
        elif n and start >= n and self.chars[start - n : start] == self.chars[start:end]:
            partner = start - n
        else:
            partner = None
        left, right = self._deletion_slides(start, end)
        chars, origins, alternative = self.chars[start:end], self.origins[start:end], self.alternative[start:end]
        del self.chars[start:end], self.origins[start:end], self.alternative[start:end]
        if to > start:
            to -= n
        if to >= start + right or to <= start - left:  # not put among the characters a slide passes
            left_behind = start + (n if to <= start - left else 0)  # where the text it left now begins
        else:
            left = right = 0
        self.chars[to:to] = chars
        self.origins[to:to] = origins
        self.alternative[to:to] = alternative
        if partner is not None and to <= partner:
            partner += n
        if n and (self.chars[to + n : to + 2 * n] == chars or to >= n and self.chars[to - n : to] == chars):
            # Moved right beside an identical run, it is as much an insertion there as `insert` is
            # (among copies of itself, the text may read as if nothing moved at all).
            self._swap_beside_identical(to, n)
        elif partner is not None:
            # Moved away from right beside an identical run, either copy may be the one that
            # moved (two "Advertisement" paragraphs in a row, one taken elsewhere): as with
            # `delete`, the two trade origins under the other reading.
            self._swap(slice(to, to + n), slice(partner, partner + n))
        elif not self._slide(to, n):
            # Where it went, nothing slides; where it left, as a deletion there may (a sentence
            # starting "The " taken from before another starting "The "): the characters left
            # and the block's like ones trade origins under the other reading.
            if right:
                self._swap(slice(to, to + right), slice(left_behind, left_behind + right))
            elif left:
                self._swap(slice(to + n - left, to + n), slice(left_behind - left, left_behind))

    def _slide(self, at: int, n: int) -> bool:
        """A block put at [at, at + n) that ends as the text before it ends (two sentences
        swapped that both end in "Aug. ") may as well have been put that many characters
        earlier, and one that begins as the text after it begins ("- " of a list item put
        before another) that many later: no reader of the new text can tell which of the like
        characters are new. Of the two, the slide over more visible characters (the earlier
        on a tie) is the other reading, in which the characters slid over trade origins with
        the block's own. Whether it may slide."""
        left = 0
        while left < n - 1 and left < at and self.chars[at - left - 1] == self.chars[at + n - left - 1]:
            left += 1
        right, chars = 0, self.chars
        while right < n - 1 and at + n + right < len(chars) and chars[at + n + right] == chars[at + right]:
            right += 1
        if right and _visible(chars[at : at + right]) > _visible(chars[at - left : at]):
            self._swap(slice(at, at + right), slice(at + n, at + n + right))
        elif left:
            self._swap(slice(at - left, at), slice(at + n - left, at + n))
        return bool(left or right)

    def _swap_beside_identical(self, at: int, n: int) -> bool:
        """A block put at [at, at + n) right before (else after) a run of copies of itself
        may as well be the last (first) of the run: under the other reading each copy of the
        run stands one copy earlier (later), and the block's place is the run's last (first).
        Whether there was such a run."""
        if n == 0:
            return False
        chars, new = self.chars, self.chars[at : at + n]
        after = 0
        while chars[at + (after + 1) * n : at + (after + 2) * n] == new:
            after += 1
        before = 0
        while at >= (before + 1) * n and chars[at - (before + 1) * n : at - before * n] == new:
            before += 1
        if not after and not before:
            return False
        step = n if after else -n
        for _ in range(after or before):  # the block trades places with each copy in turn
            self._swap(slice(at, at + n), slice(at + step, at + step + n))
            at += step
        return True

    def _swap(self, one: slice, other: slice) -> None:
        self.alternative[one], self.alternative[other] = self.alternative[other], self.alternative[one]

    def _index(self, alternative: bool) -> _OriginIndex:
        """The origins' index, made again only when the text was edited since."""
        origins = self.alternative if alternative else self.origins
        cached = self._indexes.get(alternative)
        if cached is None or cached.of != origins:
            cached = self._indexes[alternative] = _OriginIndex.of_origins(origins)
        return cached

    def span_of(self, start: int, end: int, alternative: bool = False) -> Span | None:
        """Where the original characters [start, end) are now (first to last survivor).

        A move can cut a passage and put a later part of it before an earlier one. Where
        its parts still stand together (two of its lines swapped), it is all of them;
        otherwise it is where most of it went, the most survivors that keep their order
        (a longest increasing subsequence of their origins), and of those, the part that
        no longer stretch of other old text cuts. Taking the longest unbroken run instead
        would let one word moved back inside a paragraph cut away all of the passage
        before it. A swap of two neighbouring letters, or an edited word whose
        characters share an origin, steps back by at most one: such steps do not count."""
        origins = self.alternative if alternative else self.origins
        index = self._index(alternative)
        low, high = bisect.bisect_left(index.origins, start), bisect.bisect_left(index.origins, end)
        positions = sorted(index.positions[low:high])
        if not positions:
            return None
        # Its parts changed places but still stand together, with nothing of the old text
        # between them but their own and whitespace: the passage is all of them.
        together = all(origin == -1 or start <= origin < end or self.source[origin].isspace()
                       for origin in origins[positions[0] : positions[-1] + 1])
        kept = positions if together else _most_in_order(
            positions, origins, [self.chars[p] == self.source[origins[p]] for p in positions])
        # A passage that began (ended) with a visible character is where its visible characters
        # went: whitespace of it left behind by the deletion of the words beside it is not.
        visible = [p for p in kept if not self.chars[p].isspace()]
        if not visible and not any(not self.chars[p].isspace() for p in positions):
            return None  # nothing of it left to see
        if visible and not self.source[start].isspace():
            kept = kept[kept.index(visible[0]) :]
        if visible and not self.source[end - 1].isspace():
            kept = kept[: kept.index(visible[-1]) + 1]
        # Text not of it longer than the passage itself between two of its parts (old text from
        # elsewhere, or text put in): the passage was cut by a move or by what was put in, not
        # given a block moved or put into it.
        def outside(before: int) -> int:  # characters not of the passage before position `before`
            return before - bisect.bisect_left(positions, before)

        parts = [[kept[0]]]
        for previous, position in pairwise(kept):
            if outside(position) - outside(previous + 1) > end - start:
                parts.append([])
            parts[-1].append(position)
        part = max(parts, key=len)
        # Of that part too, whitespace of it at an edge that began (ended) with a visible one.
        if not self.source[start].isspace():
            part = part[next((k for k, p in enumerate(part) if not self.chars[p].isspace()), 0) :]
        if not self.source[end - 1].isspace():
            part = part[: len(part) - next((k for k, p in enumerate(reversed(part)) if not self.chars[p].isspace()), 0)]
        first, last = part[0], part[-1]
        # A letter swapped with the edge letter is part of the passage as much as it (but not
        # whitespace that took the edge character's origin, as " - " made of "—" has, where the
        # passage did not begin or end with whitespace).
        at = bisect.bisect_left(positions, first)
        while at > 0 and origins[positions[at - 1]] <= origins[positions[at]] + 1 and positions[at - 1] == first - 1 \
                and (self.source[start].isspace() or not self.chars[first - 1].isspace()):
            at, first = at - 1, first - 1
        at = bisect.bisect_left(positions, last)
        while at + 1 < len(positions) and origins[positions[at + 1]] >= origins[positions[at]] - 1 \
                and positions[at + 1] == last + 1 \
                and (self.source[end - 1].isspace() or not self.chars[last + 1].isspace()):
            at, last = at + 1, last + 1
        return first, last + 1


@dataclass
class _OriginIndex:
    """Where each original character stands now, sorted by origin: what finding one
    passage's characters needs, made once for all the passages of one edited text."""

    of: list[int]  # a copy of the origins indexed
    origins: list[int]  # the origins other than -1, ascending
    positions: list[int]  # the position of each, in that order

    @classmethod
    def of_origins(cls, origins: list[int]) -> _OriginIndex:
        ranked = sorted((origin, position) for position, origin in enumerate(origins) if origin != -1)
        return cls(list(origins), [origin for origin, _ in ranked], [position for _, position in ranked])


def _visible(chars: list[str]) -> int:
    return sum(not c.isspace() for c in chars)


def _most_in_order(positions: list[int], origins: list[int], kept: list[bool]) -> list[int]:
    """The subsequence of `positions` whose origins do not decrease that holds the most
    characters still as they were (`kept`, per position), then the most characters: the
    letters of a word replaced in place carry its origins, but they are not its text, and a
    sentence rewritten and moved away does not outweigh the words of the passage that
    stayed. Dynamic programming over the origins' ranks, with a Fenwick tree of the best
    subsequence ending at or below each rank."""
    ranks = {origin: r for r, origin in enumerate(sorted({origins[p] for p in positions}), start=1)}
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (len(ranks) + 1)  # (kept, length, index)
    back = [-1] * len(positions)
    best: tuple[int, int, int] = (0, 0, -1)
    for k, position in enumerate(positions):
        rank = ranks[origins[position]]
        before, r = (0, 0, -1), rank
        while r:
            before, r = max(before, tree[r]), r - (r & -r)
        mine = (before[0] + kept[k], before[1] + 1, k)
        back[k] = before[2]
        best = max(best, mine)
        r = rank
        while r <= len(ranks):
            tree[r], r = max(tree[r], mine), r + (r & -r)
    out = []
    k = best[2]
    while k != -1:
        out.append(positions[k])
        k = back[k]
    return out[::-1]


def paragraphs(text: str) -> list[Span]:
    spans, at = [], 0
    for block in text.split("\n\n"):
        spans.append((at, at + len(block)))
        at += len(block) + 2
    return [s for s in spans if s[1] > s[0]]


def sentences(text: str) -> list[Span]:
    return [m.span() for start, end in paragraphs(text) for m in SENTENCE.finditer(text, start, end)]


def words(text: str) -> list[Span]:
    return [m.span() for m in WORD.finditer(text)]


def words_of(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", text)


@dataclass
class Editing:
    """What an edit needs besides the text: randomness, the place to focus on (a character
    inside a highlight, or None), texts to borrow from, and the sentences of the old version
    that have a near-copy elsewhere in it (with that copy)."""

    rng: random.Random
    focus: int | None
    donors: list[str]
    twins: list[tuple[str, str]] = field(default_factory=list)

    def near(self, spans: list[Span]) -> Span:
        """A random span, or (when focusing) one of those around the focus."""
        focus = self.focus
        if focus is None or self.rng.random() < 0.3:
            return self.rng.choice(spans)
        nearest = min(range(len(spans)), key=lambda k: abs(spans[k][0] - focus))
        return spans[max(0, min(len(spans) - 1, nearest + self.rng.randint(-1, 1)))]


# --- Light edits ---------------------------------------------------------------------------


def typo_fix(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    candidates = [w for w in words(text) if w[1] - w[0] >= 4]
    if not candidates:
        return
    start, end = e.near(candidates)
    at = e.rng.randrange(start + 1, end - 1)
    kind = e.rng.choice(["swap", "drop", "double", "change"])
    if kind == "swap":
        doc.replace(at, at + 2, text[at + 1] + text[at], [doc.origins[at + 1], doc.origins[at]])
    elif kind == "drop":
        doc.delete(at, at + 1)
    elif kind == "double":
        doc.insert(at, text[at])
    else:
        doc.replace(at, at + 1, e.rng.choice("aeiourstln"), [doc.origins[at]])


def spelling_corrected(doc: TrackedText, e: Editing) -> None:
    """A spelling variant (colour -> color, organise -> organize), else a letter changed."""
    text = doc.text()
    start, end = e.near(words(text))
    word = text[start:end] + " "
    for old, new in SPELLINGS:
        at = word.find(old, 1)
        if at != -1 and start + at + len(old) <= end + 1:
            doc.replace_keeping(start + at, min(end, start + at + len(old)),
                                new.rstrip(" ") if old.endswith(" ") else new)
            return
    typo_fix(doc, e)


def word_replaced(doc: TrackedText, e: Editing) -> None:
    start, end = e.near(words(doc.text()))
    doc.replace_keeping(start, end, e.rng.choice(words_of(e.rng.choice(e.donors)) or ["word"]))


def word_inserted(doc: TrackedText, e: Editing) -> None:
    start, _ = e.near(words(doc.text()))
    doc.insert(start, e.rng.choice(FILLER_WORDS) + " ")


def word_removed(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    start, end = e.near(words(text))
    doc.delete(start, end + 1 if end < len(text) and text[end] == " " else end)


def link_text_changed(doc: TrackedText, e: Editing) -> None:
    """Two to four words (a link's text) replaced by two to four others."""
    spans = words(doc.text())
    first = spans.index(e.near(spans))
    last = min(len(spans) - 1, first + e.rng.randint(1, 3))
    donor = words_of(e.rng.choice(e.donors)) or ["more", "here"]
    at = e.rng.randrange(max(1, len(donor) - 3))
    doc.replace_keeping(spans[first][0], spans[last][1], " ".join(donor[at : at + e.rng.randint(2, 4)]))


def whitespace_changed(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    start, end = e.near(words(text))
    if end < len(text) and text[end] == " ":
        new = e.rng.choice(["\u00a0", "  ", "\n", " \u200b"])
        doc.replace(end, end + 1, new, [doc.origins[end]] * len(new))
    elif end - start > 6:
        doc.insert(start + 3, "\u00ad")  # a soft hyphen inside a long word


PUNCTUATION_SWAPS = [("'", "’"), ("’", "'"), ('"', "“"), ("“", '"'), ("”", '"'), ("—", " - "), (" - ", "—"),
                     ("...", "…"), (",", "")]


def punctuation_changed(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    window_start = max(0, (e.focus or e.rng.randrange(len(text))) - 300)
    for old, new in e.rng.sample(PUNCTUATION_SWAPS, len(PUNCTUATION_SWAPS)):
        at = text.find(old, window_start)
        if at != -1:
            doc.replace_keeping(at, at + len(old), new)
            return


def quotes_made_curly(doc: TrackedText, e: Editing) -> None:
    """Every straight quote of a paragraph made curly."""
    text = doc.text()
    start, end = e.near(paragraphs(text))
    opening = True
    for at in range(start, end):
        if text[at] == "'":
            doc.replace_keeping(at, at + 1, "’")
        elif text[at] == '"':
            doc.replace_keeping(at, at + 1, "“" if opening else "”")
            opening = not opening


def sentence_split(doc: TrackedText, e: Editing) -> None:
    """", and x" -> ". And x" (or "; " -> ". "): one sentence made two."""
    text = doc.text()
    start, end = e.near(sentences(text))
    found = re.search(r", (and|but|so|which|while) |; ", text[start:end])
    if found is None:
        return
    at = start + found.start()
    if found.group() == "; ":
        doc.replace_keeping(at, at + 1, ".")
        if at + 2 < len(text):
            doc.replace_keeping(at + 2, at + 3, text[at + 2].upper())
    else:
        doc.replace_keeping(at, at + 3, ". " + text[at + 2].upper())


def sentences_merged(doc: TrackedText, e: Editing) -> None:
    """". The x" -> ", the x" (or "; the x"): two sentences made one."""
    text = doc.text()
    start, end = e.near(sentences(text))
    if end + 2 >= len(text) or text[end] != " " or not text[end + 1].isupper() or text[end - 1] != ".":
        return
    doc.replace_keeping(end - 1, end, e.rng.choice([",", ";"]))
    doc.replace_keeping(end + 1, end + 2, text[end + 1].lower())


# --- Moves ----------------------------------------------------------------------------------


def sentences_reordered(doc: TrackedText, e: Editing) -> None:
    """Two neighbouring sentences of a paragraph swapped."""
    text = doc.text()
    start, end = e.near(paragraphs(text))
    inside = [m.span() for m in SENTENCE.finditer(text, start, end)]
    if len(inside) < 2:
        return
    k = e.rng.randrange(len(inside) - 1)
    (a0, a1), (b0, b1) = inside[k], inside[k + 1]
    if b1 < len(text) and text[b1] == " ":
        doc.move(b0, b1 + 1, a0)  # "A. B. C" -> "B. A. C"
    else:  # B ends the paragraph: "A. B" -> "B A." then the space put back between them
        doc.move(b0, b1, a0)
        doc.delete(a0 + (b1 - b0) + (a1 - a0), a0 + (b1 - b0) + (a1 - a0) + (b0 - a1))
        doc.insert(a0 + (b1 - b0), " ")


def list_runs(text: str) -> list[list[Span]]:
    """Runs of three or more short blocks: list items."""
    runs: list[list[Span]] = [[]]
    for block in paragraphs(text):
        if block[1] - block[0] <= LIST_ITEM_MAX:
            runs[-1].append(block)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) >= 3]


def list_items_reordered(doc: TrackedText, e: Editing) -> None:
    runs = list_runs(doc.text())
    if not runs:
        return
    run = e.rng.choice(runs)
    k = e.rng.randrange(len(run) - 1)
    doc.move(run[k + 1][0], run[k + 1][1] + 2, run[k][0])


def list_made_paragraph(doc: TrackedText, e: Editing) -> None:
    """A list's items joined into one paragraph."""
    runs = list_runs(doc.text())
    if not runs:
        return
    run = e.rng.choice(runs)
    joint = e.rng.choice(["; ", ", ", " "])
    for (_, end), _ in reversed(list(pairwise(run))):
        doc.replace(end, end + 2, joint)


def paragraph_moved(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    blocks = paragraphs(text)
    if len(blocks) < 3:
        return
    start, end = e.near(blocks)
    if end + 2 > len(text):
        return
    destination = e.rng.choice([b for b in blocks if b[0] not in (start, end + 2)])[0]
    doc.move(start, end + 2, destination)


def moved_beside_its_twin(doc: TrackedText, e: Editing) -> None:
    """A sentence moved right before its near-copy (a twin one word apart)."""
    text = doc.text()
    for original, twin in e.rng.sample(e.twins, len(e.twins)):
        at, there = text.find(original + " "), text.find("\n\n" + twin)
        if at != -1 and there != -1:
            doc.move(at, at + len(original) + 1, there + 2)
            return


# --- Heavier edits and deletions ------------------------------------------------------------


def sentence_inserted(doc: TrackedText, e: Editing) -> None:
    start, _ = e.near(sentences(doc.text()))
    donor = e.rng.choice(e.donors)
    doc.insert(start, donor[slice(*e.rng.choice(sentences(donor)))] + " ")


def sentence_removed(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    start, end = e.near(sentences(text))
    doc.delete(start, end + 1 if end < len(text) and text[end] == " " else end)


def sentence_rewritten(doc: TrackedText, e: Editing) -> None:
    """About half of a sentence's words replaced."""
    text = doc.text()
    start, end = e.near(sentences(text))
    for word_start, word_end in reversed(words(text[start:end])):
        if e.rng.random() < 0.5:
            doc.replace_keeping(start + word_start, start + word_end, e.rng.choice(FILLER_WORDS))


def paragraph_inserted(doc: TrackedText, e: Editing) -> None:
    start, _ = e.near(paragraphs(doc.text()))
    donor = e.rng.choice(e.donors)
    doc.insert(start, donor[slice(*e.rng.choice(paragraphs(donor)))] + "\n\n")


def paragraph_removed(doc: TrackedText, e: Editing) -> None:
    text = doc.text()
    start, end = e.near(paragraphs(text))
    doc.delete(start, min(len(text), end + 2))


def boilerplate_inserted(doc: TrackedText, e: Editing) -> None:
    start, _ = e.near(paragraphs(doc.text()))
    doc.insert(start, e.rng.choice(BOILERPLATE) + "\n\n")


def deleted_beside_near_copy(doc: TrackedText, e: Editing) -> None:
    """A sentence deleted whose near-copy (one word changed, other context) stays."""
    text = doc.text()
    for original, _ in e.rng.sample(e.twins, len(e.twins)):
        at = text.find(original)
        if at != -1:
            doc.delete(at, at + len(original) + (1 if text[at + len(original) : at + len(original) + 1] == " " else 0))
            return


LIGHT = [
    (typo_fix, 4), (spelling_corrected, 2), (word_replaced, 3), (word_inserted, 3), (word_removed, 3),
    (link_text_changed, 1), (whitespace_changed, 3), (punctuation_changed, 3), (quotes_made_curly, 1),
    (sentence_split, 2), (sentences_merged, 2),
]
MOVES = [(sentences_reordered, 2), (list_items_reordered, 1), (list_made_paragraph, 1), (paragraph_moved, 1),
         (moved_beside_its_twin, 1)]
HEAVY = [
    (sentence_inserted, 3), (sentence_removed, 3), (sentence_rewritten, 1), (paragraph_inserted, 2),
    (paragraph_removed, 2), (boilerplate_inserted, 2), (deleted_beside_near_copy, 2),
]
EDITS = LIGHT + MOVES + HEAVY


def random_edit(doc: TrackedText, e: Editing, kinds: list = EDITS) -> None:
    edit = e.rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
    edit(doc, e)


# --- The old version ------------------------------------------------------------------------


def old_version(text: str, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """The article with boilerplate paragraphs, pull quotes (a sentence repeated as a paragraph
    of its own), a list, and near-copies of sentences (one word changed, as a paragraph of
    their own elsewhere). Answers the text and the (sentence, near-copy) pairs."""
    blocks = text.split("\n\n")
    for _ in range(rng.randint(1, 3)):
        blocks.insert(rng.randrange(1, len(blocks) + 1), rng.choice(BOILERPLATE))
    source = "\n\n".join(blocks)
    prose = [source[a:b] for a, b in sentences(source) if 60 <= b - a <= 250 and "\n" not in source[a:b]]
    for _ in range(rng.randint(0, 2) if prose else 0):
        blocks.insert(rng.randrange(1, len(blocks) + 1), rng.choice(["{}", "“{}”"]).format(rng.choice(prose)))
    if len(prose) >= 4:
        chosen = rng.sample(prose, rng.randint(3, min(5, len(prose))))
        items = [" ".join(s.split()[: rng.randint(3, 8)]).rstrip(".,;") for s in chosen]
        blocks[rng.randrange(1, len(blocks) + 1) : 0] = items
    twins = []
    for original in rng.sample(prose, min(len(prose), 2)):
        spans = words(original)
        if len(spans) < 6 or source.count(original) != 1:
            continue
        a, b = spans[rng.randrange(1, len(spans) - 1)]
        twin = original[:a] + rng.choice(FILLER_WORDS) + original[b:]
        blocks.insert(rng.randrange(1, len(blocks) + 1), twin)
        twins.append((original, twin))
    return "\n\n".join(blocks), twins


def random_highlight(text: str, rng: random.Random, max_words: int) -> Span:
    """A few words to a few sentences, on word boundaries."""
    if rng.random() < 0.4:
        spans = sentences(text)
        first = rng.randrange(len(spans))
        last = min(len(spans) - 1, first + rng.choice([0, 0, 0, 1, 1, 2]))
        return spans[first][0], spans[last][1]
    spans = words(text)
    first = rng.randrange(len(spans))
    count = min(len(spans) - first, max_words, int(rng.paretovariate(1.2) * 3))
    return spans[first][0], spans[first + count - 1][1]

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from server.anchoring import CONTEXT, anchor, anchor_many, describe, locate, normalize
from server.anchoring.normalize import REPLACED, normalized_part
from server.anchoring.search import myers

# Words from a small vocabulary repeat often, so repeated passages are common.
WORDS = st.sampled_from(["the", "cat", "sat", "on", "mat", "a", "dog", "ran", "and", "it", "“so”", "well—no", "end…"])
SEPARATORS = st.sampled_from([" ", " ", " ", "\n\n", ", ", ". ", "\u00a0", " \u00ad"])


@st.composite
def texts(draw, min_words=1, max_words=60):
    words = draw(st.lists(WORDS, min_size=min_words, max_size=max_words))
    separators = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, separators, strict=True))


@st.composite
def texts_with_span(draw):
    text = draw(texts())
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 80)))
    return text, start, end


def stable_edges(text: str, start: int, end: int) -> bool:
    """Whether normalization leaves the span's first and last characters in place (no
    whitespace, deleted or expanded character at its edges)."""
    normalized, index_map = normalize(text[start:end])
    return (
        bool(normalized)
        and normalized == normalized.strip(" ")
        and index_map[0] == 0
        and index_map[-1] == end - start - 1
        and text[end - 1] not in REPLACED
    )


@given(texts_with_span())
def test_a_described_passage_anchors_on_itself(case):
    text, start, end = case
    assume(text[start:end].strip())
    assert anchor(text, describe(text, start, end)) == (start, end)


@given(texts_with_span())
def test_locate_with_the_exact_quote_and_offsets_finds_the_same_span(case):
    text, start, end = case
    selector = describe(text, start, end)
    assert locate(text, selector.exact, selector.prefix, selector.suffix, start, end) == (start, end)


@given(texts_with_span())
def test_locate_without_offsets_finds_the_quote_where_the_context_fits_as_well(case):
    text, start, end = case
    assume(stable_edges(text, start, end))
    selector = describe(text, start, end)
    found = locate(text, selector.exact, selector.prefix, selector.suffix)
    assert found is not None
    found_selector = describe(text, *found)
    same = normalize(selector.exact)[0]
    assert normalize(found_selector.exact)[0] == same
    if found != (start, end):  # a repeat is only chosen when its context is as good
        assert normalize(found_selector.prefix)[0].endswith(normalize(selector.prefix)[0].strip(" ")[-8:])
        assert normalize(found_selector.suffix)[0].startswith(normalize(selector.suffix)[0].strip(" ")[:8])


@given(texts(min_words=40, max_words=80), st.data())
def test_a_passage_with_unique_context_follows_text_inserted_before_it(text, data):
    start = data.draw(st.integers(CONTEXT_MARGIN, len(text) - CONTEXT_MARGIN - 1))
    end = data.draw(st.integers(start + 1, min(len(text) - CONTEXT_MARGIN, start + 60)))
    assume(stable_edges(text, start, end))
    selector = describe(text, start, end)
    assume(context_sets_it_apart(text, selector))
    inserted = data.draw(st.sampled_from(["Update: ", "New paragraph here.\n\n", "x"]))
    moved = inserted + text
    assert anchor(moved, selector) == (start + len(inserted), end + len(inserted))


CONTEXT_MARGIN = CONTEXT + 1
# Copies whose context differs from the passage's by fewer characters than this resemble it
# within the rival margin: anchoring orphans the passage rather than guess between them.
DISTINCT_CONTEXT = 8


def context_sets_it_apart(text: str, selector) -> bool:
    """Whether every other occurrence of the quote has a context that differs clearly, also
    when it is compared a few characters aside (in "cat cat cat sat" the "t" of the last
    "cat" has, shifted by a word, about the context of the "t" of "sat")."""
    doc = normalize(text)[0]
    quote = normalize(selector.exact)[0]
    whole = normalize(selector.prefix + selector.exact + selector.suffix)[0]
    before = len(normalize(selector.prefix)[0])
    own = normalize(text[: selector.start])[0]
    at = doc.find(quote)
    while at != -1:
        if at != len(own):
            window = doc[max(0, at - before - DISTINCT_CONTEXT) : at - before + len(whole) + DISTINCT_CONTEXT]
            if window and min(myers(whole, window, free_start=True)) < DISTINCT_CONTEXT:
                return False
        at = doc.find(quote, at + 1)
    return True


@given(st.lists(texts_with_span(), min_size=1, max_size=1), st.data())
def test_anchor_many_places_every_passage_of_an_unchanged_text(cases, data):
    text = cases[0][0]
    spans = []
    for _ in range(data.draw(st.integers(1, 8))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, min(len(text), start + 40)))
        if text[start:end].strip():
            spans.append((start, end))
    selectors = [describe(text, s, e) for s, e in spans]
    assert anchor_many(text, selectors) == spans
    assert anchor_many(text, selectors, text) == spans  # saved again unchanged


# --- Carried through the edit ------------------------------------------------------------

# A larger vocabulary: the edit can only tell where words went when some of them are rare.
PROSE_WORDS = st.one_of(WORDS, st.sampled_from([
    "river", "bridge", "council", "budget", "repairs", "winter", "market", "school", "vote", "plan",
    "mayor", "road", "spring", "harbour", "train", "museum", "garden", "tax", "park", "library",
]))


@st.composite
def prose(draw, min_words=1, max_words=60):
    words = draw(st.lists(PROSE_WORDS, min_size=min_words, max_size=max_words))
    separators = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, separators, strict=True))


EDGE_INSERTS = st.sampled_from(["Update: ", "New paragraph here.\n\n", "x ", "“A” — quoted. "])


@st.composite
def pieces(draw, min_words=0, max_words=30):
    """Words each with the separator after it."""
    words = draw(st.lists(PROSE_WORDS, min_size=min_words, max_size=max_words))
    return [w + draw(SEPARATORS) for w in words]


@given(pieces(), pieces(1, 12), pieces(), st.data())
def test_a_passage_carried_through_text_inserted_and_deleted_around_it_shifts_with_it(left, passage, right, data):
    # A word found nowhere else in the passage: the edit can tell where it went.
    passage_text = "".join(passage[:1] + ["Zanzibar "] + passage[1:]).rstrip(" \n\u00a0\u00ad")
    text = "".join(left) + passage_text + " " + "".join(right)
    start, end = len("".join(left)), len("".join(left)) + len(passage_text)
    assume(stable_edges(text, start, end))
    cut_left = data.draw(st.integers(0, len(left)))
    cut_right = data.draw(st.integers(0, len(right)))
    inserted = data.draw(EDGE_INSERTS)
    # Words before the passage cut and replaced, words after it cut; the passage itself untouched.
    kept_left = "".join(left[cut_left:])
    # Where the text left before the passage ends in the passage's first word, the edit reads
    # as well as the words deleted from just before that first word, the passage's own kept
    # ("x x | budget the x | Zanzibar" made "x x | Zanzibar": "budget the x" or "x budget the"
    # deleted), and the shortest edit deletes the passage's word rather than the one before.
    assume(re.findall(r"\w+", inserted + kept_left)[-1:] != re.findall(r"\w+", passage_text)[:1])
    kept_right = "".join(right[: len(right) - cut_right])
    # Likewise after it: where the words cut at the end repeat the passage's last words and
    # all kept after them, the cut reads as well as the passage's own end deleted, and the
    # copy cut as the one kept ("x Zanzibar well | x well" made "x Zanzibar well").
    tail = re.findall(r"\w+", passage_text)[-1:] + re.findall(r"\w+", kept_right)
    assume(re.findall(r"\w+", "".join(right[len(right) - cut_right :]))[-len(tail) :] != tail)
    edited = inserted + kept_left + passage_text + " " + kept_right
    at = len(inserted) + len(kept_left)
    assert anchor_many(edited, [describe(text, start, end)], text) == [(at, at + end - start)]


def at_word_edge(text: str, at: int) -> bool:
    """Whether a cut at `at` leaves every word whole."""
    return at == 0 or at == len(text) or not (text[at - 1].isalnum() and text[at].isalnum())


def words_touched(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in re.finditer(r"\w+", text) if m.start() < end and m.end() > start]


def word_count(text: str, word: str) -> int:
    return sum(1 for m in re.finditer(r"\w+", text) if m.group() == word)


@given(prose(min_words=8, max_words=60), st.data())
def test_a_word_added_inside_a_passage_stays_inside_it(text, data):
    words = [m for m in re.finditer(r"\w+", text)]
    assume(len(words) >= 8 and len(set(m.group() for m in words)) >= 4)
    first = data.draw(st.integers(0, len(words) - 6))
    last = data.draw(st.integers(first + 5, len(words) - 1))
    start, end = words[first].start(), words[last].end()
    # One word is a light edit of a passage four times its length (see MAX_REWRITE).
    assume(end - start >= 4 * len("indeed "))
    inside = words[data.draw(st.integers(first + 1, last))].start()
    edited = text[:inside] + "indeed " + text[inside:]
    assert anchor_many(edited, [describe(text, start, end)], text) == [(start, end + len("indeed "))]


@given(pieces(), pieces(0, 12), pieces())
def test_a_deleted_passage_is_orphaned(left, passage, right):
    # It holds a word found nowhere else, before or after the edit.
    passage_text = "".join(passage[:1] + ["Zanzibar "] + passage[1:]).rstrip(" \n\u00a0\u00ad")
    text = "".join(left) + passage_text + " " + "".join(right)
    start = len("".join(left))
    end = start + len(passage_text)
    assume(stable_edges(text, start, end))
    edited = text[:start] + text[end:]
    assert anchor_many(edited, [describe(text, start, end)], text) == [None]


def edit_distance_table(pattern: str, text: str, free_start: bool) -> list[int]:
    previous = [0 if free_start else j for j in range(len(text) + 1)]
    for i, p in enumerate(pattern, 1):
        current = [i]
        for j, t in enumerate(text, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (p != t)))
        previous = current
    return previous[1:]


@settings(max_examples=300)
@given(st.text("abc", min_size=1, max_size=80), st.text("abcd", max_size=40), st.booleans())
def test_bit_parallel_edit_distance_agrees_with_the_textbook_table(pattern, text, free_start):
    assert myers(pattern, text, free_start) == edit_distance_table(pattern, text, free_start)


@given(st.text(st.sampled_from("ab \n\t\u00a0\u2009\u00ad\u200b\ufeff\u2019\u201c\u2014\u2026.-'\"")))
def test_selector_parts_normalize_like_the_text(s):
    normalized, _ = normalize(s)
    assert normalized_part(s) == normalized.strip(" ")

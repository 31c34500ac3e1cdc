"""Creation normalizes only windows around a quote's likely places, with the same results
as normalizing the whole text."""

import importlib
import json
import random
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.anchoring import describe, locate, windows
from server.anchoring.normalize import normalized

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "schema" / "anchoring-vectors.json").read_text())
locate_module = importlib.import_module("server.anchoring.locate")

WORDS = st.sampled_from(["the", "cat", "sat", "on", "a", "dog", "and", "“so”", "well—no", "end…", "x\u00ady",
                         "’tis", "don't", "a-b", "mat."])
SEPARATORS = st.sampled_from([" ", " ", "\n\n", ", ", "\u00a0", " \u00ad", "\u00ad", "\u200b", "  \t", "",
                              "\n" * 40, " \u00ad" * 20, "\x1f", " \x1c "])  # \s, yet kept by normalization


def always_windows():
    """Windows are tried however short the text (else short texts are normalized whole)."""
    return mock.patch.object(windows, "WORTH", 1e-9)


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_windows_agree_with_the_shared_vectors(case):
    with always_windows():
        found = locate(case["text"], case["quote"], case["prefix"], case["suffix"], case.get("start"),
                       case.get("end"))
    assert found == (tuple(case["expected"]) if case["expected"] is not None else None)


@st.composite
def located_cases(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=60))
    separators = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, separators, strict=True))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 60)))
    selector = describe(text, start, end)
    quote = draw(st.sampled_from([
        selector.exact,
        selector.exact.replace(" ", ""),  # the live page dropped spaces between elements
        selector.exact.replace("\u00a0", " ").replace("’", "'"),
        draw(WORDS),
    ]))
    prefix = draw(st.sampled_from([selector.prefix, "", selector.prefix[-6:]]))
    suffix = draw(st.sampled_from([selector.suffix, "", selector.suffix[:6]]))
    offsets = draw(st.sampled_from([(None, None), (start, end), (start + 2, None)]))
    return text, quote, prefix, suffix, *offsets


@settings(max_examples=400)
@given(located_cases())
def test_windows_find_what_normalizing_the_whole_text_finds(case):
    with always_windows():
        assert locate(*case) == locate(*case, whole_text=True)


def long_article(paragraphs: int) -> str:
    rnd = random.Random(7)
    vocabulary = ["reader", "saved", "article", "passage", "highlight", "“quoted”", "words—dashes", "soft\u00adhyphen",
                  "more", "text"]
    return "\n\n".join(
        f"Paragraph {n}: " + " ".join(rnd.choice(vocabulary) for _ in range(40)) + "." for n in range(paragraphs)
    )


@pytest.fixture
def normalized_lengths(monkeypatch):
    """The length of every text normalized with its offset maps while locating."""
    lengths: list[int] = []

    def counting(text: str):
        lengths.append(len(text))
        return normalized(text)

    monkeypatch.setattr(windows, "normalized", counting)
    monkeypatch.setattr(locate_module, "normalized", counting)
    return lengths


def test_a_quote_found_once_normalizes_only_a_window_around_it(normalized_lengths):
    text = long_article(2000)
    start = text.index("Paragraph 1234:")
    selector = describe(text, start, start + 120)
    live_quote = " ".join(selector.exact.replace("\u00ad", "").split())  # as the DOM shows it
    assert locate(text, live_quote, selector.prefix, selector.suffix) == (start, start + 120)
    assert len(text) > 500_000
    assert 0 < sum(normalized_lengths) < 2_000


def test_a_quote_without_spaces_normalizes_only_windows_too(normalized_lengths):
    text = long_article(2000)
    start = text.index("Paragraph 1500:")
    selector = describe(text, start, start + 90)
    assert locate(text, selector.exact.replace(" ", "")) == (start, start + 90)
    assert 0 < sum(normalized_lengths) < 2_000


def test_a_quote_too_common_for_windows_normalizes_the_whole_text_once(normalized_lengths):
    text = long_article(300)
    assert locate(text, "reader") is not None
    assert locate(text, "rea der") is not None  # found only with spaces ignored: both searches ran
    assert normalized_lengths == [len(text), len(text)]  # once per call


def test_a_quote_that_is_not_there_normalizes_nothing(normalized_lengths):
    text = long_article(300)
    assert locate(text, "the central station", "", "") is None
    assert normalized_lengths == []

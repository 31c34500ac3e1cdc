"""server/extraction/commented.py: an article inside a container named for comments."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from trafilatura.xpaths import REMOVE_COMMENTS_XPATH

from server.extraction import commented
from server.extraction.commented import (COMMENTS_CLASS_MARKS, COMMENTS_CONTAINER_TAGS, COMMENTS_ID_MARKS,
                                         unwrap_article_from_comments)

# Names pages give their containers: trafilatura's article names and near misses, comments' names.
NAMES = ["post", "entry", "post-content", "entry-content", "article-body", "articleBody", "article__content",
         "body-text", "main-content", "postContent", "entry-title", "posts", "content", "comments", "comment-box",
         "commentary", "sidebar", "", "ArticleContent", "post_inner_wrapper", "art-content", "article-text"]
TAGS = ["div", "section", "article", "main", "aside", "span"]


def _attributes(draw) -> str:
    pieces = []
    for attribute in ("class", "id", "itemprop"):
        if draw(st.booleans()):
            pieces.append(f' {attribute}="{draw(st.sampled_from(NAMES))}"')
    return "".join(pieces)


@st.composite
def pages(draw, depth: int = 3) -> str:
    def element(level: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(element(level + 1) for _ in range(draw(st.integers(0, 3 if level < depth else 0))))
        return f"<{tag}{_attributes(draw)}><p>Words of the page.</p>{inner}</{tag}>"

    return f"<html><body>{''.join(element(0) for _ in range(draw(st.integers(1, 3))))}</body></html>"


def test_trafilaturas_article_xpath_is_read_as_its_conditions():
    assert commented._first_article is commented._article_by_conditions


@settings(max_examples=300, database=None)
@given(pages())
def test_the_article_found_by_its_conditions_is_the_one_trafilaturas_xpath_names(page):
    body = lxml_html.document_fromstring(page).find("body")
    assert body is not None
    assert commented._article_by_conditions(body) is commented._article_by_xpath(body)


@pytest.mark.parametrize("attribute, marks", [("id", COMMENTS_ID_MARKS), ("class", COMMENTS_CLASS_MARKS)])
def test_every_container_trafilatura_names_for_comments_is_looked_at(attribute, marks):
    # (a page none of whose containers' names holds the marks has no comments container)
    path = REMOVE_COMMENTS_XPATH[0].path
    assert set(re.findall(r"self::(\w+)", path)) == set(COMMENTS_CONTAINER_TAGS)
    found = re.search(rf"re:test\(@{attribute}, '([^']*)'\)", path)
    assert found is not None

    @settings(max_examples=300, database=None)
    @given(st.from_regex(found[1]))
    def named(value: str) -> None:
        assert any(mark in value for mark in marks)

    named()


def test_a_container_named_for_comments_holding_the_article_is_unwrapped():
    sentences = " ".join(f"Sentence {number} of the essay." for number in range(30))
    tree = lxml_html.document_fromstring(
        f"<html><body><div class='entry-content'><div class='comment-layer'><p>{sentences}</p></div></div>"
        "<div class='comments'><p>A reply</p></div></body></html>")
    body = tree.find("body")
    assert body is not None
    unwrap_article_from_comments(body)
    assert tree.find(".//div[@class='comment-layer']") is None
    assert tree.find(".//div[@class='comments']") is not None

"""server/extraction/author_search.py: trafilatura's byline search, made without copying the page,
answers as trafilatura's own does."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from trafilatura.metadata import extract_author

from server.extraction import author_search
from server.extraction.author_search import searched_author
from server.extraction.parsing import parse

PAGES = Path(__file__).resolve().parents[3] / "tests" / "pages"
SLUGS = sorted(path.name for path in PAGES.iterdir() if (path / "source.html").exists())

# Names pages give their elements: those trafilatura's author XPaths name, those its discard XPaths
# name, and near misses of both.
NAMES = ["author", "author-name", "authorName", "byline", "Byline", "byl", "username", "post-author", "writer",
         "comments", "comment-list", "sidebar", "title", "date", "meta-date", "print-only", "quote", "entry",
         "authors-list comments", "content", ""]
TAGS = ["div", "span", "p", "a", "section", "h3", "strong", "address", "time", "figure", "em", "author"]
ATTRIBUTES = ["class", "id", "itemprop", "rel", "data-component", "data-testid"]
VALUES = NAMES + ["author name", "AuthorCard", "Figure", "BylineBlock"]
TEXTS = ["", "By", "Ann Lee", "Posted by Jo Roe on Monday", "x" * 130, " and "]


@st.composite
def pages(draw, depth: int = 3) -> str:
    def element(level: int) -> str:
        tag = draw(st.sampled_from(TAGS))
        attributes = "".join(f' {name}="{draw(st.sampled_from(VALUES))}"' for name in ATTRIBUTES
                             if draw(st.integers(0, 3)) == 0)
        inner = "".join(element(level + 1) for _ in range(draw(st.integers(0, 3 if level < depth else 0))))
        return f"<{tag}{attributes}>{draw(st.sampled_from(TEXTS))}{inner}</{tag}>{draw(st.sampled_from(TEXTS))}"

    return f"<html><body>{''.join(element(0) for _ in range(draw(st.integers(1, 4))))}</body></html>"


def tree_of(html: str) -> lxml_html.HtmlElement:
    tree = parse(html)
    assert tree is not None
    return tree


def test_the_conditions_are_written_from_trafilaturas_expressions():
    assert author_search.MIRRORS_TRAFILATURA


@pytest.mark.parametrize("pattern, marks", [
    (author_search.SPECIFIC_CLASS_RE, author_search.CLASS_MARKS_RE),
    (author_search.GENERIC_CLASS_RE, author_search.CLASS_MARKS_RE),
    (author_search.ANY_CLASS_RE, author_search.CLASS_MARKS_RE),
    (author_search.GENERIC_ID_RE, author_search.ID_MARKS_RE),
    (author_search.ANY_ID_RE, author_search.ID_MARKS_RE),
])
def test_every_class_and_id_an_author_xpath_names_is_looked_at(pattern, marks):
    for value in [*author_search.GENERIC_CLASSES, "author"]:
        assert author_search.CLASS_MARKS_RE.search(value)
    assert author_search.ID_MARKS_RE.search("author")

    @settings(max_examples=300, database=None)
    @given(st.from_regex(pattern))
    def named(value: str) -> None:
        assert marks.search(value)

    named()


@settings(max_examples=300, database=None)
@given(pages())
def test_the_author_is_the_one_trafilaturas_search_finds(page):
    assert searched_author(tree_of(page)) == extract_author(tree_of(page))


@pytest.mark.parametrize("slug", SLUGS)
def test_on_the_golden_pages_the_author_is_trafilaturas(slug):
    html = (PAGES / slug / "source.html").read_text(encoding="utf-8")
    assert searched_author(tree_of(html)) == extract_author(tree_of(html))


@pytest.mark.parametrize("body, author", [
    # a date and a comments section inside the byline are deleted, their tails kept, run on as trafilatura runs them
    ('<div class="byline">By Ann Lee<time>May 2</time>, staff<span class="comments">3 comments</span>.</div>',
     "Ann Lee; Staff"),
    # inside a sidebar, the byline is gone; a later one of a less specific expression counts
    ('<div class="sidebar"><span class="author">Jo Roe</span></div><p class="byline">Ann Lee</p>', "Ann Lee"),
    # the first expression outranks the second, though it stands later in the page
    ('<p class="byline">Ann Lee</p><span rel="author">Jo Roe</span>', "Jo Roe"),
    # a byline too long to be a name is passed over
    (f'<span class="author">{"Ann Lee " * 20}</span><div id="author-box">Jo Roe</div>', "Jo Roe"),
    ('<author>Ann Lee</author>', "Ann Lee"),
    ('<p>No byline at all.</p>', None),
])
def test_a_byline_is_read_as_trafilatura_reads_it(body, author):
    html = f"<html><body>{body}</body></html>"
    assert searched_author(tree_of(html)) == extract_author(tree_of(html)) == author


def test_a_part_of_a_page_is_searched_as_trafilatura_searches_it():
    tree = tree_of('<html><body><div class="sidebar"><p class="byline">Ann Lee</p></div></body></html>')
    part = tree.find(".//p")
    assert part is not None
    assert searched_author(part) == extract_author(part) == "Ann Lee"


def test_the_page_is_left_as_it_was():
    tree = tree_of('<html><body><div class="byline">By Ann Lee<time>May 2</time></div></body></html>')
    before = etree.tostring(tree)
    assert searched_author(tree) == "Ann Lee"
    assert etree.tostring(tree) == before


def test_a_page_with_a_rel_element_is_searched_by_trafilatura(monkeypatch):
    # (the first XPath reads such an element's text, which trafilatura's deletions may change)
    asked: list[str] = []

    def trafilaturas(tree) -> str:
        asked.append("trafilatura")
        return "Jo Roe"

    monkeypatch.setattr(author_search, "extract_author", trafilaturas)
    assert searched_author(tree_of('<html><body><span><rel>me</rel>Ann Lee</span></body></html>')) == "Jo Roe"
    assert asked == ["trafilatura"]

"""server/extraction/trafilatura_call.py: the Document bare_extraction answers with metadata,
field for field, but for the fields left out; its author and date searched for only when asked."""
from __future__ import annotations

import json
from copy import copy
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from server.extraction.article import THREAD_SETTINGS, TRAFILATURA_SETTINGS
from server.extraction.parsing import parse
from server.extraction import extract, trafilatura_call
from server.extraction.trafilatura_call import SKIPPED_FIELDS, extract_document

PAGES = Path(__file__).resolve().parents[3] / "tests" / "pages"
SLUGS = sorted(path.name for path in PAGES.iterdir() if (path / "source.html").exists())


def tree_of(html: str) -> HtmlElement:
    tree = parse(html)
    assert tree is not None
    return tree


def assert_same_document(ours, theirs) -> None:
    assert (ours is None) == (theirs is None)
    if ours is None:
        return
    ours.author, ours.date = ours.searches.author(), ours.searches.date()
    for field in theirs.__slots__:
        if field in SKIPPED_FIELDS:
            continue
        mine, expected = getattr(ours, field), getattr(theirs, field)
        if isinstance(expected, etree._Element):
            assert etree.tostring(mine) == etree.tostring(expected), field
        else:
            assert mine == expected, field


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("settings", [TRAFILATURA_SETTINGS, THREAD_SETTINGS], ids=["article", "thread"])
def test_the_document_is_trafilaturas_with_metadata(slug, settings):
    folder = PAGES / slug
    url = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["url"]
    tree = tree_of((folder / "source.html").read_text(encoding="utf-8"))
    theirs = trafilatura.bare_extraction(copy(tree), url=url, **settings)
    assert_same_document(extract_document(tree, url, settings), theirs)


@pytest.mark.parametrize("url", ["https://example.org/a/post", ""])
def test_without_a_url_the_pages_own_is_used_as_trafilatura_does(url):
    html = ('<html><head><link rel="canonical" href="https://example.org/the/post"><title>A post</title></head>'
            '<body><article><p>' + "Words of the article, with a <a href='/x'>relative link</a>. " * 20
            + '</p></article></body></html>')
    theirs = trafilatura.bare_extraction(tree_of(html), url=url, **TRAFILATURA_SETTINGS)
    assert_same_document(extract_document(tree_of(html), url, TRAFILATURA_SETTINGS), theirs)


@pytest.mark.parametrize("html", ["<html><body></body></html>",
                                  "<html><body><nav><a href='/'>Home</a></nav></body></html>"])
def test_a_page_with_little_or_nothing_answers_as_trafilatura_does(html):
    assert_same_document(extract_document(tree_of(html), "https://example.org/", TRAFILATURA_SETTINGS),
                         trafilatura.bare_extraction(tree_of(html), url="https://example.org/", **TRAFILATURA_SETTINGS))


ARTICLE_BODY = "<article><h1>A post</h1><p>" + "Words of the article, said at length. " * 30 + "</p></article>"


@pytest.fixture
def searches(monkeypatch) -> list[str]:
    """The names of trafilatura's searches of the whole page run while the test runs."""
    ran: list[str] = []
    for name in ("find_date", "searched_author"):
        search = getattr(trafilatura_call, name)

        def recorded(*args, search=search, name=name, **kwargs):
            ran.append(name)
            return search(*args, **kwargs)

        monkeypatch.setattr(trafilatura_call, name, recorded)
    return ran


def test_a_page_that_declares_its_date_and_author_is_not_searched_for_them(searches):
    head = ('<meta property="article:published_time" content="2021-03-04">'
            '<meta name="author" content="Ann Lee">')
    article = extract(f"<html><head>{head}</head><body>{ARTICLE_BODY}</body></html>", "https://n.example/a")
    assert (article.published, article.author) == ("2021-03-04", "Ann Lee")
    assert searches == []


def test_a_page_that_declares_nothing_is_searched_as_trafilatura_would(searches):
    article = extract(f"<html><head><title>A post</title></head><body>{ARTICLE_BODY}</body></html>",
                      "https://n.example/notes/a-post-about-words-said-at-length")
    assert (article.published, article.author) == (None, None)
    assert sorted(searches) == ["find_date", "searched_author"]


def test_each_search_runs_once_however_often_it_is_asked_for(searches):
    html = "<html><head><title>A post</title></head><body>" + ARTICLE_BODY + "</body></html>"
    document = extract_document(tree_of(html), "https://n.example/a", TRAFILATURA_SETTINGS)
    assert document is not None
    found = [(document.searches.author(), document.searches.date()) for _ in range(3)]
    assert found == [found[0]] * 3
    assert sorted(searches) == ["find_date", "searched_author"]

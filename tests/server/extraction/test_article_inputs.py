"""extract() on pages without an article and on bad input: a clear NoArticle, never a crash, and
no character of the input that the text cannot hold."""
from __future__ import annotations

import pytest

from server.extraction import NO_ARTICLE_MESSAGE, NoArticle, extract
from tests.server.extraction.test_article import FILLER, page

@pytest.mark.parametrize("html", [
    "",
    "   \n\t",
    "<html><body><nav>Home</nav></body></html>",
    "<html><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
    "<footer>Copyright 2024 Example Inc.</footer></body></html>",
    "<html><body><header><h1>My site</h1></header><ul><li><a href='/a'>Archive</a></li></ul></body></html>",
    "\x00\x01\x02\ufffd" * 5000,
    "<p>" + "a" * 1_000_000 + "</p>",
])
def test_pages_without_article_text_raise_no_article(html):
    with pytest.raises(NoArticle) as raised:
        extract(html, "https://example.org/x")
    assert str(raised.value) == NO_ARTICLE_MESSAGE == "No article text was found on this page"


def test_a_short_note_is_still_an_article():
    result = extract("<html><body><main><p>Just a short note today.</p></main></body></html>", "https://example.org/n")
    assert result.text == "Just a short note today."


def test_meta_charset_does_not_re_decode_the_text():
    latin = ('<html><head><meta charset="iso-8859-1"></head><body><article><h1>Café</h1>'
             + "<p>Le café est très bon et la crème brûlée aussi, dit-il à nouveau. " * 30
             + "</p></article></body></html>")
    result = extract(latin, "https://example.org/latin")
    assert "café" in result.text and "crème brûlée" in result.text
    assert result.language == "fr"


def test_xml_declaration_with_another_encoding_is_ignored():
    html = ('<?xml version="1.0" encoding="iso-8859-1"?><html><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=windows-1252"></head><body><article><p>'
            + "Café — “quoted” text, naïve words. " * 30 + "</p></article></body></html>")
    assert "Café — “quoted” text, naïve words." in extract(html, "https://example.org/x").text


def test_deeply_nested_html_does_not_crash():
    deep = ("<html><body><article>" + "<div>" * 5000 + "<p>" + "Deep text sentence. " * 200 + "</p>"
            + "</div>" * 5000 + "</article></body></html>")
    try:
        result = extract(deep, "https://example.org/deep")
    except NoArticle:
        return
    assert "Deep text sentence." in result.text


def test_deeply_nested_lists_and_quotes_do_not_crash():
    for open_tag, close_tag in [("<ul><li>Item text here. ", "</li></ul>"),
                                ("<blockquote><p>Quote.</p>", "</blockquote>")]:
        html = page(f"<article><p>{FILLER}</p>{open_tag * 1000}{close_tag * 1000}</article>")
        assert extract(html, "https://example.org/nested").word_count > 0


def test_nul_bytes_control_characters_and_lone_surrogates():
    html = page("<article><p>" + "Text with a NUL \x00 byte, a \x0b tab and a lone \ud800 surrogate. " * 20
                + "</p></article>")
    result = extract(html, "https://example.org/ctrl")
    assert "\x00" not in result.text and "\x0b" not in result.text and "\ud800" not in result.text
    assert result.word_count > 100  # the whole paragraph, not cut at the first bad character
    result.text.encode("utf-8")


def test_the_pages_bytes_given_read_as_its_text():
    html = page("<article><p>" + "Ünïcode text the caller has encoded already. " * 20 + "</p></article>")
    url = "https://example.org/encoded"
    assert extract(html, url, html.encode("utf-8")) == extract(html, url)


def test_malformed_html_and_a_huge_single_line():
    malformed = "<html><body><div><p>Unclosed <b>bold <i>italic " + "text goes on. " * 60 + "<td>cell</div></p>"
    assert "Unclosed bold italic text goes on." in extract(malformed, "https://example.org/m").text
    huge = page("<article><p>" + "word " * 200_000 + "</p></article>")
    assert extract(huge, "https://example.org/h").word_count == 200_000

"""server/extraction/heading_text.py: the reader's text around an element, read outwards from it,
says what the reader's text read from the body's start says there."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction.heading_text import reader_text, reader_text_around

BEFORE, AFTER = 60, 90
FILLER = "Words of the page go on for a while. " * 4
PAGE = (f"<div>{FILLER}<span>inline <b>bold</b> tail</span> after span<script>var hidden = 1;</script>script tail"
        f"<ul><li>one</li><li>two <em>three</em></li></ul>list tail</div>"
        f"<template><h1>Unseen heading</h1></template>template tail"
        f"<section><p>{FILLER}</p><h1>First <a href='/'>heading</a> text<style>p {{}}</style></h1>heading tail"
        f"<div><p>By Ann Lee</p><noscript>no script</noscript>noscript tail<p>{FILLER}</p></div>"
        f"<h1>Second heading</h1><p>{FILLER}</p><p>{FILLER}</p></section>body tail")


def body_of(markup: str) -> lxml_html.HtmlElement:
    body = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>").find("body")
    assert body is not None
    return body


def found(body: lxml_html.HtmlElement, path: str) -> lxml_html.HtmlElement:
    element = body.find(path)
    assert element is not None
    return element


def window(read, element) -> str | None:
    """The text from BEFORE characters before the element's start to AFTER past its end."""
    if element not in read.spans:
        return None
    start, end = read.spans[element]
    return read.text[max(0, start - BEFORE):end + AFTER]


def test_text_around_an_element_is_the_reader_text_there():
    body = body_of(PAGE)
    whole = reader_text(body, [], 0)  # (nothing marked: the whole body is read)
    for element in body.iter():
        around = reader_text_around(body, element, BEFORE, AFTER)
        if element not in around.spans:
            continue
        start, end = around.spans[element]
        expected = reader_text(body, [element], AFTER)
        assert window(around, element) == window(expected, element), element.tag
        # the pieces that hold each character are the reader text's own
        assert all(around.piece(position) in whole.pieces for position in range(len(around.text)))


def test_text_around_a_heading_reads_only_near_it_and_never_scripts():
    body = body_of(PAGE)
    first = body.findall(".//h1")[1]
    around = reader_text_around(body, first, BEFORE, AFTER)
    start, end = around.spans[first]
    assert around.text[start:end] == " First heading text"
    assert "hidden" not in around.text and "p {}" not in around.text and "no script" not in around.text
    assert "noscript tail" in around.text and "By Ann Lee" in around.text
    assert "Second heading" not in around.text  # further than AFTER below the first
    assert "inline" not in around.text  # further than BEFORE above it


def test_element_the_reader_does_not_see_has_no_span():
    body = body_of(PAGE)
    unseen = found(body, ".//template/h1")
    assert unseen not in reader_text_around(body, unseen, BEFORE, AFTER).spans
    assert unseen not in reader_text(body, [unseen], AFTER).spans


def test_text_around_reaches_the_body_edges():
    body = body_of("<h1>Only heading</h1>tail")
    heading = found(body, "h1")
    around = reader_text_around(body, heading, BEFORE, AFTER)
    assert around.text == " Only heading tail" and around.spans[heading] == (0, 13)

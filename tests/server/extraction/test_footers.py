"""server/extraction/footers.py: the site's footer closing trafilatura's body goes."""
from __future__ import annotations

import pytest
from lxml import etree
from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.footers import drop_page_footer

SENTENCE = "A sentence of the article that says something about the subject at some length."
AGAIN = "Another sentence of the article, which goes on about the subject for a while."
COPYRIGHT = "© 2026 Acme Corporation. All rights reserved. All trademarks are property of their respective owners."
LINKS = "VAT included. Privacy Policy | Legal | Accessibility | Refunds | Cookies"


def page_of(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><body>{markup}</body></html>")


def body_of(*blocks: str) -> etree._Element:
    body = etree.Element("body")
    for text in blocks:
        etree.SubElement(body, "p").text = text
    return body


def texts(body: etree._Element) -> list[str]:
    return ["".join(child.itertext()) for child in body]


@pytest.mark.parametrize("footer", [
    f'<div id="footer" role="contentinfo"><div>{COPYRIGHT}</div><p>{LINKS}</p></div>',
    f"<footer><div>{COPYRIGHT}</div><p>{LINKS}</p></footer>",
])
def test_the_blocks_closing_the_body_that_stand_in_the_pages_footer_go(footer):
    tree = page_of(f"<main><p>{SENTENCE}</p><p>{AGAIN}</p></main>{footer}")
    body = body_of(SENTENCE, AGAIN, COPYRIGHT, LINKS)
    drop_page_footer(body, tree)
    assert texts(body) == [SENTENCE, AGAIN]


def test_a_block_the_article_says_too_stays():
    # the writer's name signs the article, and the site is named for them in its footer
    tree = page_of(f"<article><p>{SENTENCE}</p><p>Jo Bloggs</p></article><footer><p>Jo Bloggs</p>"
                   f"<p>{COPYRIGHT}</p></footer>")
    body = body_of(SENTENCE, "Jo Bloggs")
    drop_page_footer(body, tree)
    assert texts(body) == [SENTENCE, "Jo Bloggs"]


def test_an_articles_own_footer_and_blocks_before_the_last_stay():
    tree = page_of(f"<article><p>{SENTENCE}</p><footer><p>Filed under gardening.</p></footer></article>"
                   f"<footer><p>{COPYRIGHT}</p></footer>")
    body = body_of(COPYRIGHT, SENTENCE, "Filed under gardening.")
    drop_page_footer(body, tree)
    assert texts(body) == [COPYRIGHT, SENTENCE, "Filed under gardening."]


def test_a_body_mostly_of_the_footers_words_stays():
    tree = page_of(f"<p>Short.</p><footer><p>{COPYRIGHT}</p><p>{LINKS}</p></footer>")
    body = body_of("Short.", COPYRIGHT, LINKS)
    drop_page_footer(body, tree)
    assert texts(body) == ["Short.", COPYRIGHT, LINKS]


def test_the_footer_trafilatura_gathers_with_the_pages_paragraphs_is_left_out():
    # trafilatura takes "expanded" for furniture: deleting it would leave nothing, so it deletes no
    # furniture and gathers every paragraph, the footer's among them
    games = "".join(f"<div class='item'><p>Game number {number} is an open world adventure where you explore a vast"
                    " land, fight monsters and gather loot with your friends.</p></div>" for number in range(8))
    page = (f'<html><body><div class="section expanded">{games}</div><div id="footer" role="contentinfo">'
            f'<div>{COPYRIGHT}</div><div><p>VAT included in all prices where applicable. <a href="/privacy">Privacy '
            'Policy</a> | <a href="/legal">Legal</a></p></div></div></body></html>')
    text = extract(page, "https://example.com/genre/action/").text
    assert text.endswith("gather loot with your friends.") and "Privacy Policy" not in text

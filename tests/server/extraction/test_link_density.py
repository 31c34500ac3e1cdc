"""server/extraction/link_density.py: blocks holding an image take trafilatura's link-density test."""
from __future__ import annotations

import trafilatura.htmlprocessing as htmlprocessing
from lxml import html as lxml_html

import server.extraction  # noqa: F401  (installs the test)
from server.extraction import extract
from server.extraction.link_density import install

FILLER = "This sentence is here so that the page has enough article text to be kept. " * 6


def test_a_teaser_card_with_an_image_goes_and_the_lead_image_stays():
    teasers = "".join(f'<div class="card"><a href="/story-{n}"><img src="/thumb-{n}.jpg"></a>'
                      f'<a href="/story-{n}">Another story about something else, number {n}</a></div>'
                      for n in range(3))
    html = (f'<html><body><article><figure><img src="/lead.jpg" alt="The lead"></figure><p>{FILLER}</p>'
            f'<p>{FILLER}</p><div class="more">{teasers}</div></article></body></html>')
    article = extract(html, "https://example.org/blog/post")
    assert "Another story" not in article.text
    assert '<img src="https://example.org/lead.jpg"' in article.html


def test_the_tree_is_left_as_found_and_install_is_idempotent():
    install()
    install()
    assert hasattr(htmlprocessing.link_density_test, "wrapped")
    assert not hasattr(htmlprocessing.link_density_test.wrapped, "wrapped")
    element = lxml_html.fragment_fromstring('<div><graphic src="/a.jpg"></graphic><ref target="/b">Another story</ref>'
                                            '</div>')
    assert htmlprocessing.link_density_test(element)[0]  # a teaser: dropped
    assert [child.tag for child in element] == ["graphic", "ref"]
    alone = lxml_html.fragment_fromstring('<div><ref target="/b"><graphic src="/a.jpg"></graphic></ref></div>')
    assert not htmlprocessing.link_density_test(alone)[0]

"""server/extraction/region.py: the region of the page holding the paragraphs trafilatura took."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.region import article_region, keeps, lost_structure, region_document, says_much_more
from tests.server.extraction.support import body_of

SENTENCE = "A sentence of the tutorial that says something about the subject at some length."
PAGE = (f"<html><body><nav><p>Menu of the site</p></nav><div id='topic'><p>{SENTENCE}</p><h2>First step</h2>"
        f"<ol><li>Open the file.</li><li>Save it.</li></ol><p>{SENTENCE} Again.</p></div>"
        "<footer><p>A footer line</p></footer></body></html>")
PARAGRAPHS = f"<p>{SENTENCE}</p><p>{SENTENCE} Again.</p>"


def test_the_region_is_the_deepest_element_holding_most_of_the_paragraphs():
    tree = lxml_html.document_fromstring(PAGE)
    region = article_region(tree, body_of(f"{PARAGRAPHS}<p>A footer line</p>"))
    assert region is not None and region.get("id") == "topic"
    assert article_region(tree, body_of("<p>Words found nowhere on the page</p>")) is None


def test_a_body_of_paragraphs_alone_lost_the_headings_and_lists_of_its_region():
    tree = lxml_html.document_fromstring(PAGE)
    region = tree.get_element_by_id("topic")
    assert region is not None
    assert lost_structure(region, body_of(PARAGRAPHS))
    assert not lost_structure(region, body_of(f"<p>{SENTENCE}</p><head>First step</head>"))
    plain = lxml_html.document_fromstring(f"<html><body><div>{PARAGRAPHS}</div></body></html>")
    plain_region = plain.find("body/div")
    assert plain_region is not None
    assert not lost_structure(plain_region, body_of(PARAGRAPHS))


def test_a_region_says_much_more_when_its_text_outside_links_is_missing_from_the_body():
    table = "".join(f"<tr><td>Session {n}</td><td>Spectral methods and their limits</td>"
                    f"<td><a href='/notes/{n}'>notes</a></td></tr>" for n in range(5))
    tree = lxml_html.document_fromstring(f"<html><body><div>{PARAGRAPHS}<table>{table}</table></div></body></html>")
    region = tree.find("body/div")
    assert region is not None
    assert says_much_more(region, body_of(PARAGRAPHS))
    links = "".join(f"<a href='/{n}'>Another page of the site</a>" for n in range(5))
    tree = lxml_html.document_fromstring(f"<html><body><div>{PARAGRAPHS}{links}</div></body></html>")
    region = tree.find("body/div")
    assert region is not None
    assert not says_much_more(region, body_of(PARAGRAPHS))


def test_a_body_read_again_keeps_the_first_ones_words():
    assert keeps(body_of(f"{PARAGRAPHS}<p>More.</p>"), body_of(PARAGRAPHS), 0.95)
    assert not keeps(body_of(f"<p>{SENTENCE}</p>"), body_of(PARAGRAPHS), 0.95)


def test_the_region_document_marks_a_copy_of_the_region_as_the_article_body():
    tree = lxml_html.document_fromstring(PAGE)
    region = tree.get_element_by_id("topic")
    page = region_document(region)
    article = page.find("body/article")
    assert article is not None and article.get("itemprop") == "articleBody"
    assert [child.tag for child in article] == ["p", "h2", "ol", "p"]
    assert region.getparent() is not None and len(region) == 4  # the page itself is left as it was


def test_a_reference_page_one_section_of_which_holds_most_paragraphs_keeps_every_sections_headings_and_lists():
    # trafilatura gathers the paragraphs alone; read alone, the region of most of them (one
    # section) would lose the others: the region holding nearly all of them is read
    def section(title: str, paragraphs: int) -> str:
        said = "".join(f"<p>{SENTENCE} {title} {number}.</p>" for number in range(paragraphs))
        return (f"<div class='refsect1'><h2>{title}</h2>{said}<ul><li>{title} option one</li>"
                f"<li>{title} option two</li></ul></div>")

    html = ("<html><body><div class='banner'><p>March 1: version 18 released!</p></div><div class='refentry'>"
            f"{section('Description', 2)}{section('Parameters', 30)}{section('Notes', 2)}</div></body></html>")
    text = extract(html, "https://example.org/docs/select.html").text
    assert "\n\nParameters\n\n" in text and "\n\nNotes\n\n" in text
    assert "Description option one" in text and "Notes option two" in text

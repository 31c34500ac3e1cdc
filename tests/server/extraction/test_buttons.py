"""server/extraction/buttons.py: a paragraph of links drawn as buttons goes before trafilatura reads
the page; a sentence with such a link in it, a paragraph of plain links and a button alone stay."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.buttons import drop_button_rows

FILLER = "This sentence is here so that the page has enough article text to be kept. " * 6


def test_a_paragraph_of_buttons_goes_from_the_article():
    page = ("<html><body><main><h1>A small model</h1>"
            f"<p>{FILLER}</p>"
            "<p><a class='button' href='https://models.example.org/small'>Get it on Models</a>\n"
            "<a class='button' href='https://data.example.org/small'>Get it on Data</a></p>"
            f"<p>{FILLER}</p></main></body></html>")
    article = extract(page, "https://docs.example.org/small")
    assert "Get it on" not in article.text
    assert "Get it on" not in article.html
    assert "enough article text" in article.text


def test_sentences_and_plain_links_stay():
    body = lxml_html.fromstring(
        "<div><p><a class='btn btn-primary' href='/a'>Download</a> <span><a role='button' href='/b'>"
        "<b>Sign up</b></a></span></p>"
        "<p>Read the guide or <a class='button' href='/start'>start now</a>.</p>"
        "<p><a href='/next'>Next chapter</a> <a class='button' href='/try'>Try it</a></p>"
        "<p><a class='buttonless' href='/c'>Chapter three</a></p>"
        "<p><span>Free:</span> <a class='button' href='/d'>Get the book</a></p>"
        "<div class='dialog'><h2>Sign in</h2><p>Sign in to tag this.</p>"
        "<p><a class='btn_medium' href='/login'><span>Log in</span></a></p></div></div>")
    drop_button_rows(body)
    text = body.text_content()
    assert "Download" not in text
    assert "Sign up" not in text
    assert "start now" in text
    assert "Next chapter" in text and "Try it" in text
    assert "Chapter three" in text
    assert "Get the book" in text
    assert "Log in" in text  # a button alone is no row

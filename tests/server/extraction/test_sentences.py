"""server/extraction/sentences.py: a short sentence with links that trafilatura left out between two
blocks it kept goes back between them."""
from __future__ import annotations


from server.extraction import extract
from server.extraction.sentences import restore_linked_sentences
from tests.server.extraction.support import blocks, body_of, page_of

SENTENCE = "Sudo lets an administrator give certain users the right to run commands as root, with a log."
AFTER = "Alternatively, install the sudo-rs package, a memory-safe implementation of sudo with some limits."
INSTALL = "<p><a href='/title/Install'>Install</a> the <span><a href='/packages/sudo'>sudo</a></span> package.</p>"


def test_a_short_sentence_of_links_goes_back_between_the_blocks_around_it():
    page = page_of(f"<p>{SENTENCE}</p><div class='heading'><h2>Installation</h2></div>{INSTALL}<p>{AFTER}</p>")
    body = body_of(f"<p>{SENTENCE}</p><head rend='h2'>Installation</head><p>{AFTER}</p>")
    restore_linked_sentences(body, page)
    assert blocks(body) == [SENTENCE, "Installation", "Install the sudo package.", AFTER]
    assert [ref.get("target") for ref in body.iter("ref")] == ["/title/Install", "/packages/sudo"]


def test_a_sentence_elsewhere_or_a_menu_stays_out():
    # at the end of the article, nothing after it in the body
    page = page_of(f"<p>{SENTENCE}</p><p>{AFTER}</p>{INSTALL}")
    body = body_of(f"<p>{SENTENCE}</p><p>{AFTER}</p>")
    restore_linked_sentences(body, page)
    assert blocks(body) == [SENTENCE, AFTER]
    # a line of links with nothing of its own, and blocks the body does not keep side by side
    menu = "<p><a href='/a'>Home</a> | <a href='/b'>Blog</a>.</p>"
    page = page_of(f"<p>{SENTENCE}</p>{menu}<p>{AFTER}</p><h2>More</h2>{INSTALL}<p>Other words here.</p>")
    body = body_of(f"<p>{SENTENCE}</p><p>{AFTER}</p><head rend='h2'>More</head><p>Elsewhere.</p>")
    restore_linked_sentences(body, page)
    assert blocks(body) == [SENTENCE, AFTER, "More", "Elsewhere."]


def test_extract_keeps_a_short_sentence_of_links_under_its_heading():
    paragraph = f"<p>{SENTENCE} {SENTENCE}</p>"
    page = (f"<html><body><main><h1>Sudo</h1>{paragraph}<div class='heading'><h2>Installation</h2></div>"
            f"{INSTALL}<p>{AFTER}</p>{paragraph}</main></body></html>")
    result = extract(page, "https://wiki.example.org/title/Sudo")
    assert f"Installation\n\nInstall the sudo package.\n\n{AFTER}" in result.text

"""server/extraction/quotes.py: a reply's quotes of the posts above it leave the thread's body."""
from __future__ import annotations

from lxml import etree

from server.extraction.quotes import drop_repeated_passages, drop_repeated_quotes

OPENING = "The opening post asks which version the next release will bring."
OTHER = "A second paragraph of the opening post that the reply leaves out."
ANSWER = "From what I read it will be the long-term support version."


def body(xml: str) -> etree._Element:
    return etree.fromstring(f"<body>{xml}</body>")


def texts(element: etree._Element) -> list[str]:
    return [" ".join("".join(block.itertext()).split()) for block in element.iter("p")]


def test_a_quoted_passage_of_a_post_above_leaves_and_the_line_naming_its_poster_stays():
    thread = body(f"<p>{OPENING}</p><p>{OTHER}</p><p>Jo said:</p><quote><p>{OPENING}</p></quote><p>{ANSWER}</p>")
    drop_repeated_quotes(thread)
    assert texts(thread) == [OPENING, OTHER, "Jo said:", ANSWER]
    assert thread.find("quote") is None


def test_a_quote_of_part_of_a_paragraph_leaves_and_its_new_words_stay():
    thread = body(f"<p>{OPENING} {OTHER}</p><quote><p>{OTHER}</p><p>Not said above.</p></quote><p>{ANSWER}</p>")
    drop_repeated_quotes(thread)
    assert texts(thread) == [f"{OPENING} {OTHER}", "Not said above.", ANSWER]


def test_a_quote_of_text_not_on_the_page_stays_and_so_does_a_passage_said_after_it():
    thread = body(f"<quote><p>{OPENING}</p></quote><p>{ANSWER}</p><p>{OPENING}</p>")
    drop_repeated_quotes(thread)
    assert texts(thread) == [OPENING, ANSWER, OPENING]
    assert thread.find("quote/p") is not None


def test_a_quote_without_paragraphs_and_a_quote_inside_it_are_weighed_as_passages():
    thread = body(f"<p>{OPENING}</p><p>{ANSWER}</p><quote>{ANSWER}</quote>"
                  f"<quote><p>Kim said:</p><quote><p>{OPENING}</p></quote><p>{OTHER}</p></quote>")
    drop_repeated_quotes(thread)
    assert texts(thread) == [OPENING, ANSWER, "Kim said:", OTHER]
    assert len(list(thread.iter("quote"))) == 1


def test_a_short_quote_said_above_only_inside_longer_words_stays():
    thread = body("<p>It took a while to install the new version.</p><quote><p>ok</p></quote>"
                  "<quote><p>a while</p></quote><p>Glad it works.</p>")
    drop_repeated_quotes(thread)
    assert texts(thread) == ["It took a while to install the new version.", "ok", "Glad it works."]


def test_a_post_shown_again_under_its_reply_is_said_once_and_short_lines_said_twice_stay():
    long_opening = f"{OPENING} {OTHER}"
    thread = body(f"<p>{long_opening}</p><p>Thanks!</p><p>{long_opening}</p><p>{ANSWER}</p><p>Thanks!</p>")
    drop_repeated_passages(thread)
    assert texts(thread) == [long_opening, "Thanks!", ANSWER, "Thanks!"]
    # a quote's passages are weighed by drop_repeated_quotes, not here
    quoted = body(f"<p>{long_opening}</p><quote><p>{long_opening}</p></quote>")
    drop_repeated_passages(quoted)
    assert texts(quoted) == [long_opening, long_opening]

"""server/extraction/introduced.py: a list that a paragraph ending in a colon introduces, or that
a heading left with nothing under it heads, goes back where trafilatura left it out."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.introduced import restore_headed_lists, restore_introduced_lists
from tests.server.extraction.support import blocks, body_of, page_of

SENTENCE = "A sentence of the guide that says something about the subject at some length."
INTRO = "For more information, see:"
LINKS = "<ul><li><a href='/strings'>Overview of strings</a></li><li><a href='/commands'>String commands</a></li></ul>"


def test_the_list_a_paragraph_introduces_goes_back_after_it():
    page = page_of(f"<p>{SENTENCE}</p><p>{INTRO}</p>{LINKS}<p>{SENTENCE} Again.</p>")
    body = body_of(f"<p>{SENTENCE}</p><p>{INTRO}</p><p>{SENTENCE} Again.</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [SENTENCE, INTRO, "Overview of strings", "String commands", f"{SENTENCE} Again."]
    restored = body.find("list")
    assert restored is not None and restored.get("rend") == "ul"
    assert [ref.get("target") for ref in restored.iter("ref")] == ["/strings", "/commands"]


def test_items_keep_their_words_apart_and_their_nested_lists():
    page = page_of(f"<p>{INTRO}</p><ol><li><p><b>First</b></p><div>step</div><ul><li>inner</li></ul></li>"
                   "<li>Second<br>line<script>hidden()</script></li></ol>")
    body = body_of(f"<p>{INTRO}</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [INTRO, "First step", "inner", "Second\nline"]
    restored = body.find("list")
    assert restored is not None and restored.get("rend") == "ol"


def test_nothing_goes_back_where_the_body_has_the_list_or_no_colon_introduces_it():
    page = page_of(f"<p>{INTRO}</p>{LINKS}")
    body = body_of(f"<p>{INTRO}</p><list><item>Overview of strings</item></list>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [INTRO, "Overview of strings"]
    page = page_of(f"<p>{SENTENCE}</p>{LINKS}")
    body = body_of(f"<p>{SENTENCE}</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [SENTENCE]
    # a hidden list, and a list of other pages that a pointer introduces
    page = page_of(f"<p>{INTRO}</p><div hidden>{LINKS}</div><p>You might also like:</p>{LINKS}")
    body = body_of(f"<p>{INTRO}</p><p>You might also like:</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [INTRO, "You might also like:"]


def test_a_list_goes_back_though_the_text_names_its_items_but_not_where_the_body_has_two_in_a_row():
    types = ("<ul><li>a string</li><li><a href='/blob'><code>Blob</code></a></li>"
             "<li><a href='/file'><code>File</code></a></li></ul>")
    intro = "You can supply the body as an instance of any of the following types:"
    mention = "Read a Blob as a string, or a File."
    page = page_of(f"<p>{intro}</p>{types}<p>{mention}</p>")
    body = body_of(f"<p>{intro}</p><p>{mention}</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [intro, "a string", "Blob", "File", mention]
    # the body has the list, its items one after the other
    body = body_of(f"<p>{intro}</p><list><item>a string</item><item>Blob</item></list><p>{mention}</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [intro, "a string", "Blob", mention]
    # ... or an item of it whose own list trafilatura left out (the items inside come after it):
    # that list alone goes back, inside its item
    steps = ("<ul><li>the server's directives run;</li><li>repeatedly:<ul><li>a location is found;</li>"
             "<li>its directives run.</li></ul></li></ul>")
    order = "They are processed in the following order:"
    page = page_of(f"<p>{order}</p>{steps}")
    body = body_of(f"<p>{order}</p><list><item>the server's directives run;</item><item>repeatedly:</item></list>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [order, "the server's directives run;", "repeatedly:", "a location is found;",
                            "its directives run."]


def test_the_list_inside_an_item_ending_in_a_colon_goes_back_inside_it():
    steps = ("<ul><li>the server's directives run;</li><li>repeatedly:<ul><li>a <a href='/l'>location</a> is found;"
             "</li><li>its directives <a href='/r'>run</a>.</li></ul></li></ul>")
    page = page_of(f"<p>{SENTENCE}</p>{steps}")
    body = body_of(f"<p>{SENTENCE}</p><list><item>the server's directives run;</item><item>repeatedly:</item></list>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [SENTENCE, "the server's directives run;", "repeatedly:", "a location is found;",
                            "its directives run."]
    assert [ref.get("target") for ref in body.iter("ref")] == ["/l", "/r"]
    # an item with its list, and an item that introduces none, are left as they are
    body = body_of(f"<p>{SENTENCE}</p><list><item>repeatedly:<list><item>a location is found;</item>"
                   "<item>its directives run.</item></list></item></list>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [SENTENCE, "repeatedly:", "a location is found;", "its directives run."]
    page = page_of(f"<p>{SENTENCE}</p>{steps.replace('repeatedly:', 'repeatedly')}")
    body = body_of(f"<p>{SENTENCE}</p><list><item>repeatedly</item></list>")
    restore_introduced_lists(body, page)
    assert blocks(body) == [SENTENCE, "repeatedly"]


def test_paragraphs_saying_the_same_are_paired_in_order_or_not_at_all():
    second = LINKS.replace("strings", "lists").replace("String", "List")
    page = page_of(f"<h2>Strings</h2><p>{INTRO}</p>{LINKS}<h2>Lists</h2><p>{INTRO}</p>{second}")
    body = body_of(f"<head>Strings</head><p>{INTRO}</p><head>Lists</head><p>{INTRO}</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == ["Strings", INTRO, "Overview of strings", "String commands",
                            "Lists", INTRO, "Overview of lists", "List commands"]
    # the body kept one of the two: which one is not known
    body = body_of(f"<head>Lists</head><p>{INTRO}</p>")
    restore_introduced_lists(body, page)
    assert blocks(body) == ["Lists", INTRO]


def test_trafilatura_leaves_out_a_short_list_of_links_that_extract_puts_back():
    filler = " ".join([SENTENCE] * 6)
    html = (f"<html><body><article><h1>Data types</h1><p>{filler}</p><h2>Strings</h2><p>{INTRO}</p>{LINKS}"
            f"<p>{filler}</p></article></body></html>")
    text = extract(html, "https://example.com/docs/types").text
    assert f"{INTRO}\n\nOverview of strings\n\nString commands\n\n" in text


def test_the_list_a_heading_with_nothing_under_it_heads_goes_back_under_it():
    page = page_of(f"<p>{SENTENCE}</p><h2>Guides</h2><h3>1. Strings</h3>{LINKS}"
                   "<div class='heading'><h3>2. Lists</h3></div>"
                   "<ul><li><a href='/lists'>Working with lists</a></li></ul>"
                   f"<h2>Reference</h2><p>{SENTENCE}</p>")
    body = body_of(f"<p>{SENTENCE}</p><head rend='h2'>Guides</head><head rend='h3'>1. Strings</head>"
                   f"<head rend='h3'>2. Lists</head><head rend='h2'>Reference</head><p>{SENTENCE}</p>")
    restore_headed_lists(body, page)
    assert blocks(body) == [SENTENCE, "Guides", "1. Strings", "Overview of strings", "String commands", "2. Lists",
                            "Working with lists", "Reference", SENTENCE]


def test_a_heading_over_a_subheading_the_last_heading_and_related_pages_get_no_list():
    # (nor the sections of a menu before the article's first paragraph)
    menu = "<h3>Setup</h3><ul><li><a href='/init'>init</a></li></ul><h3>Sharing</h3>"
    page = page_of(f"{menu}<ul><li><a href='/push'>push</a></li></ul>"
                   f"<h2>Strings</h2>{LINKS}<h3>Details</h3><p>{SENTENCE}</p>"
                   f"<h2>Related posts</h2>{LINKS}<h2>Lists</h2><p>{SENTENCE}</p><h2>More</h2>{LINKS}")
    body = body_of("<head rend='h3'>Setup</head><head rend='h3'>Sharing</head><p>Git commit</p>"
                   f"<head rend='h2'>Strings</head><head rend='h3'>Details</head><p>{SENTENCE}</p>"
                   f"<head rend='h2'>Related posts</head><head rend='h2'>Lists</head><p>{SENTENCE}</p>"
                   "<head rend='h2'>More</head>")
    restore_headed_lists(body, page)
    assert blocks(body) == ["Setup", "Sharing", "Git commit", "Strings", "Details", SENTENCE, "Related posts", "Lists",
                            SENTENCE, "More"]


def test_the_sections_of_a_panel_of_links_get_no_list():
    page = lxml_html.document_fromstring(
        f"<html><body><p>{SENTENCE}</p><div class='panel'>"
        "<h3>Setup</h3><ul><li><a href='/init'>init</a></li></ul>"
        "<h3>Sharing</h3><ul><li><a href='/push'>push</a></li></ul></div>"
        f"<h2>Usage</h2><p>{SENTENCE}</p></body></html>")
    body = body_of(f"<p>{SENTENCE}</p><head rend='h3'>Setup</head><head rend='h3'>Sharing</head>"
                   f"<head rend='h2'>Usage</head><p>{SENTENCE}</p>")
    restore_headed_lists(body, page)
    assert blocks(body) == [SENTENCE, "Setup", "Sharing", "Usage", SENTENCE]

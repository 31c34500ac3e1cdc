"""server/extraction/streamed.py: the parts of a streamed page that came late, hidden at its
end, are read where its scripts move them."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.streamed import place_streamed_parts

FILLER = "This sentence is here so that the page has enough article text to be kept as one. " * 5


def test_a_late_part_is_read_where_its_script_moves_it():
    page = f"""<html><body><nav><a href="/">Home</a> <a href="/docs">Docs</a></nav>
<main><h1>Setting up</h1><p>Opening. {FILLER}</p><template id="B:0"></template>
<p>Closing. {FILLER}</p></main><footer><p>Copyright the makers of the guide.</p></footer>
<div hidden id="S:0"><p>Install the command line tools with the package manager before anything else.</p>
<pre><code>npm install the-guide-tools</code></pre></div><script>$RC("B:0","S:0")</script></body></html>"""
    text = extract(page, "https://docs.example.org/setup").text
    assert "npm install the-guide-tools" in text
    assert text.index("Opening.") < text.index("Install the command line") < text.index("Closing.")


def test_parts_move_in_the_scripts_order_and_other_hidden_elements_stay():
    tree = lxml_html.document_fromstring(
        "<html><body><div id='main'>start <template id='B:1'></template> end</div>"
        "<div hidden id='S:1'><p>first part</p><template id='P:2'></template></div>"
        "<script>$RC(\"B:1\",\"S:1\")</script>"
        "<div hidden id='S:2'><p>second part</p></div><script>$RS(\"S:2\",\"P:2\")</script>"
        "<div hidden id='S:3'><p>never moved</p></div></body></html>")
    place_streamed_parts(tree)
    main = tree.get_element_by_id("main")
    assert [p.text for p in main.iter("p")] == ["first part", "second part"]
    paragraphs = main.findall("p")
    assert main.text == "start " and paragraphs[0].getprevious() is None
    assert paragraphs[-1].tail == " end"
    assert tree.find(".//template") is None
    assert [element.get("id") for element in tree.xpath("//*[@hidden]")] == ["S:3"]


def test_a_part_holding_its_own_placeholder_stays_where_it_is():
    tree = lxml_html.document_fromstring(
        "<html><body><div hidden id='S:1'><p>late text</p><template id='B:1'></template></div>"
        "<script>$RC(\"B:1\",\"S:1\")</script></body></html>")
    place_streamed_parts(tree)
    assert tree.get_element_by_id("S:1").findtext("p") == "late text"

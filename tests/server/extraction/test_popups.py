"""server/extraction/popups.py: the panels of drop-down menus that a control names go before
trafilatura reads the page; tab panels, and what a control names for other reasons, stay."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.popups import drop_popup_menus

FILLER = "This sentence is here so that the page has enough article text to be kept. " * 6
VERSIONS = """<a class="trigger" href="#" data-panel-id="versions">Latest version ▾</a>
<div class="panel" id="versions"><header>Changes in the manual</header><ol>
<li><span>2.51.1 → 2.51.2 no changes</span></li><li><span>2.50.1 no changes</span></li>
<li><a href="/docs/2.49.0">2.49.0</a></li></ol></div>"""


def test_a_menu_that_a_control_opens_goes_with_the_arrowed_control():
    page = f"<html><body><main>{VERSIONS}<h1>git-commit</h1><p>{FILLER}</p><p>{FILLER}</p></main></body></html>"
    text = extract(page, "https://docs.example.org/commit").text
    assert "no changes" not in text
    assert "Latest version" not in text
    assert "enough article text" in text


def test_tab_panels_and_elements_named_for_other_reasons_stay():
    body = lxml_html.fromstring(
        "<div><button aria-haspopup='true' aria-controls='tab1'>Linux</button>"
        "<div role='tabpanel' id='tab1'><p>Install with apt.</p></div>"
        "<a href='#' aria-haspopup='true' data-shareable-oid='post1'>Share</a>"
        "<article id='post1'><p>The post.</p></article>"
        "<button aria-controls='menu1'>Open</button><ul id='menu1'><li>A control that opens no menu</li></ul>"
        "<button aria-haspopup='menu' aria-controls='menu2'>Menu</button><ul id='menu2'><li>Pages</li></ul></div>")
    drop_popup_menus(body)
    text = body.text_content()
    assert "Install with apt." in text
    assert "The post." in text
    assert "A control that opens no menu" in text
    assert "Pages" not in text
    assert "Menu" in text  # a control without an arrow keeps its label


def test_a_panel_holding_sentences_is_content_the_reader_opens():
    body = lxml_html.fromstring(
        "<div><button aria-haspopup='true' data-bs-target='#answer'>How do I pay? ▾</button>"
        "<div id='answer'><p>You pay by card or by bank transfer when the order is confirmed by us.</p></div>"
        "<a href='#' data-target='#rest'>Read more ▾</a>"
        "<div id='rest'>The second half of the article goes on here, in sentences that a reader opens.</div></div>")
    drop_popup_menus(body)
    text = body.text_content()
    assert "You pay by card" in text
    assert "The second half of the article" in text

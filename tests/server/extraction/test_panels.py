"""server/extraction/panels.py: tabbed panels hidden until their tab is picked are shown, so
all of them are read; a panel repeating another stays hidden."""
from __future__ import annotations

from lxml import html as lxml_html

from server.extraction import extract
from server.extraction.panels import show_tab_panels

FILLER = "This sentence is here so that the page has enough article text to be kept. " * 6
TABS = """<div role="tablist"><a role="tab">macOS</a><a role="tab">Linux</a><a role="tab">Windows</a></div>
<section role="tabpanel"><p>Install the tools with Homebrew on the Mac, then check the version.</p></section>
<section role="tabpanel" aria-hidden="true" hidden="hidden"><p>Add the package source list to apt,
then install the tools with the package manager.</p></section>
<section role="tabpanel" style="display: none"><p>Download and run the installer for your version of the
system.</p></section>"""


def test_hidden_tab_panels_are_read_with_the_shown_one():
    page = f"<html><body><main><h1>Install</h1><p>{FILLER}</p>{TABS}<p>{FILLER}</p></main></body></html>"
    text = extract(page, "https://docs.example.org/install").text
    assert "Homebrew" in text
    assert "package source list" in text
    assert "Download and run the installer" in text


def test_a_panel_repeating_another_stays_hidden_and_other_hidden_elements_stay():
    body = lxml_html.fromstring(
        "<div><div role='tabpanel'><p>Same words</p></div>"
        "<div role='tabpanel' style='display:none'><p>Same words</p></div>"
        "<div role='tabpanel' style='color: red; display:none'><p>Other words</p></div>"
        "<div aria-hidden='true'><p>Not a panel</p></div></div>")
    show_tab_panels(body)
    panels = body.findall("div")
    assert panels[1].get("style") == "display:none"
    assert "display" not in (panels[2].get("style") or "")
    assert panels[3].get("aria-hidden") == "true"

"""Tabbed panels, shown all at once as the page's text.

A documentation page often says the same step for several systems or languages in tabbed
panels ("macOS", "Linux", "Windows"), of which a browser shows one at a time: the others are
marked hidden until their tab is picked. trafilatura drops hidden elements as furniture, and
with them every panel but the first. The panels are the article: each element marked as a tab
panel (WAI-ARIA's role="tabpanel", which a screen reader relies on) is shown, so all of them
are read. A panel that says what another already says (a page that fills each panel with the
same text until its tab is picked) stays hidden: it would only repeat it.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# (reached through the attribute, which libxml2 finds faster than by asking each element for it)
PANELS = etree.XPath("descendant::*/@role[. = 'tabpanel']/parent::*")
# What hides an element from trafilatura.
HIDDEN = etree.XPath("@aria-hidden or @hidden or contains(translate(@style, ' ', ''), 'display:none')")
HIDING_ATTRIBUTES = ("aria-hidden", "hidden")
DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)


def show_tab_panels(body: HtmlElement) -> None:
    """Remove what hides each tab panel of `body` that says something no other panel says."""
    panels = PANELS(body)
    said = {_said(panel) for panel in panels if not HIDDEN(panel)}
    for panel in panels:
        if not HIDDEN(panel) or _said(panel) in said:
            continue
        said.add(_said(panel))
        for attribute in HIDING_ATTRIBUTES:
            panel.attrib.pop(attribute, None)
        style = panel.get("style")
        if style is not None:
            panel.set("style", DISPLAY_NONE_RE.sub("", style))


def _said(panel: HtmlElement) -> str:
    return " ".join(panel.text_content().split())

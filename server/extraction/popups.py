"""Drop-down menus, taken out of the page before trafilatura reads it.

A site's header and a documentation page's toolbar open menus over the page: a button or a link
("Topics ▾", "Latest version ▾", "English ▾") shows a panel of links (the other pages of a
section, the versions and translations of the page) until the reader picks one. The panel is in
the page all along, hidden by a style sheet or a script, which trafilatura does not read: it
takes the panel's lines for the article's first paragraphs. Where the control says it opens a
menu (WAI-ARIA's aria-haspopup, which a screen reader relies on, or a down arrow after its label)
and names the panel it opens by its id (aria-controls, or an attribute of the script that opens
it, "data-target", "data-panel-id"), the panel goes, and a control labelled with the arrow too:
the arrow is no word of the article. A panel that WAI-ARIA marks as a tab panel is the article's
(panels.py), one holding the page's main heading is a wrapper of the page, not a menu, and one
holding a sentence is content a reader opens (an accordion's answer, the rest of an article).
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# The controls that say they open a menu: the attribute itself looked for (which libxml2 finds
# faster than by asking each element for it), or the down arrow, in a link's or a button's text.
POPUP_CONTROLS = etree.XPath(
    "descendant::*/@aria-haspopup[. = 'true' or . = 'menu' or . = 'listbox']/parent::*[self::a or self::button]")
ARROWS = "▾▼⌄"
ARROW_CONTROLS = etree.XPath(
    "descendant::*[self::a or self::button][" + " or ".join(f"contains(., '{arrow}')" for arrow in ARROWS) + "]")
# The elements with an id (the body too), in the page's order: the attribute looked for, as above.
IDENTIFIED = etree.XPath("descendant-or-self::*/@id[. != '']/parent::*")
# Attributes by which a control names what it opens (the id, or "#" and the id).
NAMING_ATTRIBUTES = ("aria-controls", "aria-owns")
NAMING_DATA_RE = re.compile(r"^data-(?:[\w-]*-)?(?:target|panel|menu|dropdown|controls)(?:-id)?$")
# A menu's entries are names and short phrases; a run of text this long is a sentence, and a panel
# holding one (the answer an accordion shows, the rest of an article behind "Read more ▾") is content.
MAX_MENU_ENTRY_WORDS = 12


def drop_popup_menus(body: HtmlElement) -> None:
    """Remove from `body` each panel that a control opening a menu names (see above), and the
    controls labelled with a down arrow."""
    controls = {*POPUP_CONTROLS(body), *(control for control in ARROW_CONTROLS(body) if _arrowed(control))}
    if not controls:
        return
    ids = {element.get("id"): element for element in IDENTIFIED(body)}
    for control in controls:
        for name in _named(control):
            panel = ids.get(name)
            if panel is not None and panel.getparent() is not None and _is_menu(panel, control):
                panel.drop_tree()  # keeps its tail
        if _arrowed(control) and control.getparent() is not None:
            control.drop_tree()


def _arrowed(control: HtmlElement) -> bool:
    return control.text_content().strip().endswith(tuple(ARROWS))


def _named(control: HtmlElement) -> list[str]:
    """The ids that the control names as what it opens."""
    names: list[str] = []
    for attribute, value in control.attrib.items():
        if attribute in NAMING_ATTRIBUTES or NAMING_DATA_RE.match(attribute):
            names.extend(name.lstrip("#") for name in value.split())
    return names


def _is_menu(panel: HtmlElement, control: HtmlElement) -> bool:
    if panel.get("role") == "tabpanel" or next(panel.iter("h1"), None) is not None:
        return False
    if any(len(text.split()) >= MAX_MENU_ENTRY_WORDS for text in panel.itertext()):
        return False
    return control not in set(panel.iter())  # (a panel holding its own control is the whole menu bar's wrapper)

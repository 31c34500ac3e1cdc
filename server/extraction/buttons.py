"""Rows of buttons, taken out of the page before trafilatura reads it.

A page sets its calls to action in a paragraph of their own: links that its style sheet draws as
buttons ("Get it on Hugging Face", "Download", "Sign up now"), one beside the other. They are
controls, as a form's buttons are, not sentences of the article, and trafilatura, which does not
read styles, keeps the paragraph as one of the article's. A link is drawn as a button where its
class names one ("button", "btn", "button-primary"; not "buttons-row-item") or WAI-ARIA gives it
the role; a paragraph whose every word is in two such links or more goes. A paragraph with a word of its own
beside them ("Read the guide or <a class=button>start now</a>") is a sentence, and stays.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# A class token naming a button, alone or as the first or last part of a hyphenated or
# underscored name ("btn", "btn-primary", "hero_button"); not a word that only begins so.
BUTTON_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:button|btn)(?=$|[\s_-])", re.IGNORECASE)
# A row is two buttons or more: a button alone in a paragraph is as often the control of a panel
# of the page (a dialog's "Sign In") whose paragraphs trafilatura weighs with it.
MIN_BUTTONS = 2
# Paragraphs holding a link, found in lxml rather than by asking each paragraph in Python.
LINK_PARAGRAPHS = etree.XPath("descendant::a/parent::p")


def drop_button_rows(body: HtmlElement) -> None:
    """Remove from `body` each paragraph whose text is all in links drawn as buttons."""
    for paragraph in LINK_PARAGRAPHS(body):
        if paragraph.getparent() is not None and _is_button_row(paragraph):
            paragraph.drop_tree()  # keeps its tail


def _is_button_row(paragraph: HtmlElement) -> bool:
    links = list(paragraph.iter("a"))
    if len(links) < MIN_BUTTONS or not all(_is_button(link) for link in links):
        return False
    if (paragraph.text or "").strip() or any((link.tail or "").strip() for link in links):
        return False
    # every other element of the paragraph is inside one of the links (or holds nothing to read)
    inside = {element for link in links for element in link.iter()}
    return all(element in inside or not ((element.text or "").strip() or (element.tail or "").strip())
               for element in paragraph.iterdescendants(etree.Element))


def _is_button(link: HtmlElement) -> bool:
    return link.get("role") == "button" or BUTTON_CLASS_RE.search(link.get("class") or "") is not None

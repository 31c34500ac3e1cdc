"""A chapter's table of contents, put back where the chapter says little else.

A manual's chapter page is often its table of contents and a paragraph of introduction: the
sections it holds, each a link numbered as a section ("11.1. Introduction", "11.2.1. B-Tree"),
then a few lines on the chapter's subject. trafilatura deletes the table as a menu (it is all
links), and leaves a paragraph. Where the body is that short, and in the page a list whose items
are all links numbered as sections stands just before the body's first paragraph, in the same
container, the list goes back before that paragraph. (A book's whole contents in a menu beside a
chapter's long text stays out: the body is long; a menu of the site's pages is not numbered.)
"""
from __future__ import annotations

import itertools
import re

from lxml import etree
from lxml.html import HtmlElement

from .introduced import HIDDEN, copy_inline

WORDS_RE = re.compile(r"\w+")
# A body this short is a landing page's: longer, it is the chapter's own text.
SHORT_BODY_WORDS = 150
# A section's number opening an item: "11.1.", "11.2.1", "A.2", "B.1.3." (one dot at least: a
# list of steps, "1 Mix the flour", is no table of contents).
SECTION_NUMBER_RE = re.compile(r"^(?:\d+|[A-Z])(?:\.\d+)+\.?\s")
MIN_SECTIONS = 3
# A table half of whose items the body says already is one trafilatura kept.
SAID_SHARE = 0.5
# How far up from the paragraph the container holding both may be.
CONTAINER_LEVELS = 2
LISTS = ("ul", "ol", "dl")
ITEMS = ("li", "dt")
FURNITURE = etree.XPath("boolean(ancestor::nav|ancestor::header|ancestor::footer|ancestor::aside)")


def restore_chapter_contents(body: etree._Element, page: HtmlElement) -> None:
    """Put back in a short `body`, before its first paragraph, the table of contents that stands
    before that paragraph in `page` (see the module's docstring)."""
    paragraphs = [p for p in body.iter("p") if WORDS_RE.search("".join(p.itertext()))]
    if not paragraphs or len(" ".join(body.itertext()).split()) > SHORT_BODY_WORDS:
        return
    first = paragraphs[0]
    key = _key("".join(first.itertext()))
    sources = [p for p in page.iter("p") if _key(p.text_content()) == key]
    if len(sources) != 1:
        return  # a pairing that is not sure puts nothing back
    contents = _contents_before(sources[0])
    if contents is None or _said(contents, f" {_key(' '.join(body.itertext()))} "):
        return
    restored = _body_list(contents)
    parent = first.getparent()
    assert parent is not None
    parent.insert(parent.index(first), restored)


def _contents_before(paragraph: HtmlElement) -> HtmlElement | None:
    """The table of contents standing before `paragraph` in a container of both, if any."""
    containers = list(itertools.islice(paragraph.iterancestors(), CONTAINER_LEVELS))
    for container in containers:
        for element in container.iter():
            if element is paragraph:
                break
            if element.tag in LISTS and _is_contents(element) and not HIDDEN(element) and not FURNITURE(element):
                return element
    return None


def _is_contents(element: HtmlElement) -> bool:
    """A list whose items (its lists' items too) are all links numbered as sections."""
    items = list(element.iter(*ITEMS))
    return len(items) >= MIN_SECTIONS and all(
        SECTION_NUMBER_RE.match(item.text_content().strip()) and item.find(".//a[@href]") is not None
        for item in items)


def _said(contents: HtmlElement, said: str) -> bool:
    """Whether the body (its words `said`) says half the items of `contents` already."""
    items = [key for item in contents.iter(*ITEMS) if (key := _key(item.text_content()))]
    return sum(f" {item} " in said for item in items) >= SAID_SHARE * len(items)


def _body_list(source: HtmlElement) -> etree._Element:
    """The page's list `source` (a definition list's terms as its items, a list inside a
    definition going into the item before it) as trafilatura writes a list in its body."""
    written = etree.Element("list", rend="ol" if source.tag == "ol" else "ul")
    for child in source:
        if child.tag in ITEMS:
            copy_inline(child, etree.SubElement(written, "item"))
        elif child.tag == "dd" and len(written):
            written[-1].extend(_body_list(inner) for inner in child if inner.tag in LISTS)
    return written


def _key(text: str) -> str:
    return " ".join(WORDS_RE.findall(text.casefold()))

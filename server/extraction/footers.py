"""The site's footer, where trafilatura's body closes with it.

trafilatura deletes the parts of a page whose class or id names a footer, but not when
deleting its furniture would leave almost nothing of the page (a page whose content sits in
containers with a class it takes for furniture too, "expanded" or "slide"): then, finding no
container of an article, it gathers the page's paragraphs wherever they stand, the footer's
among them ("© 2026 Acme. All rights reserved.", "Privacy Policy | Legal | Cookies"). The
footer a page marks as the end of the page itself (a <footer> outside any <article>, or an
element of the role "contentinfo") holds none of its content: the blocks closing the body
whose words stand there, and nowhere else on the page, go.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from .edges import remove_keeping_tail

WORDS_RE = re.compile(r"\w+")
# The page's own footers (a <footer> inside an <article> is the article's: its tags, its author).
# (the role reached through the attribute, which libxml2 finds faster than by asking each element)
PAGE_FOOTERS = etree.XPath("//footer[not(ancestor::article)] | //@role[. = 'contentinfo']/parent::*")
# The closing blocks go only while they say less than the rest of the body: a body that is
# mostly the footer's words was taken from a page whose footer holds the page (markup left open).
FOOTER_MAX_SHARE = 0.5


def drop_page_footer(body: etree._Element, tree: HtmlElement) -> None:
    """Remove the blocks closing `body` whose words all stand in the page's footer."""
    blocks = [child for child in body]
    keys: dict[etree._Element, str] = {}  # the words of each block, read from the last one back
    footers: list[str] | None = None  # the page's footers, found when a block closes the body
    run: list[etree._Element] = []
    said = 0
    page: str | None = None  # the words of the whole page, read when a block is found in a footer
    for child in reversed(blocks):
        key = keys[child] = _key(child)
        if not key:
            continue
        if footers is None:
            footers = [words for words in map(_key, PAGE_FOOTERS(tree)) if words]
        in_footers = sum(_count(key, footer) for footer in footers)
        if not in_footers:
            break
        page = _key(tree) if page is None else page
        if _count(key, page) > in_footers:  # said in the article too (its writer's name, signing it)
            break
        run.append(child)
        said += len(key.split())
    if not run:
        return
    said_all = [words for words in (keys.get(child) or _key(child) for child in blocks) if words]
    total = sum(len(words.split()) for words in said_all)
    if len(run) < len(said_all) and said < FOOTER_MAX_SHARE * total:
        for child in run:
            remove_keeping_tail(child)


def _count(key: str, words: str) -> int:
    """How many times the words `key` stand in the words `words`, whole words in the same order."""
    return len(re.findall(rf"(?<!\S){re.escape(key)}(?!\S)", words))


def _key(element: etree._Element) -> str:
    return " ".join(WORDS_RE.findall(" ".join(element.itertext()).casefold()))

"""The article's region: the element of the page holding most of the paragraphs trafilatura
took, and what it says that trafilatura left out.

trafilatura looks for the article in a container it knows by its tag or its class (an
<article>, a "post-content" division, a <main>). On a page without one it gathers the
page's paragraphs, code blocks and tables wherever they stand, and leaves out the
headings and the lists between them: a tutorial loses its steps, a reference page its
section titles. Such a body is a run of paragraphs without a heading or a list; when
their region has headings or lists, trafilatura reads the region again on its own,
marked as the article body (`region_document`), and keeps them in their place. Where one
section holds most of the paragraphs (a reference page's parameters), that section read alone
keeps too little of the body: the element holding nearly all of them is read then.

In a container it did find, trafilatura leaves out what its pruning takes for
furniture: a table of a course's sessions full of links, the lists of a page laid out
in a table. When the region says much more outside links than the body
(`says_much_more`), the page is read again favouring recall (article.py).
"""
from __future__ import annotations

import copy
import re
from collections import Counter

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

WORDS_RE = re.compile(r"\w+")
# Share of the body's paragraph words the region holds: a stray paragraph from a sidebar or a
# footer does not widen it to the whole page.
REGION_SHARE = 0.8
# What trafilatura's gathering of paragraphs leaves out.
STRUCTURE = ("head", "list")
PAGE_STRUCTURE = etree.XPath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//ul|.//ol|.//dl")
# The region marked the way trafilatura's first look for an article body finds it.
REGION_PAGE = "<html><body><article itemprop='articleBody'></article></body></html>"
# Text of the region that no reader sees or that only names other pages.
# (only the outermost: a link inside a link, a script in a template, is counted with it)
UNSAID_TAGS = ("a", "script", "style", "noscript", "template")
_OUTERMOST = " and ".join(f"not(ancestor::{tag})" for tag in UNSAID_TAGS)
UNSAID = etree.XPath("|".join(f".//{tag}[{_OUTERMOST}]" for tag in UNSAID_TAGS))
# How many times the body's words the region says outside links before the body is taken to
# have lost part of the article: a region also holds a title, a byline, captions and labels
# that trafilatura rightly leaves out, about a tenth of an article.
MUCH_MORE = 1.15


def article_region(tree: HtmlElement, body: etree._Element, share: float = REGION_SHARE) -> HtmlElement | None:
    """The deepest element of the page holding `share` of the words of the body's paragraphs;
    None when the body has no paragraph found in the page."""
    wanted = {key for key in map(_key, body.iter("p")) if key}
    if not wanted:
        return None
    words: Counter[HtmlElement] = Counter()
    total = 0
    for paragraph in tree.iter("p"):
        key = _key(paragraph)
        if key not in wanted:
            continue
        wanted.discard(key)  # a paragraph said twice (in a menu, say) counts once
        count = len(key.split())
        total += count
        for ancestor in paragraph.iterancestors():
            words[ancestor] += count
        if not wanted:
            break  # every paragraph of the body is found: the page's further paragraphs count for nothing
    holding = [element for element, count in words.items() if count >= share * total]
    return max(holding, key=_depth, default=None)


def lost_structure(region: HtmlElement, body: etree._Element) -> bool:
    """Whether the body is paragraphs alone where the region has headings or lists."""
    if any(True for _ in body.iter(*STRUCTURE)):
        return False
    return any(_key(element) for element in PAGE_STRUCTURE(region))


def says_much_more(region: HtmlElement, body: etree._Element) -> bool:
    """Whether the region says many more words outside links than the body."""
    most = MUCH_MORE * len(WORDS_RE.findall(" ".join(body.itertext())))
    # (all its words first: most regions say no more than the body even with their links)
    said = len(WORDS_RE.findall(" ".join(region.itertext())))
    return said > most and _said(region, said) > most


def region_document(region: HtmlElement) -> HtmlElement:
    """A page holding a copy of the region's content alone, as its article body."""
    page = lxml_html.document_fromstring(REGION_PAGE)  # an HtmlElement, as trafilatura takes it
    article = page.find("body/article")
    assert article is not None
    article.text = region.text
    for child in region:
        article.append(copy.deepcopy(child))
    return page


def keeps(found: etree._Element, body: etree._Element, share: float) -> bool:
    """Whether `found` says at least `share` of the words of `body`."""
    had = Counter(WORDS_RE.findall(" ".join(body.itertext()).casefold()))
    has = Counter(WORDS_RE.findall(" ".join(found.itertext()).casefold()))
    return sum((had & has).values()) >= share * sum(had.values())


def _said(element: HtmlElement, said: int) -> int:
    """How many words the element says outside links (`said`: all its words)."""
    return said - sum(len(WORDS_RE.findall(" ".join(unsaid.itertext()))) for unsaid in UNSAID(element))


def _depth(element: HtmlElement) -> int:
    return sum(1 for _ in element.iterancestors())


def _key(element: etree._Element) -> str:
    return " ".join(WORDS_RE.findall(" ".join(element.itertext()).casefold()))

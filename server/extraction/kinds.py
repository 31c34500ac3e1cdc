"""Kinds of page: whether a page has an article at all, and what kind of page it is."""
from __future__ import annotations

import re

from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from .declared import Declared

WORD_RE = re.compile(r"\w")
SHORT_TEXT_CHARS = 500
BOILERPLATE_XPATH = (
    "//nav|//header|//footer|//aside|//menu|//form|//button|//select|//script|//style|//noscript|//template"
    "|//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='menu' or @role='menubar']"
)


UTF8_HTML_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)

ARTICLE = "article"
THREAD = "thread"
# schema.org types of a discussion: its posts are the content, not comments beside it
# (a Question alone may be one entry of an FAQ)
THREAD_TYPES = frozenset({"DiscussionForumPosting", "QAPage"})
THREAD_ITEMTYPE_RE = re.compile(r"schema\.org/(?:DiscussionForumPosting|QAPage)\b")
# path segments that forum and Q&A software uses for a thread
THREAD_PATH_RE = re.compile(
    r"/(?:threads?|forums?|questions|discussions?|comments|viewtopic|showthread)(?:/|\.php|$|[-.])",
    re.IGNORECASE)


def page_kind(page: Declared, url: str) -> str:
    """THREAD for a discussion (forum thread, Q&A), whose replies are part of the content;
    ARTICLE for everything else."""
    if page.types & THREAD_TYPES:
        return THREAD
    if THREAD_PATH_RE.search(urlsplit(url).path or "/"):
        return THREAD
    if any(THREAD_ITEMTYPE_RE.search(item_type) for item_type in page.item_types):
        return THREAD
    return ARTICLE


def only_boilerplate(html: str) -> bool:
    """Whether all the text of the page sits in navigation, headers, footers and links.

    trafilatura's last resort is the whole text of the page, so a page of menus
    alone still gives a little text; this tells it from a short article. It
    parses the page a second time and runs only for short extractions."""
    try:
        # as bytes with the encoding given, so a <meta charset> in the page cannot override it
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=UTF8_HTML_PARSER)
    except etree.ParserError:  # nothing to parse
        return True
    for element in tree.xpath(BOILERPLATE_XPATH):
        if element.getparent() is not None:
            element.drop_tree()
    for link in tree.iter("a"):
        link.text = None
        for child in link:
            child.drop_tree()
    body = tree.find("body")
    return body is None or not any(WORD_RE.search(piece) for piece in body.itertext())

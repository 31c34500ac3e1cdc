"""Short sentences with links, put back where trafilatura left them out between two blocks it kept.

trafilatura deletes a short paragraph most of whose words are links, or whose links are all short
words, as a menu (its link-density test): "Install the <a>sudo</a> package." under a wiki's
"Installation" heading, "See <a>Errors</a> and <a>Logging</a>." in a reference page. Such a
paragraph reads as a sentence of the article, not as a menu: it ends as a sentence does and
says words of its own beside its links. Where it stands in the page between two blocks that the
body keeps one right after the other (the heading before it, the paragraph after it), it goes
back between them: the article runs on through it. A sentence that stands elsewhere (at the
article's edges, in a panel of links beside it) stays out.

A block is known in the page by its words, and only where they are said once in the body and
once in the page around the sentence: a pairing that is not sure puts nothing back.
"""
from __future__ import annotations

import re
from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from .introduced import HIDDEN, copy_inline

WORDS_RE = re.compile(r"\w+")
SENTENCE_ENDS = (".", "!", "?")
# The paragraphs trafilatura's link-density test judges by their links: shorter than this many
# characters (its limit, for a paragraph that ends its container).
SHORT_SENTENCE_CHARS = 60
# Words outside its links that a sentence says (a menu's entries are links and separators alone).
OWN_WORDS = 2
# Paragraphs holding a link, found from the links, far fewer than the page's elements.
LINKED_PARAGRAPHS = etree.XPath("descendant::a/ancestor::p[1]")


def restore_linked_sentences(body: etree._Element, page: HtmlElement) -> None:
    """Put back in `body` each short sentence with links of `page` that trafilatura left out between
    two blocks the body keeps one right after the other (see above)."""
    candidates = [paragraph for paragraph in LINKED_PARAGRAPHS(page)
                  if _linked_sentence(paragraph) and not HIDDEN(paragraph)]
    if not candidates:
        return  # (most pages: the body's blocks are not read)
    blocks = [child for child in body if isinstance(child.tag, str)]
    keys = [_key("".join(block.itertext())) for block in blocks]
    said = f" {' '.join(keys)} "
    counts = Counter(keys)
    # a block's words, to the block right after it in the body
    following = {key: after for key, after in zip(keys, blocks[1:], strict=False)}
    for paragraph in candidates:
        if f" {_key(paragraph.text_content())} " in said:
            continue
        before, after = _sibling(paragraph, -1), _sibling(paragraph, 1)
        if before is None or after is None:
            continue
        before_key = _key(before.text_content())
        block = following.get(before_key)
        if (not before_key or counts[before_key] != 1 or block is None
                or _key("".join(block.itertext())) != _key(after.text_content())):
            continue
        written = etree.Element("p")
        copy_inline(paragraph, written)
        previous = block.getprevious()
        assert previous is not None
        written.tail = previous.tail
        previous.tail = None
        previous.addnext(written)


def _linked_sentence(paragraph: HtmlElement) -> bool:
    """A short paragraph that ends as a sentence and says words of its own beside its links."""
    text = " ".join(paragraph.text_content().split())
    if not text or len(text) >= SHORT_SENTENCE_CHARS or not text.endswith(SENTENCE_ENDS):
        return False
    linked = sum(len(WORDS_RE.findall(link.text_content())) for link in paragraph.iter("a"))
    return len(WORDS_RE.findall(text)) - linked >= OWN_WORDS


def _sibling(element: HtmlElement, step: int) -> HtmlElement | None:
    """The element right before (`step` -1) or after (1) `element`, comments skipped."""
    sibling = element.getprevious() if step < 0 else element.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getprevious() if step < 0 else sibling.getnext()
    return sibling


def _key(text: str) -> str:
    return " ".join(WORDS_RE.findall(text.casefold()))

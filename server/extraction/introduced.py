"""Lists that a sentence or a heading of the article introduces, put back where trafilatura left
them out.

trafilatura deletes a short list whose text is mostly links as a menu (its link-density test):
"For more information, see:" and two links, to a data type's overview and to its commands;
"Popular back-end languages include:" and five linked names. A paragraph that ends in a colon
announces what follows it: where trafilatura kept such a paragraph and left out the list that
follows it in the page, the list is the article's, and goes back after the paragraph.

The list goes back where the body has no part of it: no two of its items one after the other,
none of them as an item. Each item alone may well be said in the text (a list of the types a
function takes, "a string", "Blob", "File", names what the page speaks of).

An item can announce a list too, the list it holds: "repeatedly:" and the steps repeated, which
trafilatura deletes inside the item as it does after a paragraph. It goes back inside the item.

A paragraph is known in the page by its words. Where several paragraphs say the same ("For more
information, see:" under each section), the body's and the page's are paired in their order,
and only when both have as many of them: a pairing that is not sure puts nothing back.

A heading is the other thing that announces a list: a section of a guide that is a list of
linked pages ("1. Data Preprocessing" and the six pages about it). Where the body keeps such a
heading with nothing under it, the next heading of its rank or above following straight after
it, trafilatura left out what it heads; when that is a list in the page, it goes back under the
heading. (Only inside the article: the last heading with nothing under it is the article's
furniture as often, "Related posts" whose list of links went, and so are headings before its
first paragraph, the sections of a menu of the site's pages that trafilatura kept; and in the
page, the heading stands among the article's paragraphs, not in a panel of headings and links.)
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from lxml import etree
from lxml.html import HtmlElement

from .edges import text_outside

WORDS_RE = re.compile(r"\w+")
INTRODUCING_ENDS = (":",)
# A paragraph that points to other pages ("If you liked this post you might also like:", "Related
# articles and links:") introduces a list of them, not more of the article.
POINTER_RE = re.compile(r"\b(?:related|(?:may|might) also like|further reading|read more|read next)\b",
                        re.IGNORECASE)
LISTS = ("ul", "ol")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A list some of whose items the body names already is still missing from it, up to this share
# of them named.
SAID_SHARE = 0.5
PARAGRAPH_WORDS = 10
# What a browser does not show: the list, or an element holding it, hidden.
HIDDEN = etree.XPath("boolean(ancestor-or-self::*[@hidden or @aria-hidden='true'"
                     " or contains(translate(@style, ' ', ''), 'display:none')])")
# The page's inline markup as trafilatura writes it in a body; other inline elements give their text.
FORMATTING = {"b": "#b", "strong": "#b", "i": "#i", "em": "#i", "u": "#u", "sub": "#sub", "sup": "#sup"}
UNSHOWN = frozenset({"script", "style", "noscript", "template", "button", "svg", "img", "picture", "video"})
# Blocks inside an item: their words stand apart from the words beside them.
ITEM_BLOCKS = frozenset({"p", "div", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                         "section", "table", "tr", "td", "th", "pre"})


def restore_introduced_lists(body: etree._Element, page: HtmlElement) -> None:
    """Put back in `body`, after each paragraph of it that ends in a colon, the list that follows
    that paragraph in `page` (the tree trafilatura read), where the body has no part of that list
    (see `_kept`); and inside each item ending in a colon, the list it holds in the page."""
    introductions: dict[str, list[etree._Element]] = defaultdict(list)
    for paragraph in body.iter("p"):
        text = "".join(paragraph.itertext()).strip()
        if text.endswith(INTRODUCING_ENDS) and not POINTER_RE.search(text) and (key := _key(text)):
            introductions[key].append(paragraph)
    if not introductions and body.find(".//item") is None:
        return
    said = f" {_key(' '.join(body.itertext()))} "
    items_said = {_key(text_outside(item, ("list",))) for item in body.iter("item")}
    for paragraph, source in _pairs(introductions, page, ("p",)):
        following = _next_element(source)
        if following is None or following.tag not in LISTS or HIDDEN(following):
            continue
        if not _kept(following, said, items_said):
            _put_after(paragraph, following)
    _restore_item_lists(body, page, said, items_said)


def _restore_item_lists(body: etree._Element, page: HtmlElement, said: str, items_said: set[str]) -> None:
    """Put back inside each item of `body` that ends in a colon and holds no list the list that the
    item holds in `page` after the same words ("repeatedly:" and the steps repeated), where the
    body has no part of it: trafilatura deletes a short list of short links inside an item as a
    menu, as it does one after a paragraph."""
    introductions: dict[str, list[etree._Element]] = defaultdict(list)
    for item in body.iter("item"):
        text = "".join(item.itertext()).strip()
        if text.endswith(INTRODUCING_ENDS) and item.find(".//list") is None and (key := _key(text)):
            introductions[key].append(item)
    if not introductions:
        return
    for item, source in _pairs(introductions, page, ("li",), lambda element: text_outside(element, LISTS)):
        inner = next((child for child in source.iterchildren(*LISTS)), None)
        if inner is not None and not HIDDEN(inner) and not _kept(inner, said, items_said):
            item.append(_body_list(inner))


def restore_headed_lists(body: etree._Element, page: HtmlElement) -> None:
    """Put back in `body`, under each heading of it that heads nothing (see above), the list that
    follows that heading in `page`, where the body says fewer than half of its items."""
    empty: dict[str, list[etree._Element]] = defaultdict(list)
    read = False  # whether a paragraph of the article came before
    for heading in body.iter("head", "p"):
        if heading.tag == "p":
            read = read or bool(WORDS_RE.search("".join(heading.itertext())))
            continue
        following = heading.getnext()
        if (read and following is not None and following.tag == "head" and _rank(following) <= _rank(heading)
                and not POINTER_RE.search(text := "".join(heading.itertext())) and (key := _key(text))):
            empty[key].append(heading)
    if not empty:
        return
    said = f" {_key(' '.join(body.itertext()))} "
    for heading, source in _pairs(empty, page, HEADINGS):
        following, parent = _next_element(source), source.getparent()
        if following is None and parent is not None and len(parent) == 1:
            following, parent = _next_element(parent), parent.getparent()  # a heading alone in a wrapper
        if (following is not None and following.tag in LISTS and not HIDDEN(following)
                and parent is not None and _among_paragraphs(parent) and _unsaid(following, said)):
            _put_after(heading, following)


def _pairs(wanted: dict[str, list[etree._Element]], page: HtmlElement, tags: tuple[str, ...],
           text: Callable[[HtmlElement], str] = HtmlElement.text_content) -> list[tuple[etree._Element, HtmlElement]]:
    """Each element of the body in `wanted` (by its words' key) paired with the element of
    `page` (of `tags`) saying the same (its `text`), in their order; only where the page has as
    many of them: a pairing that is not sure pairs nothing."""
    in_page: dict[str, list[HtmlElement]] = defaultdict(list)
    for element in page.iter(*tags):
        key = _key(text(element))
        if key in wanted:
            in_page[key].append(element)
    return [pair for key, elements in wanted.items() if len(in_page[key]) == len(elements)
            for pair in zip(elements, in_page[key], strict=True)]


def _put_after(element: etree._Element, source: HtmlElement) -> None:
    """Put the page's list `source`, as the body writes a list, right after `element`."""
    restored = _body_list(source)
    restored.tail = element.tail
    element.tail = None
    element.addnext(restored)


def _among_paragraphs(container: HtmlElement) -> bool:
    """Whether `container` holds a paragraph of at least PARAGRAPH_WORDS words: a heading among
    the article's paragraphs, not in a menu of headings and links (a drop-down panel of the site's
    pages)."""
    return any(len(WORDS_RE.findall(paragraph.text_content())) >= PARAGRAPH_WORDS
               for paragraph in container.iter("p"))


def _rank(heading: etree._Element) -> int:
    """A heading's level in trafilatura's body: 1 for "h1", 6 for "h6" (a heading it wrote
    without one is an "h2", as the reader shows it)."""
    rend = heading.get("rend") or ""
    return int(rend[1]) if rend in HEADINGS else 2


def _unsaid(source: HtmlElement, said: str) -> bool:
    """Whether the list `source` has items and the body (its words `said`) has fewer than half of
    them (an item of a list of pages, "Cross Validation", may well be named in the text too)."""
    items = [key for item in source.iterchildren("li") if (key := _key(item.text_content()))]
    return bool(items) and SAID_SHARE * len(items) > sum(f" {item} " in said for item in items)


def _kept(source: HtmlElement, said: str, items_said: set[str]) -> bool:
    """Whether the body (its words `said`, the words of each of its items `items_said`) kept the
    list `source`, or part of it: it says two of its items one right after the other, or has one
    of them as an item. (The items of a list inside an item come after it, as trafilatura writes
    them, each read without the lists inside it, which trafilatura may have left out.) An item
    said alone in the text is no sign: the list of the types a function takes ("a string",
    "Blob", "File") names what the page speaks of, a list of the page's sections its headings."""
    items = [key for item in source.iter("li") if (key := _key(text_outside(item, LISTS)))]
    runs = [f" {first} {second} " for first, second in zip(items, items[1:], strict=False)]
    return not items or any(run in said for run in runs) or not items_said.isdisjoint(items)


def _next_element(element: HtmlElement) -> HtmlElement | None:
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):  # a comment, a processing instruction
        following = following.getnext()
    return following


def _body_list(source: HtmlElement) -> etree._Element:
    """The page's list `source` as trafilatura writes a list in its body."""
    written = etree.Element("list", rend=str(source.tag))
    for item in source.iterchildren("li"):
        copy_inline(item, etree.SubElement(written, "item"))
    return written


def copy_inline(source: HtmlElement, target: etree._Element) -> None:
    """The text of `source`, with its links, formatting, line breaks and lists, into `target`."""
    _add_text(target, source.text)
    for child in source:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in LISTS:
            target.append(_body_list(child))
        elif tag == "br":
            etree.SubElement(target, "lb")
        elif tag and tag not in UNSHOWN:
            if tag in ITEM_BLOCKS:
                _add_text(target, " ")
            copy = _inline_element(child)
            if copy is None:
                copy_inline(child, target)
            else:
                target.append(copy)
                copy_inline(child, copy)
            if tag in ITEM_BLOCKS:
                _add_text(target, " ")
        _add_text(target, child.tail)


def _inline_element(source: HtmlElement) -> etree._Element | None:
    """The element of trafilatura's body that stands for `source`; None for one that gives its text alone."""
    if source.tag == "a" and source.get("href"):
        return etree.Element("ref", target=source.get("href") or "")
    if source.tag in FORMATTING:
        return etree.Element("hi", rend=FORMATTING[str(source.tag)])
    if source.tag == "code":
        return etree.Element("code")
    return None


def _add_text(target: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


def _key(text: str) -> str:
    return " ".join(WORDS_RE.findall(text.casefold()))

"""The page's top headings as a browser shows them: the words a reader sees (not those
written for screen readers alone, nor those of a dialog over the page), the address a heading
that is a link leads to, and a heading's first part where its markup sets it apart.
"""
from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .declared import Declared

# Elements inside which a browser runs the words of a heading on; any other element (a <br>, a
# <span> styled as a block is not told apart) sets them apart.
RUNNING_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                          "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
                          "var", "wbr"})
# Elements whose text a browser does not show as words of the heading: an icon's <svg> holds a
# <title> ("Artboard Created with Sketch.") that is only a tooltip.
UNSHOWN_TAGS = frozenset({"svg", "script", "style", "noscript", "template", "button"})
# Class names of text a page writes for screen readers alone, which a browser does not show
# ("<span class='visually-hidden'>Collection: </span>Boots", a logo's name beside its picture).
# Read in lower case without hyphens and underscores, so found inside a generated name too
# ("utils_visuallyHidden__x1"), but not in one that undoes it ("not-sr-only").
SCREEN_READER_CLASS_RE = re.compile(r"(?<!not)(?:visuallyhidden|hiddenvisually|sronly|screenreader|elementinvisible)")
# An inline style that takes an element out of the page (not "visibility: hidden", which pages
# set on words that a script then fades in).
HIDING_STYLE_RE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# A heading or a <title> longer than this is no title.
MAX_TITLE_CHARS = 300
WORD_TOKEN_RE = re.compile(r"\w+")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Headings the page shows in a box over itself (a cookie notice, a sign-up prompt), not as its own.
DIALOG_XPATH = "ancestor::dialog|ancestor::*[@role='dialog' or @role='alertdialog' or @aria-modal='true']"
# Text read as Latin-1 that was written as UTF-8 shows control characters from U+0080 to U+009F
# ("â\x80\x94" for "—"), which no title holds.
MOJIBAKE_RE = re.compile("[\u0080-\u009f]")
# One character so misread: the lead byte of its UTF-8 sequence and the bytes that follow it.
MISREAD_CHARACTER_RE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}")
# Characters a browser does not show: a soft hyphen (shown only where a line breaks), a zero-width
# space, a word joiner, a byte-order mark, and the marks that set the direction of the text around
# them (a title written "\u202aTide Tables\u202c").
UNSHOWN_CHARACTERS = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                            "\u2066\u2067\u2068\u2069"))


def top_headings(h1s: Sequence[etree._Element]) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The text of the page's <h1> elements (`h1s`, those of its body), as a browser shows them
    (but those of a dialog over the page), the address that each heading that is a link as a
    whole leads to, and the first part of each heading whose markup sets parts apart."""
    headings = []
    links = {}
    leads = {}
    for heading in h1s:
        text = shown(_shown_text(heading)).rstrip(" ¶#§")
        if text and len(text) <= MAX_TITLE_CHARS and not heading.xpath(DIALOG_XPATH):
            headings.append(text)
            if (link := _whole_link(heading)) is not None:
                links[text] = link
            if (lead := _lead(heading)) is not None:
                leads[text] = lead
    return headings, links, leads


def _lead(heading: etree._Element) -> str | None:
    """The heading's first part, when its markup sets it apart from what follows: its own text
    before an element of its own, or its first element before more text ("Black Edition
    <span>Complete meal</span>", "<span>Atomic Habits</span> <span>Hardcover</span>")."""
    pieces = [shown(heading.text or "")]
    for child in heading:
        if isinstance(child.tag, str) and not _unshown(child):
            pieces.append(shown(_shown_text(child)))
        pieces.append(shown(child.tail or ""))
    worded = [piece for piece in pieces if WORD_TOKEN_RE.search(piece)]
    return worded[0] if len(worded) > 1 else None


def _whole_link(heading: etree._Element) -> str | None:
    """The address of the link that holds the heading, or that holds all of its words."""
    outer = heading.xpath("ancestor::a[@href]")
    if outer:
        return outer[-1].get("href")
    inner = heading.xpath(".//a[@href]")
    if inner and "".join(_shown_text(link) for link in inner).split() == _shown_text(heading).split():
        return inner[0].get("href")
    return None


def own_headings(page: Declared, url: str) -> list[str]:
    """The page's headings but those that are links to another page: the entries of a list, or
    the site's name linked to its front page."""
    return [heading for heading in page.headings if not url or heading not in page.heading_links
            or _same_page(urljoin(url, page.heading_links[heading]), url)]


def _unshown(element: etree._Element) -> bool:
    """Whether a browser leaves the element's words out of what it shows: an element that is no
    text (an icon's <svg>, a script), one marked hidden, or text written for screen readers alone."""
    if element.tag in UNSHOWN_TAGS or element.get("hidden") is not None \
            or HIDING_STYLE_RE.search(element.get("style") or ""):
        return True
    return _for_screen_readers(element)


def _for_screen_readers(element: etree._Element) -> bool:
    """Whether the element's classes mark its text as written for screen readers alone."""
    squeezed = (element.get("class") or "").casefold().replace("-", "").replace("_", "")
    return any(SCREEN_READER_CLASS_RE.search(name) for name in squeezed.split())


def _screen_reader_copy(element: etree._Element) -> str | None:
    """The words of an element that shows them in a part hidden from screen readers and writes
    them again for screen readers alone ("<span aria-hidden='true'><span>The product</span>
    <span>development</span>...</span><span class='visually-hidden'>The product development
    system</span>"): the parts shown are the words cut into pieces for an animation, each piece
    often twice (for a phone's screen and a wide one), and the copy is the words as written."""
    children = [child for child in element if isinstance(child.tag, str)]
    if not any(child.get("aria-hidden") == "true" for child in children):
        return None
    copies = [child for child in children if child.get("aria-hidden") != "true" and _for_screen_readers(child)
              and WORD_TOKEN_RE.search("".join(child.itertext()))]
    return " ".join("".join(copy.itertext()) for copy in copies) if copies else None


def _same_page(first: str, second: str) -> bool:
    one, two = urlsplit(first), urlsplit(second)
    return (one.hostname, one.path.rstrip("/")) == (two.hostname, two.path.rstrip("/"))


def _shown_text(element: etree._Element) -> str:
    """The element's text as a browser shows it: a line break or a block inside it parts words,
    and a heading ends where another heading begins inside it (a browser closes the first)."""
    if (copy := _screen_reader_copy(element)) is not None:
        return copy
    pieces = [element.text or ""]
    for child in element:
        if element.tag in HEADING_TAGS and child.tag in HEADING_TAGS:
            break
        if isinstance(child.tag, str) and _unshown(child):
            pass
        elif isinstance(child.tag, str) and child.tag not in RUNNING_TAGS:
            pieces.extend((" ", _shown_text(child), " "))
        elif isinstance(child.tag, str):
            pieces.append(_shown_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def shown(text: str) -> str:
    """The text as a reader sees it: entities decoded, misread characters repaired (before the
    spaces are joined, as a misread no-break space ends in one), unshown characters dropped."""
    return " ".join(repaired(html_lib.unescape(text)).translate(UNSHOWN_CHARACTERS).split())


def repaired(text: str) -> str:
    """The text as written, when it was UTF-8 read as Latin-1: each misread character is read
    again on its own, as a title may hold a correct character beside misread ones."""
    if not MOJIBAKE_RE.search(text):
        return text
    return MISREAD_CHARACTER_RE.sub(_read_again, text)


def _read_again(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeError:
        return match.group()

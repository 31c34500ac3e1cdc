"""The article's heading and the text a reader sees around it: where a page shows its
byline and the date of the article, just above or below the heading.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import suppress
from dataclasses import dataclass, field

from lxml import etree

# Elements whose text the reader does not see, or that is not the article's
UNSEEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "select", "option"})
WORD_RE = re.compile(r"\w+")
# Elements that hold the page's own content, apart from its header, menus and dialogs
MAIN_ANCESTORS = "self::main or self::article or @role='main'"
# How far below the article's heading (in characters of text) a byline is the article's: a
# standfirst may come between them; a name further on is one the article talks about, or
# another article's.
BYLINE_BELOW_HEADING = 200


@dataclass
class ReaderText:
    """The body's text as a reader sees it, where each of some elements' text starts and ends
    in it, and its pieces: the runs of text between two tags, each with where it starts."""
    text: str = ""
    spans: dict[etree._Element, tuple[int, int]] = field(default_factory=dict)
    piece_starts: list[int] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)

    def piece(self, position: int) -> str:
        """The run of text that holds the character at `position`."""
        return self.pieces[bisect_right(self.piece_starts, position) - 1]


def reader_text(body: etree._Element, marked: list[etree._Element], reach: int) -> ReaderText:
    """The body's text up to `reach` characters past the end of the last of the marked elements."""
    read = ReaderText()
    pieces, piece_starts, spans = read.pieces, read.piece_starts, read.spans
    length = 0
    # How far the text is read, known once every marked element is read (-1 until then). The walk
    # visits every element of the page above the heading: its steps are written out, not called.
    limit = -1

    def walk(element: etree._Element) -> None:
        nonlocal length, limit
        start = length
        tag = element.tag
        if isinstance(tag, str) and tag not in UNSEEN_TAGS:
            value = element.text
            if value and value.strip():
                pieces.append(piece := " " + " ".join(value.split()))
                piece_starts.append(length)
                length += len(piece)
            for child in element:
                walk(child)
                value = child.tail
                if value and value.strip():
                    pieces.append(piece := " " + " ".join(value.split()))
                    piece_starts.append(length)
                    length += len(piece)
                if 0 <= limit < length:
                    raise _FarEnough
        if element in marked:
            spans[element] = (start, length)
            if len(spans) == len(marked):
                limit = max(end for _, end in spans.values()) + reach

    with suppress(_FarEnough):
        walk(body)
    read.text = "".join(pieces)
    return read


class _FarEnough(Exception):
    """The text read reaches far enough past every marked element."""


def article_headings(body: etree._Element) -> list[etree._Element]:
    """Where the article's heading may be: the first <h1> with words of its own, not all of them
    a link (a site's logo is often an <h1> that links to its home page), then the first <h1>
    (a page whose articles have no <h1> may show the byline under the site's). An <h1> inside
    the page's <main> or <article> comes before those outside it: a search box or a menu in the
    page's header may have an <h1> of its own, for screen readers, before the article's."""
    headings = [heading for heading in body.iter("h1") if WORD_RE.search("".join(heading.itertext()))]
    own = [heading for heading in headings if WORD_RE.search(" ".join(heading.xpath(".//text()[not(ancestor::a)]")))]
    in_main = [heading for heading in own if heading.xpath(f"ancestor::*[{MAIN_ANCESTORS}]")]
    return list(dict.fromkeys([*in_main[:1], *own[:1], *headings[:1]]))


def heading_place(body: etree._Element, element: etree._Element,
                  reach: int = BYLINE_BELOW_HEADING) -> tuple[int, int, int] | None:
    """Where, in the reader's text, the article's heading starts and ends and `element` starts
    (None where either is not read), for `below` and `past`: read once for both."""
    headings = article_headings(body)
    if not headings:
        return None
    read = reader_text(body, [headings[0], element], reach)
    start, end = read.spans.get(headings[0], (-1, -1))
    placed = read.spans.get(element)
    return (start, end, placed[0]) if start >= 0 and placed is not None else None


def below(place: tuple[int, int, int] | None, reach: int = BYLINE_BELOW_HEADING) -> bool:
    """Whether the element `place` (heading_place) puts starts at most `reach` characters of text
    below the end of the article's heading (or inside it)."""
    return place is not None and place[0] <= place[2] <= place[1] + reach


def past(place: tuple[int, int, int] | None, reach: int = BYLINE_BELOW_HEADING) -> bool:
    """Whether the element `place` (heading_place) puts starts more than `reach` characters of
    text past the end of the article's heading: in the article's text, below a part of it, not
    the article's own."""
    return place is not None and place[2] > place[1] + reach


def below_heading(body: etree._Element, element: etree._Element, reach: int = BYLINE_BELOW_HEADING) -> bool:
    """Whether `element` starts at most `reach` characters of text below the end of the
    article's heading (or inside it)."""
    return below(heading_place(body, element, reach), reach)

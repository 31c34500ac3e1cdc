"""The article's heading and the text a reader sees around it: where a page shows its
byline and the date of the article, just above or below the heading.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
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


def reader_text_around(body: etree._Element, element: etree._Element, before: int, after: int) -> ReaderText:
    """The body's text as `reader_text` reads it, but only around `element`: at least `before`
    characters before its start (else from the body's start) and `after` past its end (else to
    the body's end), whole pieces, with the element's span; no span where a reader does not see
    it. Read outwards from the element: a page's heading may stand below thousands of elements
    of its header and menus, which a read from the body's start walks through."""
    read = ReaderText()
    if not _seen_within(body, element):
        return read
    earlier: list[str] = []
    length = 0
    for piece in _pieces_before(body, element):
        if length >= before:
            break
        earlier.append(piece)
        length += len(piece)
    read.pieces.extend(reversed(earlier))
    start = length
    end = -1
    for part, piece in _pieces_from(body, element):
        if part is _AFTER and end < 0:
            end = length
        if end >= 0 and length >= end + after:
            break
        read.pieces.append(piece)
        length += len(piece)
    read.spans[element] = (start, end if end >= 0 else length)
    position = 0
    for piece in read.pieces:
        read.piece_starts.append(position)
        position += len(piece)
    read.text = "".join(read.pieces)
    return read


_WITHIN, _AFTER = object(), object()  # where a piece of `_pieces_from` stands: in the element, past it


def _seen_within(body: etree._Element, element: etree._Element) -> bool:
    """Whether `reader_text` walks to `element`: the body holds it (or is it) and no element
    between them hides its text."""
    if element is body:
        return True
    for ancestor in element.iterancestors():
        if ancestor is body:
            return True
        if not isinstance(ancestor.tag, str) or ancestor.tag in UNSEEN_TAGS:
            return False
    return False


def _piece(value: str | None) -> Iterator[str]:
    """A text's piece, as `reader_text` makes it (none for a text without words or signs)."""
    if value and value.strip():
        yield " " + " ".join(value.split())


def _pieces(element: etree._Element) -> Iterator[str]:
    """The pieces of the element's text and of its children's, tails included, in order."""
    if isinstance(element.tag, str) and element.tag not in UNSEEN_TAGS:
        yield from _piece(element.text)
        for child in element:
            yield from _pieces(child)
            yield from _piece(child.tail)


def _pieces_backwards(element: etree._Element) -> Iterator[str]:
    """`_pieces` of the element, last first."""
    if isinstance(element.tag, str) and element.tag not in UNSEEN_TAGS:
        for child in reversed(element):
            yield from _piece(child.tail)
            yield from _pieces_backwards(child)
        yield from _piece(element.text)


def _pieces_before(body: etree._Element, element: etree._Element) -> Iterator[str]:
    """The pieces of the body's text before `element`, nearest first."""
    if element is body:
        return
    node = element
    for parent in element.iterancestors():
        for sibling in node.itersiblings(preceding=True):
            yield from _piece(sibling.tail)
            yield from _pieces_backwards(sibling)
        yield from _piece(parent.text)
        if parent is body:
            return
        node = parent


def _pieces_from(body: etree._Element, element: etree._Element) -> Iterator[tuple[object, str]]:
    """The pieces of the body's text from `element`'s start on, each with where it stands."""
    for piece in _pieces(element):
        yield _WITHIN, piece
    if element is body:
        return
    node = element
    for parent in element.iterancestors():
        for piece in _piece(node.tail):
            yield _AFTER, piece
        for sibling in node.itersiblings():
            for piece in _pieces(sibling):
                yield _AFTER, piece
            for piece in _piece(sibling.tail):
                yield _AFTER, piece
        if parent is body:
            return
        node = parent


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

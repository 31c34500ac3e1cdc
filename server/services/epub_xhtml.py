"""A saved article as an EPUB chapter: well-formed XHTML made from the sanitized reader
HTML, its highlights marked (<mark>) with their notes as footnotes.

The stored HTML went through the reader allow-list (server/sanitize.py), so no script
or style reaches a book. What the allow-list lets through can still break XHTML's
content model (a list item outside a list, a block inside a paragraph) or carry
attribute values a browser forgives and an EPUB checker does not; each is repaired
here rather than dropped, so the text is never lost. Images are left to the caller:
`chapter_images` lists them, `localize_images` points them into the book or replaces
them with their alt text. Flask-free and database-free.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import overload
from urllib.parse import quote, urlsplit

import lxml.html
from lxml import etree

from ..anchoring import locate
from ..palette import DEFAULT_COLOR
from ..states import ANCHORED

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
NSMAP = {None: XHTML_NS, "epub": EPUB_NS}

# Elements whose content is phrasing only: a block inside one turns it into a <div>.
PHRASING_ONLY = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "span", "em", "strong", "b",
                           "i", "u", "s", "small", "sub", "sup", "code", "q", "cite", "abbr", "time",
                           "var", "kbd", "samp", "dfn", "mark"})
# Transparent: they take the content model of their parent.
TRANSPARENT = frozenset({"a", "del", "ins"})
BLOCKS = frozenset({"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
                    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
                    "p", "pre", "section", "table", "ul", "caption", "thead", "tbody", "tfoot", "tr",
                    "td", "th"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Where text may stand (and so a <mark> may go); text elsewhere is only whitespace.
NO_TEXT_PARENTS = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"})
# Per element, the attributes kept and how each value is checked.
_INTEGER = re.compile(r"^-?\d{1,9}$")
_POSITIVE = re.compile(r"^[1-9]\d{0,3}$")
_NON_NEGATIVE = re.compile(r"^\d{1,5}$")
SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
# What may stand in a URL in XHTML as it is (RFC 3986 plus '%'); the rest is escaped.
URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def language_tag(value: str | None) -> str | None:
    """A well-formed BCP 47 language tag from a page's language, or None."""
    value = (value or "").strip().replace("_", "-")
    return value if LANGUAGE_TAG.match(value) else None


def safe_url(value: str | None) -> str | None:
    """An http(s)/mailto URL that an XHTML validator accepts, or None."""
    if not value:
        return None
    value = quote(value.strip(), safe=URL_SAFE)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https", "mailto"):
        return None
    if parts.scheme != "mailto" and not parts.hostname:
        return None
    return value


def _check(pattern):
    return lambda value: value if pattern.match(value.strip()) else None


ATTRIBUTES: dict[str, dict[str, Callable[[str], str | None]]] = {
    "a": {"href": safe_url, "title": str},
    "img": {"src": str, "alt": str, "title": str, "width": _check(_NON_NEGATIVE),
            "height": _check(_NON_NEGATIVE)},
    "td": {"colspan": _check(_POSITIVE), "rowspan": _check(_NON_NEGATIVE)},
    "th": {"colspan": _check(_POSITIVE), "rowspan": _check(_NON_NEGATIVE),
           "scope": lambda v: v if v in SCOPES else None},
    "ol": {"start": _check(_INTEGER), "reversed": lambda v: "reversed"},
    "li": {"value": _check(_INTEGER)},
    "abbr": {"title": str},
}


@dataclass
class Note:
    """A highlight's note, numbered within its chapter."""

    number: int
    quote: str
    text: str
    placed: bool  # marked in the chapter's text (else listed at its end)


@dataclass
class Chapter:
    """One article as an XHTML document, before its images are localized."""

    root: etree._Element  # the <html> element
    body: etree._Element  # where the article is
    title: str
    headings: list[tuple[str, str]] = field(default_factory=list)  # (id, text) of its sections
    notes: list[Note] = field(default_factory=list)


def x(tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A new XHTML element."""
    element = etree.Element(f"{{{XHTML_NS}}}{tag}", nsmap=NSMAP)
    for key, value in attrs.items():
        element.set(key.rstrip("_").replace("_", "-"), value)
    if text is not None:
        element.text = text
    return element


def local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


@overload
def xml_text(value: str) -> str: ...
@overload
def xml_text(value: None) -> None: ...
def xml_text(value: str | None) -> str | None:
    """Text without the characters XML 1.0 cannot hold."""
    if value is None:
        return None
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", value)


# ---- HTML -> XHTML ---------------------------------------------------------------------

def convert(html: str) -> list:
    """The sanitized HTML as a list of XHTML nodes (elements, and strings between them)."""
    if not html.strip():
        return []
    source = lxml.html.fragment_fromstring(html, create_parent="div")
    holder = x("div")
    _copy_children(source, holder)
    _repair(holder)
    nodes: list = [holder.text] if holder.text else []
    for child in list(holder):
        nodes.append(child)
    return nodes


def _copy_children(source, target) -> None:
    target.text = xml_text(source.text)
    for child in source:
        if not isinstance(child.tag, str):  # comments, processing instructions
            _append_text(target, child.tail)
            continue
        name = child.tag.lower()
        if name not in _ALLOWED:
            # Anything the sanitizer would not have kept is unwrapped, never trusted.
            holder = x("span")
            _copy_children(child, holder)
            _append_text(target, holder.text)
            for grandchild in list(holder):
                target.append(grandchild)
            _append_text(target, child.tail)
            continue
        element = x(name)
        for attribute, check in ATTRIBUTES.get(name, {}).items():
            value = child.get(attribute)
            if value is not None:
                value = check(xml_text(value))
                if value is not None:
                    element.set(attribute, value)
        _copy_children(child, element)
        element.tail = xml_text(child.tail)
        target.append(element)


def _append_text(target, text: str | None) -> None:
    if not text:
        return
    text = xml_text(text)
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text


def _has_block(element) -> bool:
    for child in element:
        name = local(child)
        if name in BLOCKS or (name in TRANSPARENT and _has_block(child)):
            return True
    return False


def _wrap_run(parent, children: list, tag: str):
    """Moves consecutive `children` of `parent` (with their tails) into one new element in their place."""
    wrapper = x(tag)
    index = parent.index(children[0])
    parent.insert(index, wrapper)
    for child in children:
        wrapper.append(child)  # moves it, with its tail
    return wrapper


def _repair(element) -> None:
    """Bottom-up: children first, so a repair that makes an element a block is seen by its parent."""
    for child in list(element):
        _repair(child)
    name = local(element)
    if name in ("ul", "ol"):
        _only_children(element, ("li",), "li")
    elif name == "dl":
        _only_children(element, ("dt", "dd"), "dd")
        if not _term_groups(element):
            _unlist(element)
    elif name in ("table", "thead", "tbody", "tfoot", "tr"):
        _strip_text(element)
    parent = element.getparent()
    parent_name = local(parent) if parent is not None else ""
    if name == "li" and parent_name not in ("ul", "ol"):
        element.tag = f"{{{XHTML_NS}}}div"
    elif name in ("dt", "dd") and parent_name != "dl":
        element.tag = f"{{{XHTML_NS}}}div"
    elif name == "figcaption" and (parent_name != "figure" or not _first_or_last(element)):
        element.tag = f"{{{XHTML_NS}}}div"
    elif name == "caption" and (parent_name != "table" or parent.index(element) != 0):
        element.tag = f"{{{XHTML_NS}}}div"
    if local(element) in PHRASING_ONLY and _has_block(element):
        element.tag = f"{{{XHTML_NS}}}div"
        for attribute in list(element.attrib):
            del element.attrib[attribute]


def _term_groups(element) -> bool:
    """Whether a <dl>'s items are groups of terms, each followed by its descriptions: XHTML allows
    no description before the first term and no term without one (forums use <dl><dd> for a
    poster's details)."""
    names = [local(child) for child in element]
    return not names or (names[0] == "dt" and names[-1] == "dd")


def _unlist(element) -> None:
    """A <dl> that is no list of terms becomes plain blocks, its items as they were."""
    element.tag = f"{{{XHTML_NS}}}div"
    for child in element:
        child.tag = f"{{{XHTML_NS}}}div"


def _first_or_last(element) -> bool:
    siblings = [c for c in element.getparent() if isinstance(c.tag, str)]
    return element is siblings[0] or element is siblings[-1]


def _strip_text(element) -> None:
    """Table structure holds no text of its own; the whitespace between its rows and
    cells goes (the HTML parser has already moved real text out of tables)."""
    if element.text and not element.text.strip():
        element.text = None
    for child in element:
        if child.tail and not child.tail.strip():
            child.tail = None


def _only_children(element, allowed: tuple[str, ...], wrapper: str) -> None:
    """Lists hold only items: other children and stray text go into items of their own."""
    if element.text and element.text.strip():
        item = x(wrapper, element.text)
        element.text = None
        element.insert(0, item)
    else:
        element.text = None
    run: list = []
    for child in list(element):
        if local(child) in allowed:
            if run:
                _wrap_run(element, run, wrapper)
                run = []
            tail = child.tail
            child.tail = None
            if tail and tail.strip():
                new = x(wrapper, tail)
                element.insert(element.index(child) + 1, new)
        else:
            run.append(child)
    if run:
        _wrap_run(element, run, wrapper)
    # The items just made may hold blocks (fine for li/dd) or stray tails (moved in above).
    for child in element:
        if child.tail is not None and not child.tail.strip():
            child.tail = None


_ALLOWED = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var",
})


# ---- highlights ------------------------------------------------------------------------

@dataclass
class _Segment:
    owner: etree._Element
    is_tail: bool
    start: int  # in the chapter's text
    text: str


def _segments(root) -> tuple[str, list[_Segment]]:
    """The article's text as the reader sees it, and the text nodes it is made of."""
    parts: list[str] = []
    segments: list[_Segment] = []
    position = 0

    def add(owner, is_tail, text, context):
        nonlocal position
        if not text:
            return
        if context in NO_TEXT_PARENTS:
            return
        segments.append(_Segment(owner, is_tail, position, text))
        parts.append(text)
        position += len(text)

    def walk(element):
        add(element, False, element.text, local(element))
        for child in element:
            walk(child)
            add(child, True, child.tail, local(element))

    add(root, False, root.text, local(root))
    for child in root:
        walk(child)
        add(child, True, child.tail, local(root))
    return "".join(parts), segments


def _wrap(segment: _Segment, start: int, end: int, attrs: dict) -> etree._Element:
    """Wraps [start, end) of one text node in a <mark>; answers the mark."""
    text = segment.text
    before, middle, after = text[:start], text[start:end], text[end:]
    mark = x("mark", middle, **attrs)
    mark.tail = after or None
    if segment.is_tail:
        segment.owner.tail = before or None
        parent = segment.owner.getparent()
        assert parent is not None  # a tail belongs to an element inside the article
        parent.insert(parent.index(segment.owner) + 1, mark)
    else:
        segment.owner.text = before or None
        segment.owner.insert(0, mark)
    return mark


def mark_highlight(root, quote: str, prefix: str, suffix: str, color: str, number: int | None):
    """Marks the quote in the chapter's article; answers the last mark made, or None."""
    text, segments = _segments(root)
    found = locate(text, quote, prefix, suffix)
    if found is None:
        return None
    start, end = found
    last = None
    for segment in segments:
        a, b = max(start, segment.start), min(end, segment.start + len(segment.text))
        if a >= b or not segment.text[a - segment.start:b - segment.start].strip():
            continue
        attrs = {"class": f"highlight {color}"}
        last = _wrap(segment, a - segment.start, b - segment.start, attrs)
    if last is not None and number is not None:
        _add_noteref(last, number)
    return last


def _add_noteref(mark, number: int) -> None:
    """A note reference right after the highlight; outside any link (links do not nest)."""
    anchor = mark
    ancestor = mark.getparent()
    while ancestor is not None:
        if local(ancestor) == "a":
            anchor = ancestor
        ancestor = ancestor.getparent()
    ref = x("a", str(number), href=f"#note-{number}", id=f"ref-{number}")
    ref.set(EPUB_TYPE, "noteref")
    sup = x("sup")
    sup.append(ref)
    sup.tail = anchor.tail
    anchor.tail = None
    parent = anchor.getparent()
    parent.insert(parent.index(anchor) + 1, sup)


# ---- the chapter -----------------------------------------------------------------------

@dataclass(frozen=True)
class HighlightView:
    """What a chapter needs of a highlight (a Highlight row has these attributes)."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    color: str = DEFAULT_COLOR
    status: str = ANCHORED


def build_chapter(*, title: str, html: str, url: str, byline: Iterable[str], language: str | None,
                  highlights: Iterable, chapter_id: str, stylesheet: str) -> Chapter:
    """The article as an XHTML document: title, byline and a link to the original, the
    article with its highlights marked, then the notes and the highlights no longer in it."""
    root = x("html")
    lang = language_tag(language)
    if lang:
        root.set(XML_LANG, lang)
        root.set("lang", lang)
    head = etree.SubElement(root, f"{{{XHTML_NS}}}head")
    head.append(x("meta", charset="utf-8"))
    head.append(x("title", xml_text(title)))
    head.append(x("link", rel="stylesheet", type="text/css", href=stylesheet))
    body = etree.SubElement(root, f"{{{XHTML_NS}}}body")
    section = x("section", id=chapter_id)
    section.set(EPUB_TYPE, "chapter")
    body.append(section)
    section.append(x("h1", xml_text(title)))
    meta = x("p", class_="byline")
    parts = [xml_text(part) for part in byline if part]
    meta.text = " · ".join(parts) + (" · " if parts else "")
    link_url = safe_url(url)
    if link_url:
        meta.append(x("a", "Original", href=link_url))
    else:
        meta.text = meta.text.rstrip(" ·")
    section.append(meta)

    article = x("div", class_="article")
    section.append(article)
    nodes = convert(html)
    if nodes and isinstance(nodes[0], str):
        article.text = nodes.pop(0)
    for node in nodes:
        article.append(node)
    if not len(article) and not (article.text or "").strip():
        article.append(x("p", "The article of this page was not saved yet.", class_="empty"))

    chapter = Chapter(root=root, body=article, title=title)
    unplaced: list[tuple[str, str]] = []
    for h in highlights:
        number = len(chapter.notes) + 1 if h.note else None
        placed = h.status == ANCHORED and mark_highlight(
            article, h.quote, h.prefix or "", h.suffix or "", h.color or DEFAULT_COLOR, number) is not None
        if h.note and number is not None:
            chapter.notes.append(Note(number, h.quote, h.note, bool(placed)))
        if not placed:
            unplaced.append((h.quote, h.note or ""))
    _number_headings(chapter, article, chapter_id)
    _notes_section(section, chapter.notes)
    _unplaced_section(section, unplaced)
    return chapter


def _number_headings(chapter: Chapter, article, chapter_id: str) -> None:
    """Sections of the article (its h2s, or h3s without any) get ids for the table of contents."""
    for level in ("h2", "h3"):
        found = [h for h in article.iter(f"{{{XHTML_NS}}}{level}")]
        if found:
            for n, heading in enumerate(found, 1):
                text = " ".join("".join(heading.itertext()).split())
                if text:
                    heading.set("id", f"{chapter_id}-s{n}")
                    chapter.headings.append((heading.get("id"), text))
            return


def _notes_section(section, notes: list[Note]) -> None:
    placed = [note for note in notes if note.placed]
    if not placed:
        return
    box = x("section", class_="notes")
    box.set(EPUB_TYPE, "footnotes")
    box.append(x("h2", "Notes"))
    for note in placed:
        aside = x("aside", id=f"note-{note.number}")
        aside.set(EPUB_TYPE, "footnote")
        quote_p = x("p", class_="note-quote")
        back = x("a", f"{note.number}.", href=f"#ref-{note.number}")
        quote_p.append(back)
        back.tail = " " + xml_text(_shorten(note.quote))
        aside.append(quote_p)
        for paragraph in _paragraphs(note.text):
            aside.append(x("p", paragraph))
        box.append(aside)
    section.append(box)


def _unplaced_section(section, unplaced: list[tuple[str, str]]) -> None:
    if not unplaced:
        return
    box = x("section", class_="orphans")
    box.append(x("h2", "Highlights no longer in the text"))
    for quote_text, note in unplaced:
        quote_el = x("blockquote")
        for paragraph in _paragraphs(quote_text):
            quote_el.append(x("p", paragraph))
        box.append(quote_el)
        for paragraph in _paragraphs(note):
            box.append(x("p", paragraph, class_="note"))
    section.append(box)


def _paragraphs(text: str) -> list[str]:
    return [xml_text(p.strip()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _shorten(text: str, most: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


# ---- images ----------------------------------------------------------------------------

def chapter_images(chapter: Chapter) -> list[str]:
    """The image URLs of the chapter, in order, once each."""
    seen: list[str] = []
    for img in chapter.body.iter(f"{{{XHTML_NS}}}img"):
        src = img.get("src")
        if src and src not in seen:
            seen.append(src)
    return seen


def localize_images(chapter: Chapter, located: dict[str, str], prefix: str = "") -> None:
    """Points each image at its copy in the book (`located`: URL -> href), or replaces it
    with its alt text when it has none."""
    for img in list(chapter.body.iter(f"{{{XHTML_NS}}}img")):
        href = located.get(img.get("src") or "")
        if href is not None:
            img.set("src", prefix + href)
            if img.get("alt") is None:
                img.set("alt", "")
            continue
        alt = " ".join((img.get("alt") or "").split())
        parent = img.getparent()
        assert parent is not None  # an image inside the chapter's body
        replacement = (f"[{alt}]" if alt else "") + (img.tail or "")
        index = parent.index(img)
        if index == 0:
            parent.text = (parent.text or "") + replacement
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + replacement
        parent.remove(img)


def serialize(chapter: Chapter) -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + etree.tostring(
        chapter.root, encoding="utf-8", method="xml")

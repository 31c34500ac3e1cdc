"""How the page lays out its text, read before trafilatura runs (see source.py).

Two common shapes of markup defeat trafilatura, which reads a document as
blocks of text: a table used to lay out the page, whose cells it keeps as one
table of page-long cells; and text written straight into a container (a div or
a cell) with links and formatting inside it, which it cuts around each link,
dropping the space there and sometimes the text before the link. Here a table
is told to lay out the page or to hold data (`is_layout_table`) and unwrapped
(`unwrap_table`), and loose text, with the inline elements beside it, is made
into paragraphs, a run of two or more line breaks ending one (`wrap_runs`,
`split_paragraph`), but in a container the page marks as a menu (`is_menu`), whose loose
text is no paragraph. Text written alone into a container, with no inline element beside it,
trafilatura drops whole, however long; it becomes a paragraph only where it reads as one of
the article's (`is_prose_beside_paragraphs`): the same shape holds a menu's label, a card's
blurb, a cookie notice or a signature, which stand beside no paragraph of the article.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# Elements that flow inside running text; anything else (blocks, media, unknown custom
# elements) is left where it is and ends a run.
INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "sup", "time", "tt", "u", "var", "wbr",
})
# Containers whose loose text becomes paragraphs. Lists, cells of data tables, headings
# and preformatted text keep their own shape.
CONTAINERS = frozenset({"div", "section", "article", "main", "body", "center", "blockquote"})
# Inline wrappers that hold paragraphs of their own (separated by <br><br>) are unwrapped first.
WRAPPERS = ("span", "font")
MIN_BREAKS = 2
CAPTION_RE = re.compile(r"caption|credit", re.IGNORECASE)
# A container the page marks as a menu: by its role, or by a class or an id naming a menu or a
# navigation ("mainmenu_footer", "site-nav", "navbar"; not "canvas", "unavailable").
MENU_MARK_RE = re.compile(r"menu|nav(?:bar|igation)?(?![a-z])", re.IGNORECASE)
MENU_ROLES = frozenset({"navigation", "menu", "menubar"})
# A table is data (kept) when it says so or is big enough; readability-style signals.
DATA_TABLE_CELLS = 10
DATA_TABLE_ROWS = 10
DATA_TABLE_COLUMNS = 4
# Rows that all have the same number of cells, at least this many rows of at least this many,
# are a grid of data even when its cells hold paragraphs (a comparison chart); a page laid out
# in a table has rows of different shapes (a banner across, then columns).
DATA_GRID_ROWS = 3
# A table whose cells hold paragraphs in at least this share of them lays out the page.
REGION_CELLS_SHARE = 0.25
DATA_GRID_COLUMNS = 3
# A grid of two columns is data too (pros beside cons, a term beside its meaning) when no cell says
# more than a short paragraph: a layout's cells hold regions of the page, the article among them,
# or several blocks each.
DATA_GRID_CELL_WORDS = 60
# Loose text alone in a container is a paragraph of the article when it says at least this many
# words, stands right after or before a paragraph of running text (as long, mostly not links: a
# card's title or a button is written as a paragraph too), and sits in none of the page's
# furniture (a list item, a link, a form...: teasers, buttons and prompts are written so too).
PROSE_MIN_WORDS = 8
FURNITURE = frozenset({
    "a", "aside", "button", "dl", "figcaption", "figure", "footer", "form", "header", "label", "li", "nav",
})
TABLE_PARTS = ("tbody", "thead", "tfoot", "tr")
# Elements a browser shows on lines of their own.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "section", "table", "tr", "ul",
})


# --- tables ----------------------------------------------------------------------------------------

def is_layout_table(table: HtmlElement) -> bool:
    if table.get("role") in ("presentation", "none"):
        return True
    if table.get("role") in ("table", "grid") or table.find("caption") is not None:
        return False
    if table.xpath(".//table"):
        return True
    rows = [row for row in table.iter("tr") if _owning_table(row) is table]
    if table.xpath("./thead|./tfoot|./tr/th|./*/tr/th") and len(rows) > 1:
        return False
    widths = [len(row.xpath("./td|./th")) for row in rows]
    columns = max(widths, default=0)
    if len(rows) <= 1 or columns <= 1:
        return True
    # (trafilatura drops lists inside cells, so a grid of lists is better read unwrapped)
    if (len(rows) >= DATA_GRID_ROWS and columns >= 2 and len(set(widths)) == 1
            and not table.xpath(".//td//ul|.//td//ol|.//th//ul|.//th//ol")
            and (columns >= DATA_GRID_COLUMNS or _short_cells(table))):
        return False
    # cells holding paragraphs or headings are page regions, not data; in a big table of data
    # a note in a paragraph here and there does not make it a layout
    cells = sum(widths)
    regions = len(table.xpath("./tr/td[p or h1 or h2 or div/p]|./*/tr/td[p or h1 or h2 or div/p]"))
    if regions and (cells <= DATA_TABLE_CELLS or regions >= REGION_CELLS_SHARE * cells):
        return True
    return not (len(rows) >= DATA_TABLE_ROWS or columns > DATA_TABLE_COLUMNS or len(rows) * columns > DATA_TABLE_CELLS)


def _short_cells(table: HtmlElement) -> bool:
    """Whether each cell of the table says at most a short paragraph: one block at most (a cell
    of several is a region: a poster's name, rank and join date beside their post)."""
    return all(len(cell.text_content().split()) <= DATA_GRID_CELL_WORDS
               and sum(isinstance(child.tag, str) and child.tag in BLOCKS for child in cell) <= 1
               for cell in table.iter("td", "th") if _owning_table(cell) is table)


def _owning_table(element: HtmlElement) -> HtmlElement | None:
    return next(element.iterancestors("table"), None)


def unwrap_table(table: HtmlElement) -> None:
    for part in table.iter("td", "th"):
        if _owning_table(part) is table:
            part.tag = "div"
            for name in list(part.attrib):
                if name in ("colspan", "rowspan", "width", "height", "valign", "align", "nowrap", "bgcolor"):
                    del part.attrib[name]
    for part in list(table.iter(*TABLE_PARTS, "caption")):
        if _owning_table(part) is table:
            part.drop_tag()
    table.tag = "div"
    for name in ("border", "cellpadding", "cellspacing", "width", "summary"):
        table.attrib.pop(name, None)


# --- loose text and line breaks ----------------------------------------------------------------------

def is_caption(container: HtmlElement) -> bool:
    """A caption or credit beside a picture: trafilatura reads it as such only while its text
    stays loose (a paragraph made of it would read as the article's)."""
    return bool(CAPTION_RE.search(f"{container.get('class') or ''} {container.get('id') or ''}"))


def is_menu(container: HtmlElement) -> bool:
    """A container the page marks as a menu (see MENU_MARK_RE). Text written loose in it beside its
    links is a label or small print (a copyright line closing a menu that slides in on phones), no
    paragraph: made into one, it has trafilatura take the menu for the article where the menu's
    class reads as the page's main container ("mainmenu") and look no further."""
    return (container.get("role") in MENU_ROLES
            or MENU_MARK_RE.search(f"{container.get('class') or ''} {container.get('id') or ''}") is not None)


def is_inline(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and element.tag in INLINE


def has_break_run(element: HtmlElement) -> bool:
    return any(_break_run_length(child) >= MIN_BREAKS for child in element if child.tag == "br")


def _break_run_length(br: etree._Element) -> int:
    """How many <br> follow one another from this one on, with only whitespace between."""
    length = 0
    element: etree._Element | None = br
    while element is not None and element.tag == "br":
        length += 1
        if (element.tail or "").strip():
            break
        element = element.getnext()
    return length


def has_loose_text(container: HtmlElement) -> bool:
    """Text beside inline elements, straight in the container (trafilatura reads text alone in a
    container well, and cuts it where an inline element stands in it)."""
    if not any(is_inline(child) for child in container):
        return False
    if (container.text or "").strip():
        return True
    return any(isinstance(child.tag, str) and (child.tail or "").strip() for child in container)


def is_prose_beside_paragraphs(container: HtmlElement) -> bool:
    """Loose text with no inline element beside it, as long as a sentence and standing among the
    article's paragraphs (a paragraph of running text right before or after it) outside any
    furniture."""
    if any(is_inline(child) for child in container):
        return False
    loose = [container.text or ""] + [child.tail or "" for child in container]
    if len(" ".join(loose).split()) < PROSE_MIN_WORDS:
        return False
    if not any(_is_prose_paragraph(neighbour) for neighbour in (container.getprevious(), container.getnext())):
        return False
    return not any(ancestor.tag in FURNITURE for ancestor in container.iterancestors())


def _is_prose_paragraph(element: HtmlElement | None) -> bool:
    """A paragraph of running text: as long as a sentence and mostly not links (a card's title
    or a button written as a paragraph is neither)."""
    if element is None or element.tag != "p":
        return False
    words = len(element.text_content().split())
    link_words = sum(len(link.text_content().split()) for link in element.iter("a"))
    return words >= PROSE_MIN_WORDS and link_words * 2 < words


def _pieces(container: HtmlElement) -> list[HtmlElement]:
    """The container's content as a list of new paragraphs and its block children, in order:
    a paragraph ends at a block child and at a run of line breaks (dropped: the paragraphs
    replace them). Empties the container."""
    pieces: list[HtmlElement] = []
    text = container.text or ""
    members: list[HtmlElement] = []

    def close_run() -> None:
        # a member's tail is text of the run too ("<br> words" after a block)
        if text.strip() or any(_has_content(member) or (member.tail or "").strip() for member in members):
            paragraph = container.makeelement("p", {})
            paragraph.text = text
            for member in members:
                paragraph.append(member)  # moves it, with its tail
            pieces.append(paragraph)

    children = list(container)
    index = 0
    while index < len(children):
        child = children[index]
        length = _break_run_length(child) if child.tag == "br" else 0
        if length >= MIN_BREAKS:
            close_run()
            text, members = children[index + length - 1].tail or "", []
            index += length
            continue
        if is_inline(child) or not isinstance(child.tag, str):  # comments flow with the text
            members.append(child)
        else:
            close_run()
            text, members = child.tail or "", []
            child.tail = None
            pieces.append(child)
        index += 1
    close_run()
    container.text = None
    for child in list(container):
        container.remove(child)
    return pieces


def wrap_runs(container: HtmlElement) -> None:
    for piece in _pieces(container):
        container.append(piece)


def _has_content(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    return element.tag == "img" or bool("".join(element.itertext()).strip()) or bool(element.xpath(".//img"))


def split_paragraph(paragraph: HtmlElement) -> None:
    """A <p> with runs of line breaks in it: one <p> per part."""
    parent = paragraph.getparent()
    if parent is None or any(isinstance(child.tag, str) and not is_inline(child) for child in paragraph):
        return
    tail, attributes = paragraph.tail, dict(paragraph.attrib)
    parts = _pieces(paragraph)
    for part in parts:
        part.attrib.update(attributes)
    position = parent.index(paragraph)
    parent.remove(paragraph)
    for offset, part in enumerate(parts):
        parent.insert(position + offset, part)
    if parts:
        parts[-1].tail = tail
    elif tail:
        _append_text(parent, position, tail)


def _append_text(parent: HtmlElement, position: int, text: str) -> None:
    if position > 0:
        previous = parent[position - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text

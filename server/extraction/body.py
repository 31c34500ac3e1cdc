"""trafilatura's body tree -> the article's text blocks and its reader HTML, in
one walk, so the two always say the same words in the same order.

trafilatura trims the text beside the elements it flattens and joins the
pieces without a space ("<span>The Guardian</span> <a>linked it</a>" can come
out as "The Guardianlinked it"). The walk puts those spaces back where the page
has the two words apart: at the edges of inline elements, and inside a text
where a word that the page never shows is two of its words run together."""
from __future__ import annotations

import html as html_lib
import re
from contextvars import ContextVar
from functools import cached_property

from lxml import etree

from .edges import comparable as _comparable

# trafilatura's body vocabulary: blocks hold text, some of them hold blocks in turn.
BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "code", "row", "cell", "figcaption", "list", "table",
                        "div", "figure", "note", "ab"})
HTML_TAG = {"p": "p", "item": "li", "quote": "blockquote", "figure": "figure", "figcaption": "figcaption"}
INLINE_TAG = {"del": "del", "code": "code", "quote": "q"}
HI_TAG = {"#b": "strong", "#i": "em", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# whitespace of the source markup; other Unicode spaces are text and stay (trafilatura
# itself already turns NBSP into plain spaces)
MARKUP_SPACE_RE = re.compile(r"[ \t\r\n\f\v]+")
DOUBLE_SPACE_RE = re.compile(r"  +")  # where two collapsed pieces of text meet
BLANK_LINES_RE = re.compile(r"\n[ \t\r\f\v]*(?=\n)")
WORD_RE = re.compile(r"\w")
LINE_BREAK = "\n"
WORD_END_RE = re.compile(r"\w+$")
WORD_START_RE = re.compile(r"^\w+")
GLUE_WORD_CHARS = 40  # enough of each word to find the place in the page
WORDS_RE = re.compile(r"\w+")
MAX_GLUED_PARTS = 4
# The page's texts, each on its own, script and style left out.
# The page's texts, and those of its scripts and styles (not shown): two plain XPaths are
# several times faster than one that asks each text for its parent.
ALL_TEXTS = etree.XPath("//text()", smart_strings=False)
HIDDEN_TEXTS = etree.XPath("//script/text()|//style/text()", smart_strings=False)
# Elements inside which a browser runs words on (any other element sets them apart).
JOINING_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt",
    "u", "var", "wbr"})
CAPTION_CLASS_RE = re.compile(r"caption|credit", re.IGNORECASE)
BARE_URL_RE = re.compile(r"^https?://\S+$")
STRUCTURE_TAGS = BLOCK_TAGS - {"code", "quote"}
# Where a code or quote element is a phrase inside running text rather than a block.
RUNNING_TEXT_TAGS = frozenset({"p", "head", "item", "cell", "figcaption", "hi", "ref", "del"})


class _Page:
    """The words of the page trafilatura read, as a browser shows them, read from its tree when
    first needed: `apart` has each text between two tags on its own, `joined` runs text on
    across inline elements ("<b>W</b>ord" is "Word")."""

    def __init__(self, tree: etree._Element) -> None:
        self.tree = tree

    @cached_property
    def apart(self) -> frozenset[str]:
        texts = ALL_TEXTS(self.tree)
        hidden = HIDDEN_TEXTS(self.tree)
        if hidden:
            # The hidden texts come in the page's order among all of them: each is taken out
            # where it is met, compared, not hashed (they are most of a page's characters). A
            # text shown before a script that says it again is taken out in its place: the
            # texts left say the same, and a text also in a script stays while it is shown elsewhere.
            shown, at = [], 0
            for text in texts:
                if at < len(hidden) and text == hidden[at]:
                    at += 1
                else:
                    shown.append(text)
            texts = shown
        return frozenset(WORDS_RE.findall("\0".join(set(texts))))

    @cached_property
    def joined(self) -> frozenset[str]:
        body = self.tree.find("body") if self.tree.tag == "html" else self.tree
        pieces: list[str] = []
        for event, element in etree.iterwalk(body if body is not None else self.tree, events=("start", "end")):
            tag = element.tag
            if not isinstance(tag, str) or tag in ("script", "style"):  # comments, processing instructions
                if event == "end":
                    pieces.append(element.tail or "")
                continue
            if tag not in JOINING_TAGS:
                pieces.append(" ")
            pieces.append((element.text if event == "start" else element.tail) or "")
        return frozenset(WORDS_RE.findall("".join(pieces)))

    def has(self, word: str) -> bool:
        return word in self.apart or word in self.joined

    def glued(self, left: str, right: str) -> bool:
        """Whether the page shows `left` and `right` run together as one word."""
        return left + right in self.joined


_PAGE: ContextVar[_Page | None] = ContextVar("page", default=None)


def render_body(body: etree._Element, page_tree: etree._Element | None = None) -> tuple[list[str], str]:
    """The text blocks and the (unsanitized) reader HTML of trafilatura's body tree.

    `page_tree`, the page as trafilatura read it, tells where trafilatura trimmed the space
    between two words of the page."""
    token = _PAGE.set(_Page(page_tree) if page_tree is not None else None)
    try:
        walker = _BodyWalker()
        walker.container(body, html_tag=None)
    finally:
        _PAGE.reset(token)
    return walker.blocks, "".join(walker.html)


class _BodyWalker:
    """Text runs collect source text with markup whitespace collapsed and line
    breaks as LINE_BREAK; each finished run becomes one text block."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.html: list[str] = []

    def element(self, element: etree._Element) -> None:
        tag = element.tag
        if _is_caption(element):  # its images stay
            self.html.extend(_image_html(graphic) for graphic in element.iter("graphic"))
            return
        if tag == "code":
            self.code_block(element)
        elif tag == "table":
            self.table(element)
        elif tag == "graphic":
            self.html.append(_image_html(element))
        elif tag != "row" and any(_is_block(child) for child in element):
            self.container(element, _html_tag(element))
        else:
            self.leaf_block(element)

    def container(self, element: etree._Element, html_tag: str | None) -> None:
        """A block holding blocks; loose inline text between them makes blocks too."""
        if html_tag:
            self.html.append(f"<{html_tag}>")
        run_text: list[str] = []
        run_html: list[str] = []
        _add_text(element.text, run_text, run_html)
        for child in element:
            if child.tag == "graphic" or _is_block(child):
                self._flush(run_text, run_html)
                self.element(child)
                if child.tag == "graphic":
                    _add_text(child.text, run_text, run_html)  # see _inline
                _add_text(child.tail, run_text, run_html)
            else:
                _inline(child, run_text, run_html)
        self._flush(run_text, run_html)
        if html_tag:
            self.html.append(f"</{html_tag}>")

    def _flush(self, run_text: list[str], run_html: list[str]) -> None:
        block = _block_text(run_text)
        if BARE_URL_RE.match(block):  # an address printed beside the article, e.g. in a print view
            block, run_html[:] = "", [part for part in run_html if part.startswith("<img")]
        if block:
            self.blocks.append(block)
            self.html.append(f"<p>{''.join(run_html)}</p>")
        else:  # keeps an image that stands between two blocks
            self.html.extend(part for part in run_html if part.startswith("<img"))
        run_text.clear()
        run_html.clear()

    def leaf_block(self, element: etree._Element) -> None:
        parts_text: list[str] = []
        parts_html: list[str] = []
        _inline_children(element, parts_text, parts_html, block_separator=" ")
        block = _block_text(parts_text)
        if block:
            self.blocks.append(block)
            tag = _html_tag(element, leaf=True)
            self.html.append(f"<{tag}>{''.join(parts_html)}</{tag}>")
        else:  # keeps images that stand alone in a paragraph
            self.html.extend(part for part in parts_html if part.startswith("<img"))

    def code_block(self, element: etree._Element) -> None:
        code = "".join(_verbatim_text(element)).strip("\n").rstrip()
        # a blank line inside the code would read as a block boundary in the text
        block = BLANK_LINES_RE.sub("", code).strip()
        if block:
            self.blocks.append(block)
            self.html.append(f"<pre><code>{_escape(code)}</code></pre>")

    def table(self, table: etree._Element) -> None:
        self.html.append("<table>")
        for row in table.iter("row"):
            if next(row.iterancestors("table"), None) is not table:
                continue  # a nested table's rows are part of the outer cell
            cells_text: list[str] = []
            self.html.append("<tr>")
            for cell in row.iterchildren("cell"):
                parts_text: list[str] = []
                parts_html: list[str] = []
                _inline_children(cell, parts_text, parts_html, block_separator=" ")
                cells_text.append(_block_text(parts_text))
                tag = "th" if cell.get("role") == "head" else "td"
                self.html.append(f"<{tag}>{''.join(parts_html)}</{tag}>")
            self.html.append("</tr>")
            # tab between cells, as browsers copy a table row
            row_text = "\t".join(cells_text).strip()
            if row_text:
                self.blocks.append(row_text)
        self.html.append("</table>")


def _add_text(value: str | None, text: list[str], html: list[str]) -> None:
    if value:
        value = _unglued(value)
        piece = MARKUP_SPACE_RE.sub(" ", value)
        word_end = WORD_END_RE.search(text[-1] if text else "")
        word_start = WORD_START_RE.match(piece)
        if word_end and word_start and _trimmed_space(word_end.group(), word_start.group()):
            text.append(" ")
            html.append(" ")
        text.append(piece)
        html.append(_escape(value))


def _trimmed_space(left: str, right: str) -> bool:
    """Whether two words that meet at an element's edge stood apart in the page: trafilatura
    trims the text beside inline elements ("<em>Heat</em> was" comes out as "Heatwas"). They
    belong together only where the page has them with nothing but tags between."""
    page = _PAGE.get()
    if page is None:
        return False
    if len(left) > GLUE_WORD_CHARS or len(right) > GLUE_WORD_CHARS:
        return False  # not words of running text
    return not page.glued(left, right)


def _unglued(value: str) -> str:
    """The text with a space put back inside each word that the page does not have and that is
    two to MAX_GLUED_PARTS of the page's words run together, where the page has them apart."""
    page = _PAGE.get()
    if page is None or not set(WORDS_RE.findall(value)) - page.apart:
        return value
    pieces: list[str] = []
    end = 0
    for match in WORDS_RE.finditer(value):
        word = match.group()
        if page.has(word) or len(word) > 2 * GLUE_WORD_CHARS:
            continue
        # the split into the fewest words: "installimport" is "install import", not "ins t all import"
        parts = next(filter(None, (_split_glued(word, page, most) for most in range(2, MAX_GLUED_PARTS + 1))), None)
        if parts:
            pieces.extend((value[end:match.start()], " ".join(parts)))
            end = match.end()
    if not pieces:
        return value
    pieces.append(value[end:])
    return "".join(pieces)


def _split_glued(word: str, page: _Page, most: int) -> list[str] | None:
    """`word` as words of the page that it has apart, in order; None when there is no such split.
    Digits are not parted from digits (a number split in two would be another number)."""
    if most < 2:
        return None
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if (left[-1].isdigit() and right[0].isdigit()) or not page.has(left):
            continue
        rest = [right] if page.has(right) else _split_glued(right, page, most - 1)
        if rest and not page.glued(left, rest[0]):
            return [left, *rest]
    return None


def _inline(element: etree._Element, text: list[str], html: list[str], block_separator: str = "") -> None:
    """An inline element, its subtree and its tail appended to the runs."""
    tag = element.tag
    if tag == "lb":
        text.append(LINE_BREAK)
        html.append("<br>")
    elif tag == "graphic":
        html.append(_image_html(element))
        # trafilatura sometimes puts the words that follow an image inside it ("<graphic>text</graphic>")
        following = element.text if (element.text or "").strip() else element.tail
        if text and WORD_END_RE.search(text[-1]) and WORD_START_RE.match(following or ""):
            text.append(" ")  # an image stands between the two words ("#1<img>3 formats")
            html.append(" ")
        _add_text(element.text, text, html)
    else:
        if block_separator and _is_block(element):
            text.append(block_separator)
            html.append(" ")
        open_tag, close_tag = _inline_tags(element)
        html.append(open_tag)
        _inline_children(element, text, html, block_separator)
        html.append(close_tag)
    _add_text(element.tail, text, html)


def _inline_children(element: etree._Element, text: list[str], html: list[str], block_separator: str = "") -> None:
    _add_text(element.text, text, html)
    for child in element:
        _inline(child, text, html, block_separator)


def _inline_tags(element: etree._Element) -> tuple[str, str]:
    tag = str(element.tag)
    if tag == "ref":
        target = element.get("target")
        return (f'<a href="{_escape(target, True)}">', "</a>") if target else ("", "")
    name = HI_TAG.get(element.get("rend") or "") if tag == "hi" else INLINE_TAG.get(tag)
    return (f"<{name}>", f"</{name}>") if name else ("", "")


def _html_tag(element: etree._Element, leaf: bool = False) -> str:
    tag = str(element.tag)
    rend = element.get("rend") or ""
    if tag == "head":
        return rend if rend in HEADINGS else "h2"
    if tag == "item":
        return rend[:2] if rend.startswith(("dt-", "dd-")) else "li"
    if tag == "list" and not leaf:
        return rend if rend in ("ol", "dl") else "ul"
    return HTML_TAG.get(tag, "p" if leaf else "div")


def _is_caption(element: etree._Element) -> bool:
    """Image captions and credits, and thumbnail links to other articles: not part of the
    article's text (nor, to keep the two alike, of its reader HTML)."""
    if element.tag == "figcaption" or CAPTION_CLASS_RE.search(element.get("class") or ""):
        return True
    previous = element.getprevious()
    if previous is not None and previous.tag == "graphic" and not (previous.tail or "").strip():
        return _repeats_description(element, previous)
    if element.tag == "item":
        graphic = next(element.iter("graphic"), None)
        if graphic is not None:
            # an image with a link beside it is a teaser of another page
            return _all_text_in_links(element) or _repeats_description(element, graphic)
    return False


def _repeats_description(element: etree._Element, graphic: etree._Element) -> bool:
    text = _comparable("".join(element.itertext()))
    described = _comparable(f"{graphic.get('alt') or ''} {graphic.get('title') or ''}")
    return bool(text) and len(described) >= 20 and (text in described or text.startswith(described[:60]))


def _all_text_in_links(element: etree._Element) -> bool:
    inside = sum(len("".join(ref.itertext()).strip()) for ref in element.iter("ref"))
    return inside > 0 and inside >= len("".join(element.itertext()).strip()) - 3


def _is_block(element: etree._Element) -> bool:
    tag = element.tag
    if tag in ("code", "quote"):
        parent = element.getparent()
        if parent is not None and parent.tag in RUNNING_TEXT_TAGS:
            return "\n" in "".join(element.itertext()).strip() or any(
                inner.tag == "lb" or inner.tag in STRUCTURE_TAGS for inner in element.iterdescendants())
        return True
    return tag in BLOCK_TAGS


def _verbatim_text(element: etree._Element) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        parts.extend(_verbatim_text(child) if child.tag != "lb" else ["\n"])
        parts.append(child.tail or "")
    return parts


def _block_text(parts: list[str]) -> str:
    joined = DOUBLE_SPACE_RE.sub(" ", "".join(parts))
    if LINE_BREAK not in joined:
        return joined.strip()
    return LINE_BREAK.join(line for line in (piece.strip() for piece in joined.split(LINE_BREAK)) if line)


def _image_html(element: etree._Element) -> str:
    src = element.get("src")
    if not src:
        return ""
    alt = element.get("alt") or element.get("title") or ""
    return f'<img src="{_escape(src, True)}" alt="{_escape(alt, True)}">'


def _escape(value: str, quote: bool = False) -> str:
    return html_lib.escape(value, quote=quote)

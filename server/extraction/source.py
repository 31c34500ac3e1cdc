"""The page's own tree, put in the shape trafilatura reads best before it runs.

trafilatura reads a document as blocks of text. Two common shapes of
markup defeat it: text written straight into a container (a div or a
cell) with links and formatting inside it, which it cuts around each link,
dropping the space there and sometimes the text before the link; and a
table used to lay out the page, whose cells it keeps as one table of
page-long cells. So, before it runs:

- tables that lay out the page (not data) are unwrapped, each cell becoming
  a division;
- loose text and the inline elements beside it become paragraphs, and a run
  of two or more line breaks ends a paragraph (also inside a <p>), but in a
  container the page marks as a menu; text written alone into a container
  becomes a paragraph where it stands among the article's paragraphs (these
  in layout.py);
- an aside, a footer or a nav that markup left unclosed around the rest
  of the page (trafilatura deletes those whole) becomes a division;
- an article cut by advertisements into containers of the same kind
  (trafilatura takes the first for the whole body) is joined into the first,
  with the headings between its parts;
- lines of preformatted text written as blocks ("<pre><div>cargo
  install</div><div>cargo run</div></pre>", as code highlighters write
  them, or as spans of a "line" class that a style shows as blocks) end in a
  line break, as a browser shows them: trafilatura reads the text of a code
  block alone and would run the lines together; the numbers of its lines go.
- a heading written as a link to itself becomes plain text, and the link to it
  right after it (an icon, words for screen readers) goes: trafilatura
  deletes a block whose words are all links, and such a heading with it;
- a preformatted block that holds no code element (text with links or words
  in bold or italics, as synopses and manual pages are written) has what it
  holds wrapped in one: trafilatura reads it as a quotation otherwise, and
  the reader would run its lines together;
- the code of a code block loses its classes: they name the kinds of tokens a
  highlighter colours ("hljs-meta") or how the block shows its lines
  ("hide-boring"), where trafilatura reads words of the page's furniture
  ("meta", "hide") and deletes the code, or pieces of it, as a hidden menu;
- a code block inside a list item, a definition or a table cell becomes plain
  code (`<pre><code>` and its text, lines kept): trafilatura reads what such a
  block holds as pieces of text of the item, each trimmed, so its lines run
  together (or, written as blocks, become paragraphs, or in a cell vanish);
- code written inside a sentence whose words are marked up (a name in
  italics for the reader to replace, a link to a type) is flattened to
  its text but for its links, each link holding its own piece of code:
  trafilatura moves any element inside such code, and the code's text
  after it, to the end of the paragraph;
- the parts of a streamed page that came late, hidden at its end, are moved
  where its scripts would move them and shown (streamed.py);
- tab panels hidden until their tab is picked are shown (panels.py);
- the drop-down menus that a control opens ("Latest version ▾") go (popups.py);
- a paragraph of links drawn as buttons ("Get it on Kaggle") goes (buttons.py);
- a figure that holds a code block and no picture (a listing of a manual
  or a book) becomes a division and its caption a paragraph: the caption
  names the listing and the figure's loose text says which file it is,
  both read with it, where a picture's caption is not.

Nothing else is removed: every word of the page stays (where it was, but for
the parts of a cut article, moved up to its first part), but for the captions
of pictures (a <figcaption>, or a short block whose class names a caption or a
credit, holding no image). They are not part of the article's text (body.py
leaves out any that reach it), and trafilatura, asked for images as Gloss asks,
keeps them as if they were paragraphs. (And but for the numbers of a code
block's lines, the drop-down menus and the rows of buttons, above.)
Nor for a hidden copy of the page's structured data (an element the page
hides that declares microdata, `itemscope`): its headline, description,
dates and addresses are no text a reader sees, and trafilatura, which does
not look at styles, would read them as the end of the article. (They were
read as metadata, declared.py, before this runs.)

The tree is parsed once (parsing.py) and shared by every step that reads the
page: the structured data, the page kind, this reshaping and trafilatura.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from server.sanitize import WEB_SCHEMES, absolute_url, link_resolver

from .buttons import drop_button_rows
from .commented import unwrap_article_from_comments
from .layout import (BLOCKS, CONTAINERS, WRAPPERS, has_break_run, has_loose_text, is_caption, is_inline,
                     is_layout_table, is_menu, is_prose_beside_paragraphs, split_paragraph, unwrap_table, wrap_runs)
from .panels import show_tab_panels
from .popups import drop_popup_menus
from .streamed import place_streamed_parts

# Containers with an element and some text beside it, found in lxml rather than by asking each
# container of the page in Python; `has_loose_text` then decides (XPath's idea of blank is narrower).
# (the child and text tests first, which most elements fail: asked for its name first, every
# element of the page would be asked it once for each of the containers' tags)
LOOSE_TEXT_CANDIDATES = etree.XPath(
    f"descendant-or-self::*[*][text()[normalize-space()]][{' or '.join(f'self::{tag}' for tag in sorted(CONTAINERS))}]")
# Containers holding text of their own right beside a paragraph; `is_prose_beside_paragraphs` decides.
# (found from the paragraphs, far fewer than the page's elements: three times faster than asking each)
PROSE_CANDIDATES = etree.XPath(
    "(.//p/preceding-sibling::*[1] | .//p/following-sibling::*[1])"
    f"[{' or '.join(f'self::{tag}' for tag in sorted(CONTAINERS))}][text()[normalize-space()]]")
# Inline wrappers holding line breaks: those holding a run of them are unwrapped (see WRAPPERS);
# then paragraphs holding them, split at a run. (Both found from the line breaks, far fewer than
# the page's elements, each asked for its tag; below the body, which is neither.)
BREAK_WRAPPERS = etree.XPath(f"descendant::br/parent::*[{' or '.join(f'self::{tag}' for tag in WRAPPERS)}]")
BREAK_PARAGRAPHS = etree.XPath("descendant::br/parent::p")
# Elements that hold a caption: figcaptions, and the elements of these tags that a class or an id
# marks as one ("aption" and "redit" match either case of the first letter, `is_caption` then decides).
# lxml picks out the tags as it walks the tree, three times faster than an XPath that asks every
# element for its name.
CAPTION_TAGS = ("figcaption", "div", "p", "span", "small", "cite")
CAPTION_MARK_RE = re.compile("aption|redit")
# What a figure shows when it is a picture; a figure holding a code block and none of these (but
# for the icons of the code block's own buttons) is a listing, whose caption is text of the
# article (see _unwrap_listings).
PICTURE_TAGS = ("img", "picture", "video", "svg", "canvas", "iframe", "object", "embed")
_PICTURE = " or ".join(f"self::{tag}" for tag in PICTURE_TAGS)
LISTINGS = etree.XPath(f".//figure[.//pre][not(.//*[{_PICTURE}][not(ancestor::pre)])]")
# The most words a caption has (a longer block is the article).
CAPTION_MAX_WORDS = 80
# Code highlighters write each line of a code block as an element of its own ("<span
# class='line'>", "token-line", "code-line"), which a style shows as a block.
CODE_LINE_CLASS_RE = re.compile(r"(?:^|\s)(?:[\w-]*[-_])?line(?:\s|$)", re.IGNORECASE)
# A code block whose elements holding only a number count 1, 2, 3... has its lines numbered.
MIN_LINE_NUMBERS = 3
# Elements trafilatura deletes whole as the page's furniture. Markup left unclosed (a pop-up's
# <aside> or a menu's <nav> never ended) can make one of them hold the rest of the page; one that
# holds the page's main headings (every <h1>), this share of its paragraphs' words and at least a
# short article's worth of them is such a wrapper and becomes a division.
FURNITURE = ("aside", "footer", "nav")
WRAPPER_SHARE = 0.8
WRAPPER_MIN_WORDS = 200
# An article cut into several containers of the same kind (the same tag and class), one after
# the other with nothing but advertisements' slots between them: trafilatura takes the first
# container it finds for the article's body and loses the rest. Containers of paragraphs
# separated by at most this many words (an "Advertisement" label) are joined into the first.
# (Between the texts of comments or cards stand names, dates and links.) Each part says at least
# a paragraph's worth of words: the blocks of a page of short sections (a service's features) are
# read together already.
SPLIT_GAP_WORDS = 3
SPLIT_PART_WORDS = 50
# The containers (elements with a class) of paragraphs, found from the paragraphs, far fewer than
# the page's elements (the body too, when it has a class and paragraphs of its own).
SPLIT_CANDIDATES = etree.XPath("descendant::p/parent::*[@class]")
# Code inside running text holding elements of its own (see _flatten_inline_code); code holding a
# line break or a block is laid out as a block and left as it is.
MARKED_INLINE_CODE = etree.XPath(".//code[*][not(ancestor::pre)][not(.//br)]")
# Code blocks inside the blocks whose content trafilatura reads as pieces of text (see
# _plain_item_code), and what a browser does not show of a code block (a copy button's label, the
# style rules a page writes beside its blocks).
ITEM_CODE = etree.XPath(".//pre[ancestor::li or ancestor::dd or ancestor::td or ancestor::th]")
UNSHOWN_IN_CODE = frozenset({"script", "style", "template", "button", "noscript"})
# Preformatted blocks trafilatura would not take for code. It takes a <pre> holding nothing but one
# <code> for a code block and keeps it as the page shows it; any other <pre> it reads as a
# quotation, keeping the markup inside (a synopsis's arguments in italics, a manual page's links
# and bold words), which the reader shows as one paragraph, its lines run together (and inside a
# quotation trafilatura runs them together itself). Each has what it holds wrapped in a <code>.
# A <pre> holding a <code> beside something else (a "Run" link over the code) stays as it is: the
# <code> is the code, the rest its controls.
UNWRAPPED_PREFORMATTED = etree.XPath(".//pre[not(ancestor::pre)][not(code)]")
# The code of code blocks, and what it holds: classes there name tokens and modes of display, never
# furniture. (A block's own controls, a copy button beside its code, keep theirs.)
CLASSED_CODE = etree.XPath(".//pre//code[@class] | .//pre//code//*[@class]")
# Hidden structured data: a microdata item the page does not show (hidden, or styled display: none).
# (Each search below for an attribute reaches its elements through the attribute, which libxml2
# finds faster than by asking each element for it: the same elements, in the same order.)
HIDDEN_ITEMS = etree.XPath(
    "descendant::*/@itemscope/parent::*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The signs a link from a heading to itself shows ("Usage¶"), or nothing a reader sees (a
# zero-width space, for an icon a style sheet draws).
PERMALINK_SIGNS = frozenset({"¶", "§", "#", "🔗", ""})
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"



ABSOLUTE_PREFIXES = ("https://", "http://", "mailto:")  # addresses most links have, left as they are


def prepare(tree: HtmlElement) -> HtmlElement:
    """The same tree with layout tables unwrapped and loose text made into paragraphs."""
    body = tree.find("body")
    if body is None:
        return tree
    place_streamed_parts(tree)
    unwrap_article_from_comments(body)
    show_tab_panels(body)
    drop_popup_menus(body)
    drop_button_rows(body)
    _unwrap_listings(body)
    _drop_captions(body)
    _drop_hidden_items(body)
    _drop_anchor_marks(body)
    _unlink_headings(body)
    unwrap_unclosed_furniture(body)
    _join_split_containers(body)
    for table in reversed(list(body.iter("table"))):  # inner tables first
        if is_layout_table(table):
            unwrap_table(table)
    if _holds(body, "br"):
        for wrapper in BREAK_WRAPPERS(body):
            if has_break_run(wrapper) and wrapper.getparent() is not None and wrapper.getparent().tag in CONTAINERS:
                wrapper.drop_tag()
        for element in BREAK_PARAGRAPHS(body):
            if has_break_run(element):
                split_paragraph(element)
    for container in LOOSE_TEXT_CANDIDATES(body):
        if has_loose_text(container) and not is_caption(container) and not is_menu(container):
            wrap_runs(container)
    for container in PROSE_CANDIDATES(body):
        if is_prose_beside_paragraphs(container) and not is_caption(container):
            wrap_runs(container)
    if _holds(body, "pre"):
        for block in body.xpath(".//pre//*"):
            if (block.tag in BLOCKS or _is_code_line(block)) and not block.tail and block.getnext() is not None:
                block.tail = "\n"
        for pre in body.xpath(".//pre[*]"):
            _drop_line_numbers(pre)
        for pre in ITEM_CODE(body):
            _plain_item_code(pre)
        for pre in UNWRAPPED_PREFORMATTED(body):
            _wrap_in_code(pre)
        for element in CLASSED_CODE(body):
            del element.attrib["class"]
    if _holds(body, "code"):
        for code in MARKED_INLINE_CODE(body):
            if all(is_inline(element) for element in code.iterdescendants()):
                _flatten_inline_code(code)
    return tree


def resolve_links(tree: HtmlElement, url: str) -> None:
    """Each link's address made absolute against the page's address (or its <base href>), as a
    browser follows it. trafilatura resolves a relative address against the site's root instead:
    "guide.html" on /docs/v2/intro.html would lead to /guide.html and "#usage" to the front page.
    Runs after `prepare`, which tells a heading's link to itself by its "#"."""
    if not url:
        return
    base = url
    declared_base = next(tree.iter("base"), None)
    if declared_base is not None and declared_base.get("href"):
        base = absolute_url(declared_base.get("href") or "", url, WEB_SCHEMES) or url
    # A page links to many addresses more than once (its menus, its tags, "Reply" on each
    # comment): each is resolved once (about a third of the relative links on the AEB pages).
    resolved: dict[str, str | None] = {}
    resolve = link_resolver(base)
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href is None or href.startswith(ABSOLUTE_PREFIXES):
            continue
        if href not in resolved:
            resolved[href] = resolve(href)
        if (target := resolved[href]) is not None:
            anchor.set("href", target)


def _drop_anchor_marks(body: HtmlElement) -> None:
    """Remove the empty anchors that only mark a place for links to point at (`<a id="x"></a>`:
    a name, no address, no text): trafilatura counts them as links with no text, and finding
    nothing but such links in a short block (an introduction beside them) deletes the block as a
    menu. And remove the links of a heading to itself, shown as a sign after it ("Usage¶",
    "Variants§") or as nothing but an icon: the sign is no word of the heading, and trafilatura
    runs it into the last one."""
    for anchor in list(body.iter("a")):
        if len(anchor):
            continue
        text = (anchor.text or "").strip().strip(ZERO_WIDTH)
        href = anchor.get("href")
        if href is None and not text and (anchor.get("id") or anchor.get("name")):
            anchor.drop_tag()
        elif href is not None and href.startswith("#") and text in PERMALINK_SIGNS:
            anchor.drop_tree()


def _unlink_headings(body: HtmlElement) -> None:
    """Make plain text of a heading written as a link to itself (`<h2 id="usage"><a
    href="#usage">Usage</a></h2>`, as documentation sites write each section's heading, for its
    address to be copied): trafilatura deletes a block whose text is all links, and a heading
    alone in a wrapper beside a link of its own goes with it. That link, right after the
    heading and to the heading too, is an icon and words for screen readers ("Section titled
    'Usage'"), no words of the article: it goes."""
    for heading in list(body.iter(*HEADINGS)):
        if not heading.get("id"):
            continue
        target = f"#{heading.get('id')}"
        links = heading.findall(".//a")
        text = heading.text_content().strip()
        if len(links) == 1 and links[0].get("href") == target and text and links[0].text_content().strip() == text:
            links[0].drop_tag()
        following = heading.getnext()
        if following is not None and following.tag == "a" and following.get("href") == target:
            following.drop_tree()  # keeps its tail


def _holds(body: HtmlElement, tag: str) -> bool:
    """Whether `body` holds an element of the tag. lxml answers at once for a tag the document
    has none of (most pages have no <pre>, no <code>, no <figure>), where an XPath that looks for
    one walks the whole tree (about a walk of the tree saved for each tag a page lacks)."""
    return next(body.iter(tag), None) is not None


def _flatten_inline_code(code: HtmlElement) -> None:
    """Inline code as pieces of plain code and links each holding their code, in its place: the
    words stay where the page shows them (see MARKED_INLINE_CODE); the formatting inside the
    code goes."""
    pieces: list[HtmlElement] = []

    def code_piece(text: str) -> HtmlElement:
        piece = code.makeelement("code", dict(code.attrib))
        piece.text = text
        return piece

    text = code.text or ""
    for child in code:
        if child.tag != "a" or not child.get("href"):
            text += (child.text_content() if isinstance(child.tag, str) else "") + (child.tail or "")
            continue
        if text:
            pieces.append(code_piece(text))
        link = code.makeelement("a", dict(child.attrib))
        link.append(code_piece(child.text_content()))
        pieces.append(link)
        text = child.tail or ""
    if text:
        pieces.append(code_piece(text))
    parent = code.getparent()
    if parent is None or not pieces:
        return
    pieces[-1].tail = code.tail
    position = parent.index(code)
    parent[position:position + 1] = pieces


def _drop_line_numbers(pre: HtmlElement) -> None:
    """Remove the numbers of a code block's lines, written in elements of their own beside the
    lines (a gutter that the reader does not select): trafilatura drops the line breaks of some
    code blocks (inside a list item) and would run each number into the line before it, or into
    the next number where a line is empty ("10" and "11" as "1011")."""
    numbers = [element for element in pre.iterdescendants()
               if not len(element) and (element.text or "").strip().isdigit()]
    # (the gutter's numbers are all marked alike; a number in the code is marked otherwise)
    numbers = [element for element in numbers if numbers and _marking(element) == _marking(numbers[0])]
    if len(numbers) < MIN_LINE_NUMBERS or [int(element.text or "") for element in numbers] != list(
            range(1, len(numbers) + 1)):
        return
    for element in numbers:
        element.drop_tree()  # keeps its tail


def _plain_item_code(pre: HtmlElement) -> None:
    """The code block `pre`, inside a list item, a definition or a table cell, as one <code>
    holding its text as a browser shows it, its lines kept (see ITEM_CODE). Its links and
    highlighting go: the reader shows a code block as plain text."""
    if pre.getparent() is None or next(pre.iterancestors("pre"), None) is not None:
        return
    pieces: list[str] = []
    _add_shown_code_text(pre, pieces)
    text = "".join(pieces)
    for child in list(pre):
        pre.remove(child)  # (with its tail: all of it is in `text`)
    code = pre.makeelement("code", {})
    code.text = text
    pre.text = None
    pre.append(code)


def _wrap_in_code(pre: HtmlElement) -> None:
    """Everything the preformatted block `pre` holds, its text and its markup, moved into one
    <code> inside it (see UNWRAPPED_PREFORMATTED)."""
    code = pre.makeelement("code", {})
    code.text = pre.text
    pre.text = None
    for child in list(pre):
        code.append(child)
    pre.append(code)


def _add_shown_code_text(element: HtmlElement, pieces: list[str]) -> None:
    """The texts of `element` a browser shows, added to `pieces`; a block starts a line (a line's
    number in a span of its own, the line in a division beside it: "1" and "composer install")."""
    pieces.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and child.tag not in UNSHOWN_IN_CODE:
            if child.tag in BLOCKS and _line_open(pieces):
                pieces.append("\n")
            _add_shown_code_text(child, pieces)
        pieces.append(child.tail or "")


def _line_open(pieces: list[str]) -> bool:
    """Whether the last line of the texts `pieces` holds any text."""
    for piece in reversed(pieces):
        _, ended, line = piece.rpartition("\n")
        if line.strip():
            return True
        if ended:
            return False
    return False


def _marking(element: HtmlElement) -> tuple[str, str, str]:
    return str(element.tag), element.get("class", ""), element.get("style", "")


def _is_code_line(element: HtmlElement) -> bool:
    return bool(CODE_LINE_CLASS_RE.search(element.get("class", ""))) and not element.text_content().endswith("\n")


# --- captions --------------------------------------------------------------------------------------

def _unwrap_listings(body: HtmlElement) -> None:
    """A figure of code without a picture becomes a division, its caption a paragraph (see
    LISTINGS)."""
    if not _holds(body, "figure") or not _holds(body, "pre"):
        return
    for figure in LISTINGS(body):
        figure.tag = "div"
        for caption in figure.iterchildren("figcaption"):
            caption.tag = "p"
        wrap_runs(figure)  # a file's name written beside the code, in a span of its own


def _drop_captions(body: HtmlElement) -> None:
    for element in _caption_candidates(body):
        if element.getparent() is None or (element.tag != "figcaption" and not is_caption(element)):
            continue
        if element.find(".//img") is None and len("".join(element.itertext()).split()) <= CAPTION_MAX_WORDS:
            element.drop_tree()  # keeps its tail


def _caption_candidates(body: HtmlElement) -> list[HtmlElement]:
    """The figcaptions inside `body`, and the elements of CAPTION_TAGS marked as captions, in the
    page's order."""
    return [element for element in body.iterdescendants(*CAPTION_TAGS) if element.tag == "figcaption"
            or CAPTION_MARK_RE.search(f"{element.get('class') or ''} {element.get('id') or ''}")]


def _drop_hidden_items(body: HtmlElement) -> None:
    """Remove the hidden copies of the structured data (see HIDDEN_ITEMS)."""
    for element in HIDDEN_ITEMS(body):
        if element.getparent() is not None:
            element.drop_tree()  # keeps its tail


def unwrap_unclosed_furniture(body: HtmlElement) -> None:
    """An aside, footer or nav holding the page's main headings and nearly all its paragraphs
    becomes a division (see FURNITURE)."""
    candidates = [element for element in body.iter(*FURNITURE) if element.find(".//p") is not None]
    if not candidates:
        return
    headings = _count(body, "h1")
    if not headings:
        return
    # The cheap tests first, and the page's paragraphs counted only for an element that passes
    # them: most such elements (a footer, a menu) hold none of the page's main headings.
    total = None
    for element in candidates:
        if _count(element, "h1") != headings or (words := _paragraph_words(element)) < WRAPPER_MIN_WORDS:
            continue
        total = _paragraph_words(body) if total is None else total
        if words >= WRAPPER_SHARE * total:
            element.tag = "div"


def _split_candidates(body: HtmlElement) -> list[HtmlElement]:
    """The elements inside `body` with a class and a paragraph of their own, in the page's order."""
    return [element for element in SPLIT_CANDIDATES(body) if element is not body]


def _count(element: HtmlElement, tag: str) -> int:
    return sum(1 for _ in element.iterdescendants(tag))


def _paragraph_words(element: HtmlElement) -> int:
    return sum(len(paragraph.text_content().split()) for paragraph in element.iter("p"))


def _join_split_containers(body: HtmlElement) -> None:
    """Containers of paragraphs cut apart by advertisements joined into the first (see
    SPLIT_GAP_WORDS)."""
    groups: dict[tuple[object, str | None], list[HtmlElement]] = {}  # by tag and class
    for element in _split_candidates(body):
        if _words(element) < SPLIT_PART_WORDS:
            continue
        groups.setdefault((element.tag, element.get("class")), []).append(element)
    for members in groups.values():
        first = members[0]
        for member in members[1:]:
            if _gap_words(first, member) > SPLIT_GAP_WORDS:
                first = member
                continue
            # (a heading between the parts is the next part's: it moves with it, keeping its place)
            first.extend(_headings_between(first, member))
            if len(first):
                first[-1].tail = (first[-1].tail or "") + (member.text or "")
            else:
                first.text = (first.text or "") + (member.text or "")
            first.extend(list(member))
            member.text = None


def _headings_between(first: HtmlElement, second: HtmlElement) -> list[HtmlElement]:
    """The headings after `first` and before `second` in the page's order, taken out of their
    places (their tails stay there)."""
    ancestors = set(first.iterancestors())
    common = next((ancestor for ancestor in second.iterancestors() if ancestor in ancestors), None)
    inside = set(first.iter())
    after, headings = False, []
    for element in common.iter() if common is not None else ():
        if element is second:
            break
        after = after or element is first
        if after and element not in inside and element.tag in HEADINGS:
            headings.append(element)
    for heading in headings:
        heading.drop_tree()  # its tail joins the text before it ...
        heading.tail = None  # ... and does not move with it
    return headings


def _gap_words(first: HtmlElement, second: HtmlElement) -> int | float:
    """How many words stand between two elements in different parents, neither holding the
    other, in the page's order (infinitely many for siblings, which trafilatura reads together,
    and when one holds the other)."""
    first_line = [first, *first.iterancestors()]
    common = next((ancestor for ancestor in second.iterancestors() if ancestor in first_line), None)
    if common is None or common is first or common is first.getparent():
        return float("inf")
    top_first = first_line[first_line.index(common) - 1]
    top_second = next(element for element in [second, *second.iterancestors()] if element.getparent() is common)
    between = list(common)[common.index(top_first) + 1:common.index(top_second)]
    words = _words(top_first) - _words(first) + _words(top_second) - _words(second)
    return words + sum(_words(element) for element in between) + len((top_first.tail or "").split())


def _words(element: HtmlElement) -> int:
    return len(element.text_content().split())

"""HTML + URL in, Article out: the reader-mode text, reader HTML and metadata
of a saved page.

trafilatura runs once per page; its XML body tree is then walked once to
produce both the plain text (the offsets highlights point into) and the
reader HTML, so the two always show the same article.
"""
from __future__ import annotations

import html as html_lib
import math
import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from server.sanitize import WEB_SCHEMES, absolute_url, sanitize_reader_html

LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
NO_ARTICLE_MESSAGE = "No article text was found on this page"
WORDS_PER_MINUTE = 230
EXCERPT_CHARS = 280

# Comments sections stay out; everything the reader view shows is kept in the tree.
TRAFILATURA_SETTINGS = dict(
    with_metadata=True,
    include_comments=False,
    include_tables=True,
    include_images=True,
    include_links=True,
    include_formatting=True,
    # "xml" returns the same body as "python" without serializing it to markdown first
    output_format="xml",
)


class NoArticle(ValueError):
    def __init__(self, message: str = NO_ARTICLE_MESSAGE) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Article:
    text: str
    html: str
    title: str | None
    author: str | None
    published: str | None
    site_name: str | None
    language: str | None
    image: str | None
    excerpt: str | None
    canonical_href: str | None
    word_count: int
    reading_minutes: int


def extract(html: str, url: str) -> Article:
    """The article of the page `html` (already decoded text) saved from `url`.

    Raises NoArticle when the page has no article text."""
    html = _without_lone_surrogates(html)
    document = trafilatura.bare_extraction(html, url=url, **TRAFILATURA_SETTINGS)
    if document is None or document.body is None:
        raise NoArticle()
    title = _clean(document.title)
    _drop_leading_title(document.body, title)
    blocks, reader_html = render_body(document.body)
    text = "\n\n".join(blocks)
    if not WORD_RE.search(text) or (len(text) < SHORT_TEXT_CHARS and only_boilerplate(html)):
        raise NoArticle()
    head = scan_head(html)
    word_count = len(text.split())
    return Article(
        text=text,
        html=sanitize_reader_html(reader_html, url),
        title=title,
        author=_clean(document.author),
        published=_clean(document.date),
        site_name=_clean(document.sitename) or _clean(document.hostname),
        language=head.language or guess_language(text),
        image=_absolute_image(document.image, url) or _first_image(document.body, url),
        excerpt=_excerpt(_clean(document.description), text),
        canonical_href=absolute_url(head.canonical, url, WEB_SCHEMES) if head.canonical else None,
        word_count=word_count,
        reading_minutes=max(1, math.ceil(word_count / WORDS_PER_MINUTE)),
    )


def _without_lone_surrogates(html: str) -> str:
    """lxml cannot take lone surrogates (JSON can carry them) and would cut the page at the first one."""
    if html.isascii():
        return html
    try:
        html.encode("utf-8")  # much faster than searching for them
    except UnicodeEncodeError:
        return LONE_SURROGATE_RE.sub("\ufffd", html)
    return html


# --- the body tree -> text blocks + reader HTML --------------------------------------------

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


def render_body(body: etree._Element) -> tuple[list[str], str]:
    """The text blocks and the (unsanitized) reader HTML of trafilatura's body tree."""
    walker = _BodyWalker()
    walker.container(body, html_tag=None)
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
        if tag == "code" or (tag == "quote" and _is_preformatted(element)):
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
        text.append(MARKUP_SPACE_RE.sub(" ", value))
        html.append(_escape(value))


def _inline(element: etree._Element, text: list[str], html: list[str], block_separator: str = "") -> None:
    """An inline element, its subtree and its tail appended to the runs."""
    tag = element.tag
    if tag == "lb":
        text.append(LINE_BREAK)
        html.append("<br>")
    elif tag == "graphic":
        html.append(_image_html(element))
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
    tag = element.tag
    if tag == "ref":
        target = element.get("target")
        return (f'<a href="{_escape(target, True)}">', "</a>") if target else ("", "")
    name = HI_TAG.get(element.get("rend") or "") if tag == "hi" else INLINE_TAG.get(tag)
    return (f"<{name}>", f"</{name}>") if name else ("", "")


def _html_tag(element: etree._Element, leaf: bool = False) -> str:
    tag = element.tag
    rend = element.get("rend") or ""
    if tag == "head":
        return rend if rend in HEADINGS else "h2"
    if tag == "item":
        return rend[:2] if rend.startswith(("dt-", "dd-")) else "li"
    if tag == "list" and not leaf:
        return rend if rend in ("ol", "dl") else "ul"
    return HTML_TAG.get(tag, "p" if leaf else "div")


CAPTION_CLASS_RE = re.compile(r"caption|credit", re.IGNORECASE)
BARE_URL_RE = re.compile(r"^https?://\S+$")


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


STRUCTURE_TAGS = BLOCK_TAGS - {"code", "quote"}
# Where a code or quote element is a phrase inside running text rather than a block.
RUNNING_TEXT_TAGS = frozenset({"p", "head", "item", "cell", "figcaption", "hi", "ref", "del"})


def _is_block(element: etree._Element) -> bool:
    tag = element.tag
    if tag in ("code", "quote"):
        parent = element.getparent()
        if parent is not None and parent.tag in RUNNING_TEXT_TAGS:
            return "\n" in "".join(element.itertext()).strip() or any(
                inner.tag == "lb" or inner.tag in STRUCTURE_TAGS for inner in element.iterdescendants())
        return True
    return tag in BLOCK_TAGS


def _is_preformatted(element: etree._Element) -> bool:
    """A quote that came from a plain <pre>: its line breaks are its own."""
    return len(element) == 0 and "\n" in (element.text or "").strip()


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


# --- metadata around the body ------------------------------------------------------------------

def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _comparable(value: str) -> str:
    return " ".join(value.split()).casefold()


def _drop_leading_title(body: etree._Element, title: str | None) -> None:
    """Remove the article's first heading when it only repeats the title."""
    if not title:
        return
    first = _first_with_text(body)
    while first is not None and first.tag != "head" and not (first.text or "").strip():
        first = _first_with_text(first)  # down through wrappers such as a div
    if first is None or first.tag != "head" or _comparable("".join(first.itertext())) != _comparable(title):
        return
    parent = first.getparent()
    if first.tail and first.tail.strip():
        previous = first.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + first.tail
        else:
            parent.text = (parent.text or "") + first.tail
    parent.remove(first)


def _first_with_text(element: etree._Element) -> etree._Element | None:
    return next((child for child in element if "".join(child.itertext()).strip()), None)


SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")")


def _excerpt(description: str | None, text: str) -> str | None:
    """The page's description, else the start of its text cut at a word."""
    flat = " ".join(text.split())
    if description:
        description = " ".join(description.split())
        # a description that is only the start of the text, cut mid-sentence, reads worse than our own cut
        if not (flat.startswith(description) and not description.endswith(SENTENCE_END)):
            return description
    if len(flat) <= EXCERPT_CHARS:
        return flat or None
    cut = flat.rfind(" ", 0, EXCERPT_CHARS)
    excerpt = flat[:cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS].rstrip(" ,;:")
    return excerpt if excerpt.endswith(SENTENCE_END) else f"{excerpt}…"


def _absolute_image(src: str | None, url: str) -> str | None:
    return absolute_url(src, url, WEB_SCHEMES) if src else None


def _first_image(body: etree._Element, url: str) -> str | None:
    for graphic in body.iter("graphic"):
        if src := _absolute_image(graphic.get("src"), url):
            return src
    return None


@dataclass(frozen=True)
class HeadInfo:
    language: str | None
    canonical: str | None


# The document head is read with regular expressions: trafilatura parses the page itself,
# and a second parse only for <html lang> and <link rel=canonical> would cost more.
HEAD_END_RE = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
HEAD_SCAN_LIMIT = 512 * 1024
HEAD_TAG_RE = re.compile(r"<(html|link|meta)\b([^>]{0,4000})>", re.IGNORECASE)  # bounded: no rescans
ATTRIBUTE_RE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
META_LANGUAGE_HINT_RE = re.compile(r"language|og:locale", re.IGNORECASE)
LANGUAGE_TAG_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$")


def scan_head(html: str) -> HeadInfo:
    """The declared language and the rel=canonical href of a page, from its head."""
    end = HEAD_END_RE.search(html, 0, HEAD_SCAN_LIMIT)
    head = html[:end.start() if end else HEAD_SCAN_LIMIT]
    language = canonical = None
    meta_language = None
    for match in HEAD_TAG_RE.finditer(head):
        tag = match.group(1).lower()
        source = match.group(2)
        # Heads hold dozens of link and meta tags: only those that can matter are parsed.
        if tag == "html" and language is None:
            attributes = _attributes(source)
            language = _language_code(attributes.get("lang") or attributes.get("xml:lang"))
        elif tag == "link" and canonical is None and "canonical" in source.lower():
            attributes = _attributes(source)
            if "canonical" in attributes.get("rel", "").lower().split():
                canonical = _clean(attributes.get("href"))
        elif tag == "meta" and meta_language is None and META_LANGUAGE_HINT_RE.search(source):
            attributes = _attributes(source)
            name = (attributes.get("http-equiv") or attributes.get("property") or attributes.get("name") or "").lower()
            if name in ("content-language", "og:locale", "language"):
                meta_language = _language_code(attributes.get("content"))
    return HeadInfo(language or meta_language, canonical)


def _attributes(source: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for name, double, single, bare in ATTRIBUTE_RE.findall(source):
        attributes.setdefault(name.lower(), html_lib.unescape(double or single or bare))
    return attributes


def _language_code(value: str | None) -> str | None:
    match = LANGUAGE_TAG_RE.match((value or "").strip().split(",")[0].strip())
    return match.group(1).lower() if match else None


# The most frequent function words of a few languages: enough to tell them apart when a
# page does not declare its language.
STOPWORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "this", "are", "be"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "ein", "eine", "mit", "sich", "auf", "den", "dem", "zu"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "dans", "que", "pour", "qui", "pas", "du", "sur"},
    "es": {"el", "los", "las", "y", "que", "es", "del", "por", "una", "con", "para", "se", "como", "lo"},
    "it": {"il", "di", "che", "è", "della", "per", "una", "sono", "gli", "non", "con", "nel", "anche", "si"},
    "nl": {"de", "het", "een", "van", "en", "is", "niet", "dat", "op", "voor", "zijn", "met", "ook", "er"},
    "pt": {"o", "os", "as", "que", "não", "uma", "com", "para", "do", "da", "em", "se", "por", "mais"},
}
LANGUAGE_SAMPLE_WORDS = 400
WORD_TOKEN_RE = re.compile(r"\w+")


def guess_language(text: str) -> str | None:
    """The language whose function words are most frequent in the text, if clearly ahead."""
    words = [word.lower() for word in WORD_TOKEN_RE.findall(text[:4000])][:LANGUAGE_SAMPLE_WORDS]
    if len(words) < 8:
        return None
    counts = sorted(((sum(word in stop for word in words), code) for code, stop in STOPWORDS.items()), reverse=True)
    (best, code), (runner_up, _) = counts[0], counts[1]
    return code if best >= max(3, len(words) // 20) and best > 1.5 * runner_up else None


# --- pages without an article ------------------------------------------------------------------

SHORT_TEXT_CHARS = 500
BOILERPLATE_XPATH = (
    "//nav|//header|//footer|//aside|//menu|//form|//button|//select|//script|//style|//noscript|//template"
    "|//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='menu' or @role='menubar']"
)


UTF8_HTML_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)


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

"""The page's tree, parsed once as trafilatura's `load_html` would build it from the text.

libxml2 reads UTF-8 itself: handed a Python string, it is given the string's own characters
(one, two or four bytes each) and converts them first. So where the caller has the page's
UTF-8 bytes already (a save encodes the page once, for this and for storing it), those bytes
are parsed, with the encoding given: the same tree, for less of libxml2's time.
"""
from __future__ import annotations

import logging

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, is_dubious_html, repair_faulty_html

LOGGER = logging.getLogger(__name__)

# trafilatura's own parser settings, so the tree is the one it would build from the text. Every
# element is a plain HtmlElement: lxml.html's default lookup picks a class per tag in Python (for
# form fields), a call for each element any walk of the tree touches, which nothing here needs.
# (The encoding it is given also holds for bytes: a <meta charset> of the page cannot override it.)
PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                              remove_pis=True)
PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
HEAD_CHARS = 50  # how much of the text trafilatura looks at to tell HTML from other text
# What trafilatura deletes before parsing (its INVALID_XML_CHARS): the C0 controls but tab, line
# feed and carriage return, each one byte in UTF-8 that no other character uses; U+FFFE and U+FFFF
# (looked for in the text: a text whose characters all fit in a byte, most pages, answers at once).
CONTROL_BYTES = bytes(code for code in range(0x20) if code not in (0x09, 0x0A, 0x0D))
NONCHARACTERS = ("\ufffe", "\uffff")
FAULTY_HTML_SCAN = 4096  # where trafilatura looks for a self-closed <html/>: the first lines of this head
FAULTY_HTML_LINES = 4


def parse(html: str, encoded: bytes | None = None) -> HtmlElement | None:
    """The page's tree as trafilatura's `load_html` builds it from text (same repairs, same
    fallback to bytes, None for what is not HTML), with the parser above. `encoded`, the
    page's UTF-8 bytes where the caller has them (a page without lone surrogates), is parsed
    instead of the text, and spares encoding it again."""
    beginning = html[:HEAD_CHARS].lower()
    html, data = _repaired(html, beginning, encoded)
    tree: HtmlElement | None = None
    try:
        tree = lxml_html.fromstring(data if data is not None else html, parser=PARSER)
    except ValueError:  # text that declares its own encoding
        tree = _parse_bytes(html)
    except Exception as error:  # lxml raises several kinds; the bytes may still parse
        LOGGER.info("lxml could not parse the page: %s", error)
        tree = _parse_bytes(html)
    else:
        if len(tree) < 1:
            tree = _parse_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _repaired(html: str, beginning: str, encoded: bytes | None) -> tuple[str, bytes | None]:
    """trafilatura's `repair_faulty_html`: the characters XML cannot hold deleted, a doctype
    that closes itself and a self-closed <html/> mended. The deletion is a regular expression
    over the whole text; where a scan of its UTF-8 bytes finds none of those characters (most
    pages), only the two repairs of the start run, on the first line and on a short head.
    Answers the text, and its UTF-8 bytes where they follow from `encoded` without encoding
    the whole text again (else None)."""
    data = encoded if encoded is not None else html.encode("utf-8", "surrogatepass")
    if len(data.translate(None, CONTROL_BYTES)) != len(data) or any(char in html for char in NONCHARACTERS):
        return repair_faulty_html(html, beginning), None
    if "doctype" in beginning:
        first_line, _, rest = html.partition("\n")
        repaired_line = DOCTYPE_TAG.sub("", first_line, count=1)
        html = repaired_line + "\n" + rest
        # (the line's bytes end at the first line feed byte, which no other character's hold)
        encoded_line, _, encoded_rest = data.partition(b"\n")
        data = (encoded_line if repaired_line == first_line else repaired_line.encode("utf-8")) + b"\n" + encoded_rest
    head_lines = html[:FAULTY_HTML_SCAN].splitlines()[:FAULTY_HTML_LINES]
    if any("<html" in line and line.endswith("/>") for line in head_lines):
        return FAULTY_HTML.sub(r"\1>", html, count=1), None
    return html, data if encoded is not None else None


def _parse_bytes(html: str) -> HtmlElement | None:
    try:
        return lxml_html.fromstring(html.encode("utf-8", "surrogatepass"), parser=PARSER)
    except Exception as error:  # lxml raises several kinds: the page is then not HTML
        LOGGER.info("lxml could not parse the page as bytes: %s", error)
        return None

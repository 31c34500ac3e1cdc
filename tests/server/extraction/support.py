"""What the tests of the steps after trafilatura share: the body trafilatura hands over, the page
it was read from, and the body's blocks as the reader shows them."""
from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from server.extraction.body import render_body


def body_of(markup: str) -> etree._Element:
    """A body as trafilatura gives it (its own tags: <head rend>, <list>, <ref>)."""
    return etree.fromstring(f"<body>{markup}</body>")


def page_of(markup: str) -> lxml_html.HtmlElement:
    """The page the body was read from, its markup inside one division."""
    return lxml_html.document_fromstring(f"<html><body><div>{markup}</div></body></html>")


def texts(body: etree._Element) -> list[str]:
    """Each block's text, its whitespace collapsed."""
    return [" ".join("".join(child.itertext()).split()) for child in body]


def blocks(body: etree._Element) -> list[str]:
    """The body's blocks as text, as the reader shows them."""
    return render_body(body)[0]

"""Edits to trafilatura's body tree before it is rendered: what sits at the
article's edges without being part of it."""
from __future__ import annotations

from lxml import etree


def comparable(value: str) -> str:
    return " ".join(value.split()).casefold()


def drop_leading_title(body: etree._Element, title: str | None) -> None:
    """Remove the article's first heading when it only repeats the title."""
    if not title:
        return
    first = _first_with_text(body)
    while first is not None and first.tag != "head" and not (first.text or "").strip():
        first = _first_with_text(first)  # down through wrappers such as a div
    if first is None or first.tag != "head" or comparable("".join(first.itertext())) != comparable(title):
        return
    remove_keeping_tail(first)


def remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _first_with_text(element: etree._Element) -> etree._Element | None:
    return next((child for child in element if "".join(child.itertext()).strip()), None)

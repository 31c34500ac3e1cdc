"""The parts of a streamed page that came late, put where the page shows them.

A page that React renders on the server while it streams it (Next.js and the documentation
and shop platforms built on it) writes first what is ready and leaves a placeholder, an empty
<template id="B:3"> (or "P:3"), for each part that is not. That part follows at the end of the
page in a hidden division (<div hidden id="S:3">) with a one-line script that moves it in place
of its placeholder as it arrives: `$RC("B:3","S:3")` (or `$RS("S:3","P:3")`). A browser shows
the part there; trafilatura, which runs no script, finds it after the page's footer, outside the
container it takes for the article, and leaves out whatever of the article came late (a code
block, a section, the whole text). So each part is moved where its script moves it, and shown.

Only parts that a script of the page moves are touched: a hidden element with no such script
stays hidden.
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

# React's calls that move a streamed part: $RC(placeholder, part) completes a boundary,
# $RS(part, placeholder) places a segment.
MOVE_CALL_RE = re.compile(r'\$R([CS])\("([^"\\]{1,40})","([^"\\]{1,40})"\)')
MARKER = "$R"  # every script that moves a part says it; the others are not searched


def place_streamed_parts(tree: HtmlElement) -> None:
    """Put each hidden part of `tree` in place of the placeholder its script names (see above)."""
    moves = _moves(tree)
    if not moves:
        return
    placeholders = {template.get("id"): template for template in tree.iter("template") if template.get("id")}
    parts = {element.get("id"): element for element in tree.xpath("//*[@hidden][@id]")}
    for placeholder_id, part_id in moves:
        placeholder, part = placeholders.get(placeholder_id), parts.get(part_id)
        if placeholder is None or part is None or any(ancestor is part for ancestor in placeholder.iterancestors()):
            continue  # (a part holding its own placeholder is no part a script could move there)
        _move(part, placeholder)


def _moves(tree: HtmlElement) -> list[tuple[str, str]]:
    """The (placeholder id, part id) pairs the page's scripts move, in the order they run."""
    moves: list[tuple[str, str]] = []
    for script in tree.iter("script"):
        text = script.text or ""
        if MARKER not in text:
            continue
        for call, first, second in MOVE_CALL_RE.findall(text):
            moves.append((first, second) if call == "C" else (second, first))
    return moves


def _move(part: HtmlElement, placeholder: HtmlElement) -> None:
    """Move `part`'s content in place of `placeholder`, leaving the text around both where it was."""
    parent = placeholder.getparent()
    if parent is None:
        return
    _detach(part)
    part.tail = placeholder.tail
    placeholder.tail = None
    placeholder.addprevious(part)
    parent.remove(placeholder)
    part.drop_tag()


def _detach(element: HtmlElement) -> None:
    """Take `element` out of the tree, its tail staying where it was."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
        element.tail = None
    parent.remove(element)

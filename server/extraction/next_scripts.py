"""JSON-LD that a Next.js page writes as a script to be run, not as a script element.

A script that Next.js must run before the page is interactive (`<Script
strategy="beforeInteractive">`, which sites use for their JSON-LD too) is not written as the
element it will become: the page holds a call that pushes the element's attributes and text
onto a list, and Next.js makes the element from them when the page loads,

    (self.__next_s=self.__next_s||[]).push([0,{"type":"application/ld+json","children":"{...}"}])

A reader of the page as sent (extruct, trafilatura) finds no application/ld+json element, and
the page's structured data (its work's author, its date) is lost. So such calls are read: the
argument is JSON, and the text of each JSON-LD script it makes is the JSON-LD.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from lxml.html import HtmlElement

from .page_marks import JSON_LD_TYPE

MARKER = "self.__next_s"  # every such call says it; the other scripts are not read
CALL_START = ".push("


def early_json_ld(scripts: Iterable[HtmlElement]) -> list[dict]:
    """The JSON-LD items of the scripts that the Next.js push calls among `scripts` make (see above)."""
    items: list[dict] = []
    for script in scripts:
        text = (script.text or "").strip()
        if MARKER not in text or CALL_START not in text or not text.endswith(")"):
            continue
        argument = text[text.index(CALL_START) + len(CALL_START):-1]
        try:
            pushed = json.loads(argument)
            attributes = pushed[1] if isinstance(pushed, list) and len(pushed) > 1 else None
            if not isinstance(attributes, dict) or attributes.get("type") != JSON_LD_TYPE:
                continue
            data = json.loads(attributes.get("children") or "", strict=False)
        except (ValueError, TypeError, RecursionError):  # a call whose argument is code, not data
            continue
        items.extend(entry for entry in (data if isinstance(data, list) else [data]) if isinstance(entry, dict))
    return items

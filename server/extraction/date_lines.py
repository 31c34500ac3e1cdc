"""Lines at the article's edges that date the page or another page, not sentences of the article.

- A line that only dates the page ("Updated August 14, 2025", "Published 18 November 2019", "Sep
  26, 2022", "19/12/2025 at 7:30 PM"), among the article's first or last few blocks: its metadata
  (read as the publication date, dates.py). (Inside the article, a list of dated entries, a
  changelog's or a listing's, keeps its dates.) The date is one as dates.py reads them; before it,
  a label ("This page was last updated on") and a weekday at most, and after it, a time at most.
- The note of the page's last change closing it, as documentation sites write it under each page
  ("Last modified November 18, 2025 at 11:47 AM PST: Add docs for the workload API (fda060d1fe)",
  "Last updated: March 3, 2024 by Ann Lee"): the label says it is the page's, and what follows the
  date is who made the change or what it was, short.
- A dated link to another page opening the body ("February 26, 2026: <a>Version 18.3 Released!</a>"):
  the site's banner of its latest news, above every page. An article opening with a date and a
  colon goes on past a link; a body holding more than one such line is a list of dated links (a
  news index), whose first entries are no banner.
"""
from __future__ import annotations

import re

from lxml import etree

from .dates import date_span

DATE_LINE_BEFORE_RE = re.compile(r"(?:(?:this (?:page|article|post) was )?(?:last )?"
                                 r"(?:updated|modified|published|posted|reviewed)(?: on| at)?\s*:?\s*)?"
                                 r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?", re.IGNORECASE)
DATE_LINE_AFTER_RE = re.compile(
    r"(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:Z|\s+[A-Z]{2,4})?)?\.?", re.IGNORECASE)
EDGE_BLOCKS = 4
DATE_LINE_MAX_CHARS = 80  # "Last updated on: Wednesday, September 24th, 2025 at 7:30 PM EST" and some
# The label of a note of the page's last change, and what may follow its date: the change's maker
# ("by Ann Lee") or a line saying what it was (": Fix a typo (a1b2c3d)").
CHANGE_LABEL_RE = re.compile(r"(?:this page was )?last (?:updated|modified|edited|changed)(?: on| at)?\s*:?\s*"
                             r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?", re.IGNORECASE)
CHANGE_RE = re.compile(r"(?:\s*:|\s+by\b)\s*\S", re.IGNORECASE)
CHANGE_NOTE_MAX_WORDS = 30
# Between a dated link's date and its link.
DATED_LINK_SEPARATOR_RE = re.compile(r"\s*[:–—|-]\s*")


def date_lines(blocks: list[etree._Element], texts: dict[etree._Element, str]) -> list[etree._Element]:
    """The lines that date the page or another page (see the module's docstring) among the first
    and last EDGE_BLOCKS of `blocks` (`texts`: their texts), never all of the blocks."""
    first, last = blocks[:EDGE_BLOCKS], blocks[-EDGE_BLOCKS:]
    edges = blocks if len(blocks) <= 2 * EDGE_BLOCKS else [*first, *last]
    links = [block for block in blocks if block.tag in ("p", "head") and _dated_link(block, texts[block].strip())]
    banner = links if len(links) == 1 and links[0] in first else []
    dated = [block for block in edges if block.tag in ("p", "head") and (
        _only_dates(texts[block].strip()) or block in last and _change_note(texts[block].strip())
        or block in banner)]
    return dated if len(dated) < len(blocks) else []


def _only_dates(text: str) -> bool:
    if len(text) > DATE_LINE_MAX_CHARS:
        return False  # (a paragraph is not searched for dates)
    span = date_span(text)
    return span is not None and DATE_LINE_BEFORE_RE.fullmatch(text[:span[0]]) is not None \
        and DATE_LINE_AFTER_RE.fullmatch(text[span[1]:]) is not None


def _change_note(text: str) -> bool:
    """A note of the page's last change (see CHANGE_LABEL_RE)."""
    label = CHANGE_LABEL_RE.match(text)
    if label is None or len(text.split()) > CHANGE_NOTE_MAX_WORDS:
        return False
    span = date_span(text)
    if span is None or span[0] != label.end():
        return False
    time = DATE_LINE_AFTER_RE.match(text, span[1])
    return CHANGE_RE.match(text, time.end() if time else span[1]) is not None


def _dated_link(element: etree._Element, text: str) -> bool:
    """A date, then a link that is all the rest of the line (see DATED_LINK_SEPARATOR_RE)."""
    links = list(element.iter("ref"))
    if len(links) != 1 or len(text) > DATE_LINE_MAX_CHARS + len(_text(links[0])):
        return False
    span = date_span(text)
    if span is None or DATE_LINE_BEFORE_RE.fullmatch(text[:span[0]]) is None:
        return False
    separator = DATED_LINK_SEPARATOR_RE.match(text, span[1])
    return separator is not None and text[separator.end():] == _text(links[0]) != ""


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())

"""The page's title as the article names itself, and the site's name.

A page names itself in several places: its structured data (JSON-LD headline,
Open Graph title), its <title> element, and the top heading of the page. The
declared titles often carry the site's name around the title ("Tide Tables |
Harbour Log") and a heading may be the site's banner rather than the article's
title; this module tells the site's name from the title and chooses among them.
"""
from __future__ import annotations

import html as html_lib
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the page's declarations are read in .metadata, which imports this module
    from .metadata import Declared

# What stands between a title and the site's name in a <title>.
TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—·•:»/]{1,2}\s+|\s*[|·•»]\s*")
# A declared title longer than this is a description or the start of the text.
MAX_DECLARED_TITLE_CHARS = 200
SITE_NAME_SLACK = 6


def letters(value: str) -> str:
    return "".join(character for character in value.casefold() if character.isalnum())


def site_aliases(site_names: list[str], url: str) -> set[str]:
    """The ways a site may name itself, letters only: its declared names and its host name."""
    aliases = {letters(name) for name in site_names if letters(name)}
    aliases |= {letters(clean_site_name(name) or "") for name in site_names}
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "blog", "en")]
    if labels:
        aliases.add(letters(labels[0]))
        if len(labels) > 2:
            aliases.add(letters(labels[-2]))
    return {alias for alias in aliases if len(alias) >= 3}


def heading_aliases(page: Declared) -> set[str]:
    """Top headings that are the site's name: a heading that is the last separator-delimited
    segment of the page's <title>, after the title proper (the site's banner)."""
    parts = TITLE_SEPARATOR_RE.split(page.page_title or "")
    if len(parts) < 2:
        return set()
    last = letters(parts[-1])
    return {last for heading in page.headings if len(last) >= 3 and letters(heading) == last}


def _names_site(part: str, aliases: set[str]) -> bool:
    """Whether a segment of a title is the site's name (give or take a few letters: "Tarkett US")."""
    squeezed = letters(part)
    if not squeezed:
        return True
    return any(squeezed == alias or (alias.startswith(squeezed) and 2 * len(squeezed) >= len(alias))
               or (abs(len(squeezed) - len(alias)) <= SITE_NAME_SLACK
                   and (squeezed.startswith(alias) or squeezed.endswith(alias)))
               for alias in aliases)


def clean_title(title: str | None, aliases: set[str]) -> str | None:
    """The title without the site's name before or after it."""
    title = " ".join(html_lib.unescape(title or "").split())
    if len(title) > MAX_DECLARED_TITLE_CHARS:
        return None  # a description given as a title
    if not title:
        return None
    parts = TITLE_SEPARATOR_RE.split(title)
    separators = TITLE_SEPARATOR_RE.findall(title)
    if len(parts) < 2:
        return title
    # a site name with a tagline after it, as a whole
    for cut in range(len(parts) - 1, 0, -1):
        if letters("".join(parts[cut:])) in aliases:
            parts, separators = parts[:cut], separators[:cut - 1]
            break
    # drop site-name segments from the end, then from the start
    while len(parts) > 1 and _names_site(parts[-1], aliases):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _names_site(parts[0], aliases):
        parts.pop(0)
        separators.pop(0)
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        rebuilt += separator + part
    return rebuilt.strip() or title


WORD_TOKEN_RE = re.compile(r"\w+")
# A top-level heading shares at least this share of its words with the declared title when it
# is the article's own title (the declared one is often a variant written for search engines).
HEADING_LIKENESS = 0.3
MIN_LONE_HEADING_WORDS = 3


def choose_title(page: Declared, found: str | None, aliases: set[str]) -> str | None:
    """The title as the article shows it: its top heading when that matches the declared title
    (or is the page's only top heading), else the declared title (structured data, else what
    trafilatura found) without the site name."""
    headings = [heading for heading in dict.fromkeys(page.headings)
                if WORD_TOKEN_RE.search(heading) and not _names_site(heading, aliases)]
    titles = [title for title in (clean_title(value, aliases) for value in (page.title, found, page.page_title))
              if title]
    # a title that is only the site's name says nothing of the page, when another does
    declared_title = next((title for title in titles if not _names_site(title, aliases)), None) or next(
        iter(titles), None)
    if not declared_title:
        return headings[0] if len(headings) == 1 else None
    segments = {letters(segment) for value in (page.title, found, page.page_title) if value
                for segment in TITLE_SEPARATOR_RE.split(html_lib.unescape(value))}
    for heading in headings:  # the heading is one part of a title that says more around it
        if letters(heading) in segments:
            return _without_label(heading)
    for heading in headings:
        if _likeness(heading, declared_title) >= HEADING_LIKENESS:
            return _without_label(heading)
    if len(headings) == 1 and len(headings[0].split()) >= MIN_LONE_HEADING_WORDS:
        return _without_label(headings[0])
    return _without_label(declared_title)


LABEL_SEPARATOR_RE = re.compile(r"\s+\|\s+")
MAX_LABEL_WORDS = 3


LEADING_LABEL_RE = re.compile(r"^(?:thread|title|topic|subject)\s*:\s*", re.IGNORECASE)


def _without_label(title: str) -> str:
    """A title without a short label after a bar ("How tides turn | Opinion") or a label
    before it ("Thread: How tides turn")."""
    title = LEADING_LABEL_RE.sub("", title) or title
    parts = LABEL_SEPARATOR_RE.split(title)
    if len(parts) > 1 and len(parts[-1].split()) <= MAX_LABEL_WORDS and len(parts[0].split()) > len(parts[-1].split()):
        return " | ".join(parts[:-1])
    return title


def _likeness(first: str, second: str) -> float:
    one = {word.casefold() for word in WORD_TOKEN_RE.findall(first)}
    two = {word.casefold() for word in WORD_TOKEN_RE.findall(second)}
    return len(one & two) / max(1, len(one | two))


def clean_site_name(value: str | None) -> str | None:
    """A site name without its tagline."""
    value = " ".join((value or "").split())
    if not value:
        return None
    return TITLE_SEPARATOR_RE.split(value)[0].strip() or value

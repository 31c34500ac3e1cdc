"""The writer's name where the page marks it by its markup alone: an element whose class or
id names the author ("post-author", "author-name", "blog_author-box", "dateAndAuthor"), with
no byline label before the name and no structured data that declares it.

Such an element often holds more than the name: the date beside it, a job title, a bio, the
writer's picture. Its runs of text are read in order, each parted at the marks that set a
byline's fields apart (a bullet, a bar), and the first run that is a full name is the name.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from .authors import CREDIT_TAGS, full_name, clean_author, outside_article
from .heading_text import UNSEEN_TAGS, below_heading
from .page_marks import BYLINE_RE

# A class or an id that names the element the author's: "author" as a word or a part of one,
# not "authority" nor "authorize".
AUTHOR_MARK_RE = re.compile(r"author(?!i[tz])", re.IGNORECASE)
# What parts the fields of a byline within one run of text: "Dec. 19, 2025 · Ann Lee", "Ann Lee | Author".
FIELD_SEPARATOR_RE = re.compile(r"\s*[·•|]\s*")
# Elements that stand for the whole work: their classes list the post's properties, its author's
# account among them ("hentry category-news author-ann-lee"), and their first names are the page's
# menus' or the article's words.
WORK_TAGS = frozenset({"body", "main", "article"})
# Runs of text read in a marked element before its name, at most (a date, a label, a picture's caption).
MAX_RUNS_BEFORE_NAME = 4
# A label of another part than the writer's in the work: the name after it is a reviewer's or an editor's.
OTHER_ROLE_RE = re.compile(r"^(?:(?:medically|expert)\s+)?(?:reviewed|edited|fact[- ]?checked|illustrated|photographed|"
                           r"photos?|illustrations?)\s+by\b", re.IGNORECASE)


def marked_author(body: etree._Element, aliases: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The name of the page's marked byline (see marked_byline)."""
    return marked_byline(body, aliases)[1]


def marked_by_heading(body: etree._Element, element: etree._Element | None, name: str | None) -> bool:
    """Whether the page's marked byline (`element`, naming `name`: marked_byline) names someone
    just below the article's heading, where a written work names its writer (a shop's or a
    service's page shows its reviewers' and its clients' names further down, in cards of
    quotations)."""
    return element is not None and name is not None and below_heading(body, element)


def marked_byline(body: etree._Element, aliases: frozenset[str] | set[str] = frozenset()
                  ) -> tuple[etree._Element | None, str | None]:
    """The first full name in an element of the body that its class or id marks as the author's,
    but in menus, sidebars, footers, comments and teasers of other works. An element marked
    within one already read (the name's link inside a "Reviewed by" line) is read with it only,
    where its label is seen. A marked element with a byline's label ("Written by") that names
    no one (the site, its staff) is the page's byline: the names in later ones are others'. Gives
    the element read last with the name (None for both where no element is read)."""
    read: list[etree._Element] = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in UNSEEN_TAGS:
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag in WORK_TAGS or not AUTHOR_MARK_RE.search(marks) or (read and _within(element, read[-1])) \
                or outside_article(element):
            continue
        read.append(element)
        name, labelled = _first_name(_runs(element), aliases)
        if name is not None or labelled:
            return element, name
    return None, None


def _within(element: etree._Element, container: etree._Element) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def _first_name(runs: Iterator[str], aliases: frozenset[str] | set[str]) -> tuple[str | None, bool]:
    """The first run that is a full name, before a label of another part than the writer's
    ("Reviewed by Ann Lee": what follows such a label is the reviewer's name, role and bio);
    and whether a byline's label came first."""
    labelled = False
    for run in runs:
        if OTHER_ROLE_RE.match(run) is not None:
            return None, labelled
        labelled = labelled or BYLINE_RE.match(run) is not None
        if (name := clean_author(run, aliases)) and full_name(name):
            return name, labelled
    return None, labelled


def _runs(element: etree._Element) -> Iterator[str]:
    """The element's first runs of text, each field of a run apart."""
    for _, run in zip(range(MAX_RUNS_BEFORE_NAME), _texts(element), strict=False):
        yield from filter(None, FIELD_SEPARATOR_RE.split(run))


def _texts(element: etree._Element) -> Iterator[str]:
    """The runs of text a reader sees in the element, in order: a caption or a quotation credits
    another's work and is passed over."""
    if element.tag in UNSEEN_TAGS or element.tag in CREDIT_TAGS:
        return
    if text := " ".join((element.text or "").split()):
        yield text
    for child in element:
        if isinstance(child.tag, str):
            yield from _texts(child)
        if tail := " ".join((child.tail or "").split()):
            yield tail

"""trafilatura's search of the whole page for a byline (`trafilatura.metadata.extract_author`),
made without copying the page.

trafilatura copies the whole tree, deletes from the copy what its discard XPaths name (comments,
sidebars, titles, dates, figures...), and runs its three author XPaths over what is left: the
first element in the page's order of the first XPath that names one whose text is of a name's
length gives the author. Those XPaths run their regular expressions in Python for every element
of the page, and the copy and the deletions walk it twice more: about a seventh of a trafilatura
call on the AEB pages, where Gloss asks for it. Here the few elements the author XPaths may name
are found in one walk of the page, by a substring of their class or id (each condition of theirs
on those holds one) or by the rarer attributes they read; each is tested against the XPaths' own
conditions, kept unless an element the discard XPaths name holds it, and its text read from a
copy of it alone with what they name deleted as trafilatura deletes it: about a fifth of the
time, and the same answer (tests/server/extraction/test_author_search.py holds it to trafilatura's).

The conditions are written from trafilatura's expressions (AUTHOR_PATHS_DIGEST); where its
expressions are others, or the page has a <rel> element (the first XPath reads one's text, which
the deletions may change), trafilatura's own search runs.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import extract_author, normalize_authors
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

# The digest of the expressions the conditions below are written from (trafilatura 2.3.1's).
AUTHOR_PATHS_DIGEST = "25bd9dc701d833cf3cf1eccf12c4f97299053490f81b81f498fa621ab0b3719a"
# trafilatura's bounds on the length of an author's text (its len_limit, and "2 <").
AUTHOR_CHARS = (2, 120)

# What the class or the id of every element an author XPath names by its class or id holds; the
# others it names have one of the rarer attributes it reads, or are <author> elements.
CLASS_MARKS_RE = re.compile("uthor|yline|byl|BBL|username|channel-name|zuozhe|bianji|xiaobian|submitted-by|"
                            "posted-by|journalist-name|screenname|writer")
ID_MARKS_RE = re.compile("uthor|zuozhe|bianji|xiaobian")
RARER_ATTRIBUTES = frozenset({"itemprop", "data-component", "rel", "data-testid"})

# The conditions of the three author XPaths, in their order (lxml's re:test is re.search over the
# attribute, an absent one read as "").
SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
SPECIFIC_CLASS_RE = re.compile("author-?name|AuthorName|authorName")
GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
GENERIC_ID_RE = re.compile("author|zuozhe|bianji|xiaobian")
GENERIC_CLASS_RE = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
ANY_ID_RE = re.compile("[Aa]uthor")
ANY_CLASS_RE = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# The conditions of the discard XPaths: elements of some tags named so (below the page's root), and
# every <time> and <figure>.
DISCARDED_TAGS = frozenset({"a", "div", "section", "span"})
DISCARDED_CLASSES = frozenset({"comments", "title", "date"})
DISCARDED_ID_RE = re.compile("^comments|comment-?list|ProductReviews")
DISCARDED_CLASS_RE = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|"
    "print|category|meta-date|meta-reviewer")
ALWAYS_DISCARDED_TAGS = frozenset({"time", "figure"})


def _specific(element: HtmlElement) -> bool:
    get = element.get
    return element.tag == "author" or element.tag in SPECIFIC_TAGS and (
        get("rel") == "author" or get("id") == "author" or get("class") == "author"
        or get("itemprop") == "author name" or get("data-testid") in ("AuthorCard", "AuthorURL")
        or SPECIFIC_CLASS_RE.search(get("class") or "") is not None)


def _generic(element: HtmlElement) -> bool:
    get = element.get
    return element.tag in GENERIC_TAGS and (
        get("class") in GENERIC_CLASSES or "author" in (get("itemprop") or "")
        or GENERIC_ID_RE.search(get("id") or "") is not None
        or GENERIC_CLASS_RE.search(get("class") or "") is not None)


def _any(element: HtmlElement) -> bool:
    get = element.get
    return ("Byline" in (get("data-component") or "") or "author" in (get("itemprop") or "")
            or ANY_ID_RE.search(get("id") or "") is not None or ANY_CLASS_RE.search(get("class") or "") is not None)


AUTHOR_CONDITIONS: tuple[Callable[[HtmlElement], bool], ...] = (_specific, _generic, _any)


def _discards(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether a discard XPath names `element` (the first looks below `root` only)."""
    tag = element.tag
    if tag in ALWAYS_DISCARDED_TAGS:
        return True
    if tag not in DISCARDED_TAGS or element is root:
        return False
    get = element.get
    return (get("id") == "comments" or get("class") in DISCARDED_CLASSES
            or DISCARDED_ID_RE.search(get("id") or "") is not None
            or DISCARDED_CLASS_RE.search(get("class") or "") is not None
            or "Figure" in (get("data-component") or ""))


def _kept(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether trafilatura's deletions in `root` leave `element` there."""
    for holder in (element, *element.iterancestors()):
        if _discards(holder, root):
            return False
        if holder is root:  # (trafilatura searches a copy of `root` alone)
            break
    return True


def _kept_text(element: HtmlElement) -> str:
    """The text of `element` once the discard XPaths' elements inside it are deleted, as
    trafilatura reads it (its deletions inside an element change only that element's text)."""
    alone = prune_unwanted_nodes(deepcopy(element), AUTHOR_DISCARD_XPATHS)
    return trim(" ".join(alone.itertext()))


def _may_name_author(tree: HtmlElement) -> list[HtmlElement]:
    """The elements of `tree` that an author XPath may name, in the page's order: one walk in
    Python costs a fraction of the XPath's substring tests, and of its regular expressions."""
    found = []
    for element in tree.iter(etree.Element):
        names = element.keys()
        if not names:
            if element.tag == "author":
                found.append(element)
            continue
        marked_class, marked_id = element.get("class"), element.get("id")
        if ((marked_class and CLASS_MARKS_RE.search(marked_class)) or (marked_id and ID_MARKS_RE.search(marked_id))
                or element.tag == "author" or not RARER_ATTRIBUTES.isdisjoint(names)):
            found.append(element)
    return found


def _mirrors_trafilatura() -> bool:
    paths = "\0".join(expression.path for expression in [*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS])
    return hashlib.sha256(paths.encode()).hexdigest() == AUTHOR_PATHS_DIGEST


MIRRORS_TRAFILATURA = _mirrors_trafilatura()


def searched_author(tree: HtmlElement) -> str | None:
    """What `trafilatura.metadata.extract_author(tree)` answers, `tree` left as it is."""
    if not MIRRORS_TRAFILATURA or next(tree.iter("rel"), None) is not None:
        return extract_author(tree)
    candidates = _may_name_author(tree)
    shortest, longest = AUTHOR_CHARS
    for condition in AUTHOR_CONDITIONS:
        for element in candidates:
            if condition(element) and _kept(element, tree):
                content = _kept_text(element)
                if content and shortest < len(content) < longest:
                    return normalize_authors(None, content)
    return None

"""The one trafilatura call, less the metadata that nothing in Gloss reads.

`bare_extraction(..., with_metadata=True)` also looks through the whole page for
its categories, its tags and its licence: three more walks of the tree, about an
eighth of trafilatura's time on the AEB pages, for fields no step of extraction
uses. So the body is asked for without metadata, and the metadata is gathered
here through trafilatura's own steps, in its order, without those three. The
result is the Document `bare_extraction` answers with metadata, field for field
(tests/server/extraction/test_trafilatura_call.py holds it to that).

trafilatura reads the metadata on its own copy of the tree and changes nothing
in it (the steps that prune work on deep copies), so reading it from the tree
itself finds the same.

Two of its steps search the whole page once more: htmldate's search for the
date, and the byline search where no meta tag or JSON-LD names the author (on a
deep copy of the tree). Gloss reads the dates and authors the page declares
itself and falls back on trafilatura's only where the page declares none, so
these two run when first asked for (`PageSearches`), on the same tree, which
nothing changes in between (trafilatura extracts the body from a copy of it); the byline
search as trafilatura makes it but without copying the page (author_search.py).
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title,
                                  extract_url)
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params

from .author_search import searched_author

# The fields left out, for the test that compares the rest.
SKIPPED_FIELDS = ("categories", "tags", "license")


class PageSearches:
    """trafilatura's author and date of the page, each searched for when first asked for (the
    tree must be left as it is until then) and remembered: the choice of the author may ask
    twice (about a fifth of the AEB pages did, each time a search of the whole page)."""

    def __init__(self, tree: HtmlElement, url: str | None, declared_author: str | None, author_declared: bool):
        self._tree, self._url = tree, url
        self._declared_author, self._author_declared = declared_author, author_declared
        self._found: dict[str, str | None] = {}

    def author(self) -> str | None:
        if self._author_declared:  # a meta tag or JSON-LD names one: trafilatura searches no further
            return self._declared_author
        if "author" not in self._found:
            self._found["author"] = _trimmed(_searched(searched_author, self._tree))
        return self._found["author"]

    def date(self) -> str | None:
        if "date" not in self._found:
            self._found["date"] = _trimmed(_searched(find_date, self._tree, **_date_params(self._url)))
        return self._found["date"]


class SearchedDocument(Document):
    """The Document, its date (None in it) and its author (None in it unless a meta tag or JSON-LD
    declares one) searched for when asked for through `searches`."""
    __slots__ = ("searches",)

    def __init__(self, metadata: Document, searches: PageSearches) -> None:
        super().__init__()
        for name in Document.__slots__:
            setattr(self, name, getattr(metadata, name))
        self.searches = searches


def extract_document(tree: HtmlElement, url: str, settings: dict[str, Any]) -> SearchedDocument | None:
    """What `trafilatura.bare_extraction(tree, url=url, **settings)` answers with metadata,
    without categories, tags and licence, and with its author and date left to its searches;
    None where it answers None."""
    try:
        document = _metadata(tree, url)
    except (TypeError, ValueError):  # bare_extraction answers None for these
        return None
    # trafilatura resolves the body's links against the page's own URL when it is given none
    extracted = extract_body(tree, url or document.url, settings)
    if extracted is None:
        return None
    document.raw_text, document.commentsbody, document.body = (extracted.raw_text, extracted.commentsbody,
                                                               extracted.body)
    return document


def extract_body(tree: HtmlElement, url: str | None, settings: dict[str, Any]) -> Document | None:
    """trafilatura's body (and comments) of `tree`, without any metadata; None where it finds none."""
    extracted = trafilatura.bare_extraction(tree, url=url, **{**settings, "with_metadata": False})
    return extracted if isinstance(extracted, Document) else None


def _metadata(tree: HtmlElement, url: str) -> SearchedDocument:
    """trafilatura.metadata.extract_metadata's steps, as bare_extraction runs them (no author
    blacklist, its default date settings), but for the three walks above, and the two searches
    left for later."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # as in trafilatura: JSON-LD it cannot read leaves the metadata as it was
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    author_declared = bool(metadata.author)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")  # a Twitter handle
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.filedate = _date_params(metadata.url).get("max_date")
    date_url = metadata.url  # (htmldate is given it before it is trimmed)
    metadata.clean_and_trim()
    return SearchedDocument(metadata, PageSearches(tree, date_url, metadata.author, author_declared))


def _date_params(url: str | None) -> dict[str, Any]:
    return {**set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")), "url": url}


def _searched(search: Callable[..., str | None], tree: HtmlElement, **options: Any) -> str | None:
    """What a search finds; nothing where it fails (where bare_extraction, running it first,
    would have answered None for the whole page)."""
    try:
        return search(tree, **options)
    except (TypeError, ValueError):
        return None


def _trimmed(value: str | None) -> str | None:
    """The value as trafilatura's Document.clean_and_trim leaves it."""
    holder = Document()
    holder.author = value
    holder.clean_and_trim()
    return holder.author

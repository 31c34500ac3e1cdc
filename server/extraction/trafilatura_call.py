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
"""
from __future__ import annotations

from contextlib import suppress
from typing import Any

import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (META_URL, examine_meta, extract_author, extract_meta_json, extract_sitename,
                                  extract_title, extract_url)
from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params

# The fields left out, for the test that compares the rest.
SKIPPED_FIELDS = ("categories", "tags", "license")


def extract_document(tree: HtmlElement, url: str, settings: dict[str, Any]) -> Document | None:
    """What `trafilatura.bare_extraction(tree, url=url, **settings)` answers with metadata,
    without categories, tags and licence; None where it answers None."""
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


def _metadata(tree: HtmlElement, url: str) -> Document:
    """trafilatura.metadata.extract_metadata's steps, as bare_extraction runs them (no author
    blacklist, its default date settings), but for the three walks above."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    with suppress(Exception):  # as in trafilatura: JSON-LD it cannot read leaves the metadata as it was
        metadata = extract_meta_json(tree, metadata)
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = extract_author(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    date_params = {**set_date_params(DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")),
                   "url": metadata.url}
    metadata.date = find_date(tree, **date_params)
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")  # a Twitter handle
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.filedate = date_params.get("max_date")
    metadata.clean_and_trim()
    return metadata

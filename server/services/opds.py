"""OPDS 1.2 catalogs (Atom feeds) of a user's pages, for e-readers that browse OPDS
(KOReader and others): a navigation feed (unread, tags) and acquisition feeds whose
entries link to EPUBs of each page and of the whole selection. Flask-free: the caller
passes the addresses, already absolute."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from lxml import etree

from ..models import utcnow
from .epub_xhtml import xml_text

ATOM_NS = "http://www.w3.org/2005/Atom"
OPDS_NS = "http://opds-spec.org/2010/catalog"
DC_NS = "http://purl.org/dc/terms/"
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
FEED_TYPE = "application/atom+xml;charset=utf-8"
ACQUIRE = "http://opds-spec.org/acquisition"


@dataclass(frozen=True)
class Link:
    rel: str
    href: str
    type: str
    title: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    links: tuple[Link, ...]
    content: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    categories: tuple[str, ...] = ()


def _atom(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _stamp(moment: datetime) -> str:
    """RFC 3339 in UTC (a naive moment is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _link(parent, link: Link) -> None:
    element = etree.SubElement(parent, _atom("link"), rel=link.rel, href=link.href, type=link.type)
    if link.title:
        element.set("title", xml_text(link.title))


def feed(*, id: str, title: str, links: Iterable[Link], entries: Iterable[Entry],
         updated: datetime | None = None) -> bytes:
    """An Atom feed document with OPDS's namespaces."""
    root = etree.Element(_atom("feed"), nsmap={None: ATOM_NS, "opds": OPDS_NS, "dc": DC_NS})
    etree.SubElement(root, _atom("id")).text = id
    etree.SubElement(root, _atom("title")).text = xml_text(title)
    etree.SubElement(root, _atom("updated")).text = _stamp(updated or utcnow())
    author = etree.SubElement(root, _atom("author"))
    etree.SubElement(author, _atom("name")).text = "Gloss"
    for link in links:
        _link(root, link)
    for item in entries:
        entry = etree.SubElement(root, _atom("entry"))
        etree.SubElement(entry, _atom("title")).text = xml_text(item.title)
        etree.SubElement(entry, _atom("id")).text = item.id
        etree.SubElement(entry, _atom("updated")).text = _stamp(item.updated)
        for name in item.authors:
            etree.SubElement(etree.SubElement(entry, _atom("author")), _atom("name")).text = xml_text(name)
        if item.language:
            etree.SubElement(entry, f"{{{DC_NS}}}language").text = item.language
        for term in item.categories:
            etree.SubElement(entry, _atom("category"), term=xml_text(term), label=xml_text(term))
        if item.content:
            etree.SubElement(entry, _atom("content"), type="text").text = xml_text(item.content)
        for link in item.links:
            _link(entry, link)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

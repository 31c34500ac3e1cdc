"""Metadata as the page declares it: structured data first (JSON-LD read with
extruct, Open Graph and the other meta tags of the head), then what trafilatura
found in the page, each cleaned to what it names: a title without the site
name around it, authors as names only, a site name without its tagline, the
publication date (never the modification date) as YYYY-MM-DD.
"""
from __future__ import annotations

import html as html_lib
from collections.abc import Iterator
from functools import cache, partial
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

from .author_about import introduced_author
from .author_marks import marked_by_heading, marked_byline
from .authors import AUTHOR_META, byline_of, choose_author, microdata_authors, one_name, people
from .posters import first_poster
from .headings import own_headings, top_headings
from .titles import choose_title, heading_aliases, site_aliases, site_name_of, site_names_of
from .dates import (choose_date, dates_by_heading, first_shown, modified_dates, originally_published, published_dates,
                    time_dates, writes_day)
from .heading_text import below, heading_place, past
from .next_scripts import early_json_ld
from .declared import PAGE_TYPES, SITE_TYPES, TYPE_CASES, WORK_TYPES, Declared, Later
from .page_marks import page_marks
from .source import unwrap_unclosed_furniture
from .work_address import home_page

def declared(tree: HtmlElement) -> Declared:
    """The page's JSON-LD (its main work, its site) and its meta tags. Reads the tree as
    parsed, before trafilatura prunes it, but for an aside, a footer or a menu left unclosed
    around the article, which is made a division as prepare() makes it (else the article's byline
    would stand in furniture)."""
    if (body := tree.find("body")) is not None:
        unwrap_unclosed_furniture(body)
    marks = page_marks(tree)
    found = Declared(item_types=marks.item_types)
    work_name = None
    try:
        # (each script read on its own: extruct finds it and nothing else there, where a search
        # of the whole page would walk it again for the scripts the walk of page_marks found)
        items = list(_flatten([item for script in marks.json_ld for item in _jsonld().extract_items(script)]
                               + early_json_ld(marks.programs)))
    except (ValueError, TypeError, RecursionError):  # JSON that even the lenient parser cannot read
        items = []
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str)}
    for item in items:
        found.types |= _types(item)
    work = next((item for item in items if _types(item) & WORK_TYPES), None)
    if work is None:
        work = next((item for item in items if _types(item) & PAGE_TYPES and item.get("author")), None)
    if work is not None:
        # a work's headline is its title; its name is often a label ("Sample menus") or a file's
        # name, which the page's og:title outranks
        found.title = _text(work.get("headline"))
        work_name = _text(work.get("name"))
        author = work.get("author")
        found.authors = people([_resolve(entry, by_id) for entry in (author if isinstance(author, list) else [author])])
        found.published = _text(work.get("datePublished")) or _text(work.get("dateCreated"))
        found.modified = [modified] if (modified := _text(work.get("dateModified"))) else []
        found.image = _image(work.get("image"), by_id)
        publisher = _resolve(work.get("publisher"), by_id)
        if isinstance(publisher, dict) and (publisher_name := _text(publisher.get("name"))):
            found.site_names.append(publisher_name)
    found.page_published = next(filter(None, (_text(item.get("datePublished")) for item in items
                                              if _types(item) & PAGE_TYPES)), None)
    found.modified += [modified for item in items if _types(item) & PAGE_TYPES
                       and (modified := _text(item.get("dateModified")))]
    for item in items:
        if _types(item) & SITE_TYPES and (site_name := _text(item.get("name"))):
            found.site_names.append(site_name)
    for meta in marks.metas:
        name = (meta.get("property") or meta.get("name") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if not content:
            continue
        if name == "og:site_name" or name == "application-name":
            found.site_names.insert(0, content)
        elif name in AUTHOR_META:
            found.meta_authors.append(one_name(content))
        elif name == "og:type":
            found.og_type = content.lower()
        elif name == "og:title" and not found.title:
            found.title = content
    found.title = found.title or work_name
    found.dates = published_dates(marks)
    found.modified += modified_dates(marks)
    found.time_dates = time_dates(marks)
    found.original = originally_published(tree)
    found.shown_dates = dates_by_heading(tree)
    found.writes_day = cache(partial(writes_day, tree))
    found.first_shown = cache(partial(first_shown, tree))
    found.microdata_authors, found.listed_authors = microdata_authors(marks)
    byline, found.byline = byline_of(marks)
    body = tree.find(".//body")
    if byline is not None and body is not None:
        placed = cache(partial(heading_place, body, byline))
        found.byline_by_heading = lambda: below(placed())
        found.byline_past_heading = lambda: past(placed())
    if body is not None:
        marked = cache(partial(marked_byline, body))
        found.marked_author = lambda: marked()[1]
        found.marked_by_heading = cache(lambda: marked_by_heading(body, *marked()))
    found.introduced_author = cache(partial(introduced_author, marks.about_labels))
    found.poster = first_poster(marks)
    found.marks_users = bool(marks.poster_marks)
    title_element = tree.find(".//head/title")
    if title_element is not None:
        found.page_title = " ".join(html_lib.unescape(title_element.text_content()).split()) or None
    found.headings, found.heading_links, found.heading_leads = top_headings(marks.headings)
    return found


@cache
def _jsonld():
    """extruct's JSON-LD reader, imported on first use: the package takes a second to import
    (it brings every syntax it reads), which commands that never extract need not pay."""
    from extruct.jsonld import JsonLdExtractor

    return JsonLdExtractor()


def _flatten(items: list) -> Iterator[dict]:
    for item in items:
        if not isinstance(item, dict):
            continue
        yield item
        graph = item.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
        main = item.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten([main])


def _types(item: dict) -> set[str]:
    value = item.get("@type")
    values = value if isinstance(value, list) else [value]
    return {TYPE_CASES.get(name.casefold(), name) for name in
            (entry.rsplit("/", 1)[-1] for entry in values if isinstance(entry, str))}


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = next((entry for entry in value if isinstance(entry, str)), None)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _resolve(value: object, by_id: dict[str, dict]) -> object:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _image(value: object, by_id: dict[str, dict]) -> str | None:
    value = _resolve(value[0] if isinstance(value, list) and value else value, by_id)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return _text(value)


@dataclass(frozen=True)
class Found:
    """What trafilatura found in the page, beside the structured data (its author and date
    searched for only if the choice comes to them)."""
    title: str | None = None
    author: str | None | Later = None
    date: str | None | Later = None
    site_name: str | None = None


@dataclass(frozen=True)
class Metadata:
    title: str | None
    author: str | None
    published: str | None
    site_name: str | None


def _authored(page: Declared) -> bool:
    """Whether the page says it is a written work (an article, a post, a discussion): only then
    is a name found in its text (not declared as its author) taken for its author. og:type
    "article" on a page whose JSON-LD calls it a plain WebPage says little (SEO plugins mark
    every page so, a service page and its testimonials too) unless a byline in it names its writer,
    or an element its markup marks as the author's names one just below its heading."""
    og_article = (page.og_type or "").startswith("article") and (
        not page.types & PAGE_TYPES or bool(page.byline) or page.marked_by_heading())
    return (bool(page.types & WORK_TYPES) or og_article or bool(page.microdata_authors)
            or bool(page.published or page.dates or page.time_dates))


def page_metadata(page: Declared, found: Found, url: str, thread: bool = False) -> Metadata:
    """The page's title, authors, publication date and site name: structured data first, then
    what trafilatura found, each cleaned. A thread is a discussion (its dates are its posts')."""
    site_names = site_names_of(page, found.site_name)
    aliases = site_aliases(site_names, url)
    aliases |= heading_aliases(page, aliases)
    return Metadata(
        title=choose_title(replace(page, headings=own_headings(page, url)), found.title, aliases, home_page(url)),
        author=choose_author(page, found.author, aliases, url, written_work=_authored(page), thread=thread),
        published=choose_date(page, found.date, url, thread),
        site_name=site_name_of(site_names, url),
    )

"""Metadata as the page declares it: structured data first (JSON-LD read with
extruct, Open Graph and the other meta tags of the head), then what trafilatura
found in the page, each cleaned to what it names: a title without the site
name around it, authors as names only, a site name without its tagline, the
publication date (never the modification date) as YYYY-MM-DD.
"""
from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from functools import cache
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from .titles import (choose_title, heading_aliases, letters, site_aliases, site_name_of, site_names_of,
                     top_headings)
from .dates import ShownDate, choose_date, dates_by_heading, published_dates, time_dates

# schema.org types of a page's main work; the first such item of a page describes it
WORK_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "Blog", "TechArticle", "ScholarlyArticle", "Report", "Review",
    "OpinionNewsArticle", "AnalysisNewsArticle", "ReportageNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
    "SocialMediaPosting", "DiscussionForumPosting", "Question", "Recipe", "HowTo", "MedicalWebPage", "Guide",
    "CreativeWork", "VideoObject", "Movie", "Book", "Course", "Event",
})
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "FAQPage", "QAPage", "CollectionPage", "ProfilePage",
                        "SearchResultsPage", "ContactPage", "CheckoutPage", "RealEstateListing"})
PERSON_TYPES = frozenset({"Person"})
SITE_TYPES = frozenset({"WebSite", "Organization", "NewsMediaOrganization", "Corporation", "LocalBusiness",
                        "EducationalOrganization"})
# schema.org type names as written by pages that do not keep their case ("person")
TYPE_CASES = {name.casefold(): name for name in (*WORK_TYPES, *PAGE_TYPES, *PERSON_TYPES, *SITE_TYPES)}
BY_RE = re.compile(r"^(?:(?:this \w+ was )?(?:written|posted|recipe|words|story|reviewed) by|"
                   r"by|via|von|par|por|di|door|author:?)\s+", re.IGNORECASE)
# An author field that goes on past the name: a date, a role after a comma, "Published", ...
AUTHOR_TAIL_RE = re.compile(
    r"\s*(?:[,|•·–—/]|\s-\s|\bon\b|\bupdated\b|\blast\b|\bpublished\b|\bposted\b|(?<!\w)\d).*$",
    re.IGNORECASE)
# Words of a job title or a byline label, not of a name.
ROLE_WORDS = frozenset({
    "author", "authors", "editor", "editors", "editorial", "correspondent", "reporter", "contributing", "journalist",
    "contributor", "contributors", "columnist", "staff", "team", "desk", "director", "manager", "expert",
    "specialist", "analyst", "officer", "founder", "ceo", "president", "professor", "consultant", "coordinator",
    "producer", "senior", "associate", "assistant", "intern", "admin", "administrator", "guest", "written",
    "posted", "published", "updated", "name", "share", "review", "reviewed", "official", "dealer", "authorized",
    "reviewer", "lead", "head", "chief", "moderator", "member", "joined", "cofounder",
    "co-founder", "recipe", "privacy", "policy", "terms", "conditions", "our", "user", "users",
})
MIN_NAME_WORDS_BEFORE_ROLE = 2
# Role words that may follow a person's name (cut there); the others name a group or a label (no person).
JOB_WORDS = frozenset({
    "editor", "correspondent", "reporter", "journalist", "columnist", "director", "manager", "founder", "ceo",
    "president", "professor", "consultant", "coordinator", "producer", "senior", "associate", "assistant", "intern",
    "analyst", "officer", "specialist", "lead", "head", "chief", "moderator", "member", "joined", "cofounder",
    "co-founder", "contributing", "contributor", "reviewer"})
GROUP_WORDS = frozenset({"team", "staff", "desk", "editorial", "editors", "contributors", "authors", "user", "users"})
DOMAIN_RE = re.compile(r"\w\.(?:com|org|net|io|co|de|uk|fr|info|biz|ai|app|dev)\b", re.IGNORECASE)
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat",
    "sun", "today", "yesterday"})
# A date after the name: "Jane Doe Monday", "Acme February 8"
DATE_WORD_RE = re.compile(
    r"\s+(?:(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?:\s+\d|$)).*$", re.IGNORECASE)
NAME_WORD_RE = re.compile(r"^[\w'’.\-]+$")
# Meta tags that name the page's author.
AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
               "citation_author")
MAX_NAME_WORDS = 5
MAX_CREDENTIAL_LETTERS = 4
# Last words of an organization's name, not a person's.
ORGANIZATION_WORDS = frozenset({"inc", "llc", "ltd", "corp", "corporation", "gmbh", "co", "company", "university",
                                "college", "com", "org", "net", "group", "agency", "media", "foundation", "news",
                                "magazine", "press", "blog"})


@dataclass
class Declared:
    """What the page's structured data says about it."""
    types: set[str] = field(default_factory=set)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site_names: list[str] = field(default_factory=list)
    image: str | None = None
    headings: list[str] = field(default_factory=list)
    page_title: str | None = None  # the <title> element
    microdata_authors: list[str] = field(default_factory=list)
    og_type: str | None = None
    meta_authors: list[str] = field(default_factory=list)  # <meta name=author> and the like
    # publication dates the markup declares beside JSON-LD, strongest first: meta tags, itemprop
    dates: list[str] = field(default_factory=list)
    time_dates: list[str] = field(default_factory=list)  # <time datetime> of the body
    shown_dates: list[ShownDate] = field(default_factory=list)  # written beside the article's heading
    page_published: str | None = None  # datePublished of a JSON-LD WebPage, the weaker of the two

    def declares_work(self) -> bool:
        """Whether the page says it is a written work (a schema.org work type, og:type article)."""
        return bool(self.types & WORK_TYPES) or (self.og_type or "").startswith("article")


def declared(tree: HtmlElement) -> Declared:
    """The page's JSON-LD (its main work, its site) and its meta tags. Reads the tree as
    parsed, before trafilatura prunes it."""
    found = Declared()
    work_name = None
    try:
        items = list(_flatten(_jsonld().extract_items(tree)))
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
        found.authors = _people(work.get("author"), by_id)
        found.published = _text(work.get("datePublished")) or _text(work.get("dateCreated"))
        found.image = _image(work.get("image"), by_id)
        publisher = _resolve(work.get("publisher"), by_id)
        if isinstance(publisher, dict) and (publisher_name := _text(publisher.get("name"))):
            found.site_names.append(publisher_name)
    found.page_published = next(filter(None, (_text(item.get("datePublished")) for item in items
                                              if _types(item) & PAGE_TYPES)), None)
    for item in items:
        if _types(item) & SITE_TYPES and (site_name := _text(item.get("name"))):
            found.site_names.append(site_name)
    for meta in tree.iterfind(".//head/meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if not content:
            continue
        if name == "og:site_name" or name == "application-name":
            found.site_names.insert(0, content)
        elif name in AUTHOR_META:
            found.meta_authors.append(content)
        elif name == "og:type":
            found.og_type = content.lower()
        elif name == "og:title" and not found.title:
            found.title = content
    found.title = found.title or work_name
    found.dates = published_dates(tree)
    found.time_dates = time_dates(tree)
    found.shown_dates = dates_by_heading(tree)
    found.microdata_authors = _microdata_authors(tree)
    title_element = tree.find(".//head/title")
    if title_element is not None:
        found.page_title = " ".join(html_lib.unescape(title_element.text_content()).split()) or None
    found.headings = top_headings(tree)
    return found


def _microdata_authors(tree: etree._Element) -> list[str]:
    """Names of the itemprop=author elements of the page (a Person's itemprop=name, else the text)."""
    names: list[str] = []
    for element in tree.iterfind(".//body//*[@itemprop]"):
        if "author" not in element.get("itemprop", "").lower().split():
            continue
        value = None
        if element.get("itemscope") is not None:
            if element.get("itemtype") and "person" not in element.get("itemtype", "").lower():
                continue
            named = next((child for child in element.iterdescendants()
                          if "name" in (child.get("itemprop") or "").lower().split()), None)
            if named is not None:
                value = named.get("content") or "".join(named.itertext())
        else:
            value = element.get("content") or "".join(element.itertext())
        name = clean_author(value)
        if name and name not in names:
            names.append(name)
    return names


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


def _people(value: object, by_id: dict[str, dict]) -> list[str]:
    """Names of the persons in an author field; an organization is not an author."""
    entries = value if isinstance(value, list) else [value]
    names: list[str] = []
    for entry in entries:
        entry = _resolve(entry, by_id)
        if isinstance(entry, str):
            name = entry
        elif isinstance(entry, dict) and (not _types(entry) or _types(entry) & PERSON_TYPES):
            name = _text(entry.get("name")) or ""
        else:
            continue
        cleaned = clean_author(name)
        if cleaned and cleaned not in names:
            names.append(cleaned)
    return names


def _image(value: object, by_id: dict[str, dict]) -> str | None:
    value = _resolve(value[0] if isinstance(value, list) and value else value, by_id)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return _text(value)


def clean_author(value: str | None, aliases: frozenset[str] | set[str] = frozenset()) -> str | None:
    """A name, or names joined by commas; None when the field holds no name (or the site's name)."""
    value = " ".join((value or "").split())
    if not value or "http" in value or "@" in value:
        return None
    names: list[str] = []
    for part in re.split(r"\s*(?:;|&|\band\b|\bund\b|\bet\b)\s*", value):
        part = BY_RE.sub("", part.strip())
        part = AUTHOR_TAIL_RE.sub("", DATE_WORD_RE.sub("", part)).strip(" .:")
        words = part.split()
        role = next((index for index, word in enumerate(words) if word.casefold().strip(".") in ROLE_WORDS), None)
        if role is not None and role >= MIN_NAME_WORDS_BEFORE_ROLE and words[role].casefold().strip(".") in JOB_WORDS \
                and not any(word.casefold().strip(".") in GROUP_WORDS for word in words):  # "Ann Lee Senior Reporter"
            words = words[:role]
            part = " ".join(words)
        if all(word.casefold().strip(".,") in CALENDAR_WORDS for word in words):
            continue
        if not words or len(words) > MAX_NAME_WORDS or not all(NAME_WORD_RE.match(word) for word in words):
            continue
        if not any(word[0].isupper() for word in words) and len(words) > 1:
            continue
        if any(word.casefold().strip(".") in ROLE_WORDS for word in words):
            continue
        if letters(part) in aliases or (names and _credential(words)) or not part[0].isalnum() \
                or DOMAIN_RE.search(part) or words[-1].casefold().strip(".") in ORGANIZATION_WORDS:
            continue
        names.append(part)
    return join_names(list(dict.fromkeys(names)))


def _credential(words: list[str]) -> bool:
    """A degree or a certification after a name ("MS", "PhD", "CFP"), not a name of its own."""
    return len(words) == 1 and len(words[0].strip(".")) <= MAX_CREDENTIAL_LETTERS and (
        words[0].strip(".").isupper() or words[0].casefold().strip(".") in ("phd", "bsc", "msc"))


def join_names(names: list[str]) -> str | None:
    """Names as a reader writes them: "Ann Lee", "Ann Lee and Bo Chen", "Ann Lee, Bo Chen and Cy Dunn"."""
    if len(names) < 2:
        return names[0] if names else None
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class Found:
    """What trafilatura found in the page, beside the structured data."""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None


@dataclass(frozen=True)
class Metadata:
    title: str | None
    author: str | None
    published: str | None
    site_name: str | None


MIN_SLUG_WORDS = 5
SLUG_SPLIT_RE = re.compile(r"[-_]+")


def _slug_words(url: str) -> int:
    """Words in the last part of the URL's path: an article's address ends in its title's words."""
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return len([word for word in SLUG_SPLIT_RE.split(last) if word.isalpha()])


def _authored(page: Declared) -> bool:
    """Whether the page says it is a written work (an article, a post, a discussion): only then
    is a name found in its text (not declared as its author) taken for its author."""
    return (bool(page.types & WORK_TYPES) or (page.og_type or "").startswith("article") or bool(page.microdata_authors)
            or bool(page.published or page.dates or page.time_dates))


def _front_page(url: str) -> bool:
    """A site's home page, which lists many works: a name found in its text (not declared as
    the page's author) is the author of one of them."""
    return urlsplit(url).path.strip("/") == ""


def _meta_author(page: Declared, aliases: set[str]) -> str | None:
    names = [clean_author(value, aliases) for value in page.meta_authors]
    return join_names(list(dict.fromkeys(name for name in names if name)))


def _weak_author(page: Declared, found: Found, aliases: set[str]) -> str | None:
    return clean_author(found.author, aliases) or clean_author(join_names(page.microdata_authors), aliases)


def page_metadata(page: Declared, found: Found, url: str, thread: bool = False) -> Metadata:
    """The page's title, authors, publication date and site name: structured data first, then
    what trafilatura found, each cleaned. A thread is a discussion (its dates are its posts')."""
    site_names = site_names_of(page, found.site_name)
    aliases = site_aliases(site_names, url)
    aliases |= heading_aliases(page, aliases)
    return Metadata(
        title=choose_title(page, found.title, aliases),
        author=join_names(page.authors) or _meta_author(page, aliases) or (
            _weak_author(page, found, aliases)
            if (_authored(page) or _slug_words(url) >= MIN_SLUG_WORDS) and not _front_page(url) else None),
        published=choose_date(page, found.date, url, thread),
        site_name=site_name_of(site_names, url),
    )

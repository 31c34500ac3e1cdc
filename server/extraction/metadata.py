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
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

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
# What stands between a title and the site's name in a <title>.
TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—·•:»/]{1,2}\s+|\s*[|·•»]\s*")
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
# Meta tags that hold the publication date, strongest first (never the modification date).
PUBLISHED_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
                  "article.published", "parsely-pub-date", "sailthru.date", "publish-date", "publish_date",
                  "pubdate", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
                  "dcterms.date", "date")
MAX_NAME_WORDS = 5
MAX_CREDENTIAL_LETTERS = 4
# Last words of an organization's name, not a person's.
ORGANIZATION_WORDS = frozenset({"inc", "llc", "ltd", "corp", "corporation", "gmbh", "co", "company", "university",
                                "college", "com", "org", "net", "group", "agency", "media", "foundation", "news",
                                "magazine", "press", "blog"})
MAX_TITLE_CHARS = 300
# A declared title longer than this is a description or the start of the text.
MAX_DECLARED_TITLE_CHARS = 200
SITE_NAME_SLACK = 6


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
    # publication dates the markup declares, strongest first: meta tags, itemprop, <time>
    dates: list[str] = field(default_factory=list)
    time_dates: list[str] = field(default_factory=list)


def declared(tree: HtmlElement) -> Declared:
    """The page's JSON-LD (its main work, its site) and its meta tags. Reads the tree as
    parsed, before trafilatura prunes it."""
    found = Declared()
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
        found.title = _text(work.get("headline")) or _text(work.get("name"))
        found.authors = _people(work.get("author"), by_id)
        found.published = _text(work.get("datePublished")) or _text(work.get("dateCreated"))
        found.image = _image(work.get("image"), by_id)
        publisher = _resolve(work.get("publisher"), by_id)
        if isinstance(publisher, dict) and (publisher_name := _text(publisher.get("name"))):
            found.site_names.append(publisher_name)
    for item in items:
        if _types(item) & SITE_TYPES and (site_name := _text(item.get("name"))):
            found.site_names.append(site_name)
    meta_dates: list[tuple[int, str]] = []
    for meta in tree.xpath(".//head/meta"):
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
        elif name in PUBLISHED_META:
            meta_dates.append((PUBLISHED_META.index(name), content))
    found.dates = [content for _, content in sorted(meta_dates, key=lambda pair: pair[0])]
    for element in tree.xpath(".//*[@itemprop]"):
        if {"datepublished", "datecreated"} & set(element.get("itemprop", "").lower().split()):
            value = element.get("content") or element.get("datetime") or " ".join("".join(element.itertext()).split())
            if value:
                found.dates.append(value)
    found.microdata_authors = _microdata_authors(tree)
    for element in tree.xpath(".//body//time[@datetime]"):
        found.time_dates.append(element.get("datetime", ""))
    title_element = tree.find(".//head/title")
    if title_element is not None:
        found.page_title = " ".join(html_lib.unescape(title_element.text_content()).split()) or None
    for heading in tree.xpath(".//body//h1"):
        text = " ".join(html_lib.unescape(_shown_text(heading)).split()).rstrip(" ¶#§")
        if text and len(text) <= MAX_TITLE_CHARS:
            found.headings.append(text)
    return found


# Elements inside which a browser runs the words of a heading on; any other element (a <br>, a
# <span> styled as a block is not told apart) sets them apart.
RUNNING_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                          "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
                          "var", "wbr"})


def _shown_text(element: etree._Element) -> str:
    """The element's text as a browser shows it: a line break or a block inside it parts words."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in RUNNING_TAGS:
            pieces.extend((" ", _shown_text(child), " "))
        elif isinstance(child.tag, str):
            pieces.append(_shown_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _microdata_authors(tree: etree._Element) -> list[str]:
    """Names of the itemprop=author elements of the page (a Person's itemprop=name, else the text)."""
    names: list[str] = []
    for element in tree.xpath(".//body//*[@itemprop]"):
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


# --- cleaning what was found -------------------------------------------------------------------------

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


def clean_site_name(value: str | None) -> str | None:
    """A site name without its tagline."""
    value = " ".join((value or "").split())
    if not value:
        return None
    return TITLE_SEPARATOR_RE.split(value)[0].strip() or value


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


def page_metadata(page: Declared, found: Found, url: str) -> Metadata:
    """The page's title, authors, publication date and site name: structured data first, then
    what trafilatura found, each cleaned."""
    site_names = [*page.site_names, *filter(None, [found.site_name])]
    aliases = site_aliases(site_names, url) | heading_aliases(page)
    return Metadata(
        title=choose_title(page, found.title, aliases),
        author=join_names(page.authors) or _meta_author(page, aliases) or (
            _weak_author(page, found, aliases)
            if (_authored(page) or _slug_words(url) >= MIN_SLUG_WORDS) and not _front_page(url) else None),
        published=choose_date(page, found.date, url),
        site_name=clean_site_name(site_names[0] if site_names else None),
    )


ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
FIRST_YEAR = 1990


def iso_date(value: str | None) -> str | None:
    """A date as YYYY-MM-DD, or None when the value holds no plausible date."""
    value = " ".join((value or "").split())
    if not value:
        return None
    match = ISO_DATE_RE.match(value)
    if match:
        parts = tuple(int(part) for part in match.groups())
    else:
        from dateutil import parser as date_parser

        try:
            parsed = date_parser.parse(value, default=datetime(1, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
        if parsed.year == 1 or parsed.day == 1 and not re.search(r"\b0?1\b", value):
            return None  # a month or a year alone
        parts = (parsed.year, parsed.month, parsed.day)
    try:
        found = date(*parts)
    except ValueError:
        return None
    return found.isoformat() if found.year >= FIRST_YEAR else None


def choose_date(page: Declared, found: str | None, url: str) -> str | None:
    """The publication date: the structured data's datePublished, the published-time meta tags
    and itemprop=datePublished; else trafilatura's own finding; else a <time datetime> of the
    page; else the date in the URL."""
    for value in [page.published, *page.dates, found, *page.time_dates[:1]]:
        if result := iso_date(value):
            return result
    match = URL_DATE_RE.search(urlsplit(url).path)
    return iso_date("-".join(match.groups())) if match else None

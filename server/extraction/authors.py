"""Authors as names only: the byline the page shows where it names none of the authors it
declares, else the persons a page declares as its authors (JSON-LD, meta tags), else, on a
written work, the byline trafilatura found in its text, the page's own first byline ("By Ann
Lee", a rel=author link) or its microdata authors; else, on a dated work, the site where it
signs as the author. Each is cleaned of what bylines put around a name (a "By" label, a job
title, a date, "Published", the site's name) and joined as a reader writes several names.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from lxml import etree

from .declared import Declared, Later, known
from .page_marks import BYLINE_RE, PageMarks, is_author_link
from .titles import letters
from .work_address import front_page, in_an_offer, named_as_a_work

# --- what is a name
# Meta tags that name the page's author.
AUTHOR_META = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
               "citation_author")
# schema.org's type of a person, as JSON-LD writes it in any case
PERSON_TYPE = "person"
BY_RE = re.compile(r"^(?:(?:this \w+ was )?(?:written|posted|recipe|words|story|reviewed) by|"
                   r"by|via|von|par|por|di|door|author:?)\s+", re.IGNORECASE)
# An author field that goes on past the name: a date, a role after a comma, "Published", "on"
# before a date (a capital "On" that ends the field is a name's: "Audiophile On"), ...
AUTHOR_TAIL_RE = re.compile(
    r"\s*(?:[,|•·–—/]|\s-\s|\bon\b(?=\s*\S)|(?-i:\bon$)|\bupdated\b|\blast\b|\bpublished\b|\bposted\b|(?<!\w)\d).*$",
    re.IGNORECASE)
# A field of names ends at a mark that no name holds and no list of names is joined by (a bar, a
# bullet, a slash, a dot operator): what follows is a job title or a date ("Ann Lee ⋅ Founder and
# Editor ⋅ May 6"), which must not be parted into names at its "and".
NAMES_END_RE = re.compile(r"\s*[^\w\s.'’\"“”():,;&\-].*$")
# One person's name written surname first, as catalogues and citation meta tags write it:
# "Kaufman, Jeff T.", "Roy, Aniruddha" (a surname of one word, then up to three given names).
SURNAME_FIRST_RE = re.compile(r"^([^\W\d_][\w'’\-]*),\s+([^\W\d_][\w'’\-]*\.?(?:\s+[^\W\d_][\w'’\-]*\.?){0,2})$")
# What parts the names of several authors.
NAME_SEPARATOR_RE = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\bet\b)\s*")
# Words of a job title or a byline label, not of a name.
ROLE_WORDS = frozenset({
    "author", "authors", "editor", "editors", "editorial", "correspondent", "reporter", "contributing", "journalist",
    "contributor", "contributors", "columnist", "staff", "team", "desk", "director", "manager", "expert",
    "specialist", "analyst", "officer", "founder", "ceo", "president", "professor", "consultant", "coordinator",
    "producer", "senior", "associate", "assistant", "intern", "admin", "administrator", "guest", "written",
    "posted", "published", "updated", "name", "share", "review", "reviewed", "official", "dealer", "authorized",
    "reviewer", "lead", "head", "chief", "moderator", "member", "joined", "cofounder",
    "co-founder", "recipe", "privacy", "policy", "terms", "conditions", "our", "user", "users", "bio",
})
# "Authorization", "Authoring": a word of a label or a menu that a byline rule caught, not of a name
AUTHOR_WORD_STEM = "author"
MIN_NAME_WORDS_BEFORE_ROLE = 2
# What parts the keys of a template's field left unfilled ("page.head.extra.author", "post_author").
KEY_SEPARATOR_RE = re.compile(r"[._]")
# A name's particles ("van", "de", "bin", "von der") are short words in lower case; a longer one is no name's.
MAX_PARTICLE_CHARS = 3
# A name's initial ("K.", "C"): a sign that three words before a job title are a name ("Ann K. Lee"),
# not a name and the title's qualifier ("Harry Rabinowitz Tech Reporter").
MAX_INITIAL_CHARS = 1
# Role words that may follow a person's name (cut there); the others name a group or a label (no person).
# "Writer" alone is also a surname ("Jo Writer"): only cut after a name of two words.
JOB_WORDS = frozenset({
    "editor", "correspondent", "reporter", "journalist", "columnist", "director", "manager", "founder", "ceo",
    "president", "professor", "consultant", "coordinator", "producer", "senior", "associate", "assistant", "intern",
    "analyst", "officer", "specialist", "lead", "head", "chief", "moderator", "member", "joined", "cofounder",
    "co-founder", "contributing", "contributor", "reviewer", "writer"})
# The last word of a team's byline, which the team's own name comes before.
TEAM_WORDS = frozenset({"team", "staff", "desk", "editorial", "contributor"})
GROUP_WORDS = frozenset({"team", "staff", "desk", "editorial", "editors", "contributors", "authors", "user", "users"})
TITLE_WORDS = ROLE_WORDS | JOB_WORDS
DOMAIN_RE = re.compile(r"\w\.(?:com|org|net|io|co|de|uk|fr|info|biz|ai|app|dev)\b", re.IGNORECASE)
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat",
    "sun", "today", "yesterday"})
# Words of a page's controls and labels (a link to follow the writer, a count of comments, a
# menu's entries, a sponsor's label, a placeholder): a "name" of these words alone names no
# one ("Read More", "Sponsored Content", "Unknown"), and those after a name are a widget
# beside the byline ("Ann Lee Follow", "Ann Lee No Comments").
INTERFACE_WORDS = frozenset({
    "follow", "share", "email", "contact", "twitter", "facebook", "linkedin", "instagram", "youtube", "pinterest",
    "comments", "comment", "reply", "no", "view", "all", "posts", "subscribe", "newsletter", "read", "more", "menu",
    "search", "sign", "log", "in", "print", "listen", "related", "category", "tags", "uncategorized", "home",
    "advertisement", "sponsored", "content", "photo", "photos", "default", "unknown", "leave", "a",
    "main", "table", "of", "contents", "hello", "world", "webmaster", "wordpress", "blog", "post"})
# A date after the name: "Jane Doe Monday", "Acme February 8"; a month that is also a name
# ("Tom May", "Ann June") only before its day.
DATE_WORD_RE = re.compile(
    r"\s+(?:(?:january|february|march|april|july|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"(?:may|june|august)\s+\d|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?:\s+\d|$)).*$",
    re.IGNORECASE)
# A word of a name; in brackets, another name the person goes by ("Jean-Luc Aufranc (CNXSoft)")
NAME_WORD_RE = re.compile(r"^(?:[\w'’.\-]+|\([\w'’.\-]+\))$")
MAX_NAME_WORDS = 5
MAX_CREDENTIAL_LETTERS = 4
# A site's name is taken for its writer's name when it has this many words (a first and a last name).
MIN_PERSON_NAME_WORDS = 2
# Last words of an organization's name, not a person's.
ORGANIZATION_WORDS = frozenset({"inc", "llc", "ltd", "corp", "corporation", "gmbh", "co", "company", "university",
                                "college", "com", "org", "net", "group", "agency", "media", "foundation", "news",
                                "magazine", "press", "blog", "pc", "plc", "llp", "pllc"})
# Last words of a body's name: it may sign a work of its own ("World Podcast Network"), but named
# beside a person it is the body the person writes for or with, not a second writer.
BODY_WORDS = frozenset({"network", "association", "society", "institute", "council"})
DIGITS = "0123456789"
DIGIT_RE = re.compile(r"\d")

# --- where a name is found, and which pages have an author
# Items whose author is not the page's: a review of the product, a book or a product the page lists.
LISTED_TYPES = frozenset({"review", "book", "product", "rating", "aggregaterating", "offer"})
# Parts of a page whose bylines are not the article's: menus, sidebars, footers.
NOT_ARTICLE_TAGS = frozenset({"nav", "aside", "footer", "script", "style", "noscript", "template"})
# Parts of a page that, within an <article>, are the article's own: its panel and its footer
# (its author, its dates, its tags), not the site's.
ARTICLE_PANEL_TAGS = frozenset({"aside", "footer"})
# A byline naming the same one on this many elements of the page credits the maker of each card of
# a listing ("By Acme" under every product), not the page's writer, whose name an article gives a
# few times at most (under the title, in an author box, in links to more of their work: up to five
# on the development pages).
REPEATED_CREDITS = 10
# Parts of the article whose "by" credits another's work: a picture's caption, a quotation.
CREDIT_TAGS = frozenset({"figure", "figcaption", "blockquote", "cite"})
# The elements of the whole page, whose classes name what kind of page it is ("comments-page",
# "single-post related-posts-on"), not a part of it.
PAGE_TAGS = frozenset({"body", "html"})
# Class or id words of the parts of a page that hold others' bylines: comments, teasers of related works.
OTHER_WORKS_MARKS = ("comment", "related", "teaser")
MAX_BYLINE_CHARS = 120
# The fields of a form, which a label may name ("By: [Member]", a search by author)
FORM_FIELD_TAGS = ("input", "select", "textarea")
# A link to the page of one of the site's writers: a name it holds is a writer's, even a name of
# one word ("By <a href=/author/amanda/>Amanda</a>"), which after a label in running text
# may be any word ("by Category").
AUTHOR_PAGE_RE = re.compile(r"/(?:author|authors|contributor|contributors)/[^/?#]", re.IGNORECASE)
# How a publishing system writes the account that posted a work, where a writer's name goes in
# words with capitals and spaces: the account's slug, words in lower case joined by hyphens (the
# name as an address spells it: "ann-lee"), or a generated login whose letters and digits
# alternate ("alee6vk2ma0c"). (A login with dots, "ann.lee", is as often the name a writer
# chose to sign with.)
ACCOUNT_RE = re.compile(r"^[a-z]+(?:-[a-z]+)+$|^[a-z]+(?:\d+[a-z]+){2,}\d*$")


def clean_author(value: str | None, aliases: frozenset[str] | set[str] = frozenset()) -> str | None:
    """A name, or names joined as a reader writes them; None when the field holds no name (or
    the site's name, one of `aliases`, letters only)."""
    return join_names(author_names(value, aliases))


def author_names(value: str | None, aliases: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The names in an author field, each once, as clean_author joins them."""
    value = " ".join((value or "").split())
    if not value or "http" in value or "@" in value:
        return []
    value = NAMES_END_RE.sub("", value)
    names: list[str] = []
    for part in NAME_SEPARATOR_RE.split(value):
        if name := _name(part, aliases, after_a_name=bool(names)):
            names.append(name)
    return _writers(list(dict.fromkeys(names)))


def _writers(names: list[str]) -> list[str]:
    """The names less those of bodies ("... Learning Network") where a person is named beside them."""
    persons = [name for name in names if name.split()[-1].casefold() not in BODY_WORDS]
    return persons or names


def _name(part: str, aliases: frozenset[str] | set[str], after_a_name: bool) -> str | None:
    """The name in one part of a byline, without its label and what follows it; None when the
    part names no one (a date, a job title, a label, an organization, the site)."""
    part = BY_RE.sub("", part.strip())
    words = AUTHOR_TAIL_RE.sub("", DATE_WORD_RE.sub("", part)).strip(" .:").rstrip(" -").split()
    folded = [word.casefold().strip(".") for word in words]
    role = next((index for index, word in enumerate(folded) if word in TITLE_WORDS), None)
    if role is not None and role >= MIN_NAME_WORDS_BEFORE_ROLE and folded[role] in JOB_WORDS \
            and not GROUP_WORDS.intersection(folded):  # "Ann Lee Senior Reporter"
        end = _title_start(words, role)
        words, folded = words[:end], folded[:end]
    while len(words) > MIN_PERSON_NAME_WORDS and folded[-1] in INTERFACE_WORDS:
        words, folded = words[:-1], folded[:-1]
    if not words or len(words) > MAX_NAME_WORDS or not all(NAME_WORD_RE.match(word) for word in words):
        return None
    name = " ".join(words)
    if _team(folded):
        return name
    if all(word in INTERFACE_WORDS for word in folded):
        return None
    if all(word.strip(",") in CALENDAR_WORDS for word in folded) or ROLE_WORDS.intersection(folded) \
            or any(piece.startswith(AUTHOR_WORD_STEM) for word in folded for piece in KEY_SEPARATOR_RE.split(word)) \
            or (len(words) > 1 and not any(word[0].isupper() for word in words)) or not name[0].isalnum() \
            or _lower_case_word(words):
        return None
    if (letters(name) in aliases and not _reads_as_person(words)) or (after_a_name and _credential(words)) \
            or DOMAIN_RE.search(name) or folded[-1] in ORGANIZATION_WORDS:
        return None
    return name


def _lower_case_word(words: list[str]) -> bool:
    """Whether a name of capitalized words has a word in lower case that is no particle ("van",
    "de", "bin"): a phrase ("Personal finance", "Read more"), not a name."""
    return any(word[0].isupper() for word in words) and any(
        word[0].islower() and len(word) > MAX_PARTICLE_CHARS for word in words)


def _title_start(words: list[str], job: int) -> int:
    """Where the job title that ends with the job word at `job` begins: a word before the job
    word, after a name of two words, qualifies it ("Harry Rabinowitz Tech Reporter"), unless
    the name has an initial, a sign of a name of three words ("Ann K. Lee Editor")."""
    if job > MIN_NAME_WORDS_BEFORE_ROLE and not any(_initial(word) for word in words[:job]):
        return job - 1
    return job


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) <= MAX_INITIAL_CHARS


def _team(folded: list[str]) -> bool:
    """A team's byline ("Acme Editorial Team", "Podium Staff"): a team word after a name of
    its own, and no label or job title among its words."""
    return folded[-1] in TEAM_WORDS and not (ROLE_WORDS - TEAM_WORDS).intersection(folded) \
        and any(word not in ROLE_WORDS | CALENDAR_WORDS for word in folded)


def _reads_as_person(words: list[str]) -> bool:
    """Whether a name that is also the site's name reads as a person's (a site named after its
    writer: "Ann Lee"), not a brand's ("Harbour Log" reads as both: it is kept as well; a single
    word, "Acme", is a brand's)."""
    return len(words) >= MIN_PERSON_NAME_WORDS and all(word[0].isupper() for word in words)


def _credential(words: list[str]) -> bool:
    """A degree or a certification after a name ("MS", "PhD", "CFP"), not a name of its own."""
    return len(words) == 1 and len(words[0].strip(".")) <= MAX_CREDENTIAL_LETTERS and (
        words[0].strip(".").isupper() or words[0].casefold().strip(".") in ("phd", "bsc", "msc"))


def one_name(value: str) -> str:
    """The name of one person (a field that names one author: a meta tag, a JSON-LD Person) as
    a reader writes it, where a catalogue writes the surname first ("Kaufman, Jeff T." for "Jeff
    T. Kaufman"), which the comma would otherwise cut to the surname. A degree or a job title
    after the comma ("Lee, MD", "Lee, Editor"), or an organization's ending ("Acme, Inc."), is none of
    the person's names."""
    match = SURNAME_FIRST_RE.match(" ".join(value.split()))
    if match is None:
        return value
    given = match.group(2).split()
    if not all(word[0].isupper() for word in [match.group(1), *given]) or any(
            word.casefold().strip(".") in TITLE_WORDS | ORGANIZATION_WORDS or _credential([word]) and not _initial(word)
            for word in given):
        return value
    return f"{match.group(2)} {match.group(1)}"


def join_names(names: list[str]) -> str | None:
    """Names as a reader writes them: "Ann Lee", "Ann Lee and Bo Chen", "Ann Lee, Bo Chen and Cy Dunn"."""
    if len(names) < 2:
        return names[0] if names else None
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --- reading the declared authors ---------------------------------------------------------------------

def people(entries: list[object]) -> list[str]:
    """Names of the persons among a JSON-LD author field's entries (names, or items with their
    references resolved); an organization is not an author."""
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            name = entry
        elif isinstance(entry, dict) and _person_or_untyped(entry):
            name = _first_text(entry.get("name"))
        else:
            continue
        names.extend(cleaned for cleaned in author_names(one_name(name)) if cleaned not in names)
    return _writers(names)


def _first_text(value: object) -> str:
    """A JSON-LD value as text: a string, or the first string of a list."""
    if isinstance(value, list):
        value = next((entry for entry in value if isinstance(entry, str)), None)
    return value if isinstance(value, str) else ""


def _person_or_untyped(entry: dict) -> bool:
    value = entry.get("@type")
    types = {name.rsplit("/", 1)[-1].casefold() for name in (value if isinstance(value, list) else [value])
             if isinstance(name, str)}
    return not types or PERSON_TYPE in types


def microdata_authors(marks: PageMarks) -> tuple[list[str], list[str]]:
    """Names of the itemprop=author elements of the page's body (a Person's itemprop=name, else
    the text): those of the page's own work (the first item that names any: a thread's first
    post, not its replies), and those of the reviews, books or products it lists (none of which
    is the page's author)."""
    own: dict[str, None] = {}
    listed: dict[str, None] = {}
    own_items: list[etree._Element | None] = []  # the item the page's own authors are of, once found
    for name, item, item_type in _microdata_authors(marks.body_itemprops):
        if item_type in LISTED_TYPES:
            listed[name] = None
        elif not own_items or item is own_items[0]:
            own_items[:] = [item]
            own[name] = None
    return list(own), list(listed)


def _microdata_authors(itemprops: Sequence[etree._Element]) -> Iterator[tuple[str, etree._Element | None, str]]:
    """Each itemprop=author name, with the item it is the author of and that item's schema.org
    type (in lower case)."""
    for element in itemprops:
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
        item = next((ancestor for ancestor in element.iterancestors() if ancestor.get("itemscope") is not None), None)
        item_type = (item.get("itemtype") or "").rsplit("/", 1)[-1].casefold() if item is not None else ""
        if name := clean_author(value):
            yield name, item, item_type


# --- bylines in the page -----------------------------------------------------------------------------

def page_byline(marks: PageMarks) -> str | None:
    """The name of the page's first byline (see byline_of)."""
    return byline_of(marks)[1]


def byline_of(marks: PageMarks) -> tuple[etree._Element | None, str | None]:
    """The first byline of the page's body that names someone, and the name: a rel=author link,
    or an element whose text starts with a byline label ("By", "Written by", "Author:") before
    a name (in the element or, after a label alone, in the next one). Menus, sidebars, footers,
    comments, teasers of related works, and captions and quotations (crediting others' work)
    are passed over, and so are the credits a listing repeats on its cards (see REPEATED_CREDITS)."""
    candidates, bylines = marks.byline_candidates, []
    for element in candidates:
        if is_author_link(element):
            name = clean_author(text_of(element))
        elif BYLINE_RE.match((element.text or "").strip()):
            name = _labelled_name(element)
        else:
            continue
        if name and not outside_article(element) and next(element.iterancestors(*CREDIT_TAGS), None) is None \
                and element.tag not in CREDIT_TAGS:
            if len(candidates) < REPEATED_CREDITS:
                return element, name  # too few on the page to be a listing's credits: the rest need no reading
            bylines.append((element, name))
    credits = Counter(name for _, name in bylines)
    return next(((element, name) for element, name in bylines if credits[name] < REPEATED_CREDITS), (None, None))


def _labelled_name(element: etree._Element) -> str | None:
    """The full name after the byline label that starts the element's text, in the element or,
    after the label alone, in the next one. After a label that is all of the element's own text,
    the name is its first child's text ("By <a>Ann Lee</a> <a>Digital edition</a>")."""
    label = BYLINE_RE.match((element.text or "").strip())
    if label and not label.group(1) and len(element) and isinstance(element[0].tag, str):
        name = clean_author(text_of(element[0]))
        if name and (full_name(name) or AUTHOR_PAGE_RE.search(element[0].get("href") or "")):
            return name
    text = text_of(element)
    match = BYLINE_RE.match(text)
    if match and not match.group(1) and (following := _next_worded(element)) is not None:
        text += " " + text_of(following)
        match = BYLINE_RE.match(text)
    if not match or len(text) > MAX_BYLINE_CHARS:
        return None
    name = clean_author(match.group(1))
    return name if name and full_name(name) else None


def _next_worded(element: etree._Element) -> etree._Element | None:
    """The first element after `element` that shows words: its sibling (a line break or an
    image between a label and the name shows none), else, where the label is all the words of
    a box of its own, the box's sibling ("<div><p>Posted By</p></div><div><p>Ann Lee</p></div>").
    A box that holds a form's field is the field's ("By: <input placeholder=Member>"), whose
    name the reader types."""
    label = text_of(element)
    for part in (element, *element.iterancestors()):
        following = next((sibling for sibling in part.itersiblings()
                          if isinstance(sibling.tag, str) and text_of(sibling)), None)
        parent = part.getparent()
        if following is not None or parent is None or text_of(parent) != label \
                or next(parent.iter(*FORM_FIELD_TAGS), None) is not None:
            return following
    return None


def full_name(names: str) -> bool:
    """Whether a name found after a byline label in the text is a full name ("Ann Lee"), not
    a word that follows "by" in a sentence ("by default", "by Category"). A name in brackets is
    another the person goes by ("Paramita (Guha) Ghosh")."""
    return all(len(name.split()) >= MIN_PERSON_NAME_WORDS
               and all(word.lstrip("(")[:1].isupper() for word in name.split())
               for name in NAME_SEPARATOR_RE.split(names.replace(", ", " and ")))


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def outside_article(element: etree._Element) -> bool:
    """Whether the element stands in a menu, a sidebar, a footer, or a part that holds others'
    works; an <aside> or a <footer> within an <article> is the article's own (its author, its dates)."""
    for part in (element, *element.iterancestors()):
        if part.tag in PAGE_TAGS:
            break
        marks = f"{part.get('class') or ''} {part.get('id') or ''}".lower()
        if part.tag in ARTICLE_PANEL_TAGS and next(part.iterancestors("article"), None) is not None:
            continue
        if part.tag in NOT_ARTICLE_TAGS or any(mark in marks for mark in OTHER_WORKS_MARKS):
            return True
    return False


# --- choosing the page's author -----------------------------------------------------------------------

def choose_author(page: Declared, found: str | None | Later, aliases: set[str], url: str,
                  written_work: bool, thread: bool = False) -> str | None:
    """The page's authors: none on a page that lists others' works or offers a product or a
    service; else the byline it shows where that names none of its declared authors; else the
    persons its JSON-LD declares, else its author meta tags (unless they name the site), else
    the user who started a thread, else (on a written work that is not a site's home page) the
    byline trafilatura found, the first byline of the page or its microdata authors; else, on a
    dated work, the site itself where its meta tags or its byline name it as the author ("By Acme"),
    as its meta tags write its name."""
    if page.lists_works() or in_an_offer(url):
        return None
    accounts = set() if thread else _accounts(page)
    if accounts:
        page = replace(page, authors=[name for name in page.authors if name not in accounts],
                       meta_authors=[name for name in page.meta_authors if name not in accounts])
    if (shown := _shown_instead(page, aliases)):
        return shown
    if page.authors:
        return join_names(page.authors)
    if meta_author := _meta_author(page, aliases):
        return meta_author
    if thread and page.poster:
        return page.poster
    if not (written_work or named_as_a_work(url) or page.byline_by_heading()) or front_page(url):
        return None
    if person := _found_author(page, known(found), aliases, accounts):
        return person
    if _dated(page) and (site := _meta_author(page, set()) or _found_author(page, known(found), set(), accounts)
                         or _signed_by_site(page, aliases)):
        return site
    return None


def _signed_by_site(page: Declared, aliases: set[str]) -> str | None:
    """The site's name as an author meta tag writes it where the tag names the site (one of
    `aliases`), though its words would not pass for a person's ("Luxury Travel Expert", "98 Buck
    Social"): the site signs the work. A business's legal name ("Acme Dentistry PC") is not its
    signature."""
    return next((" ".join(name.split()) for name in page.meta_authors if letters(name) in aliases
                 and name.split()[-1].casefold().strip(".") not in ORGANIZATION_WORDS), None)


def _accounts(page: Declared) -> set[str]:
    """The declared authors of a work that are the accounts which posted it, not its writers: a
    reader is shown a writer's name, which the page then most often gives elsewhere or not at all."""
    return {name for name in [*page.authors, *page.meta_authors] if ACCOUNT_RE.match(name)}


def _from_account(found: str, accounts: set[str]) -> bool:
    """Whether trafilatura's name is one of the accounts, read from the same declaration: it
    capitalizes the login and stops at its first digit ("Ann-Lee", "Alee" for "alee6vk2ma0c")."""
    return any(letters(found) == DIGIT_RE.split(letters(account))[0] for account in accounts)


def _shown_instead(page: Declared, aliases: set[str]) -> str | None:
    """The byline the page shows its reader where it names none of the authors the page
    declares: the declared one is then most often the account that posted the work, not its
    writer ("KatieS" for "By Aoife O'Riordan"), or the site. Where the declared ones read as
    no person's name (a login in lower case, a label), the name the markup marks as the
    author's is shown in their place as well. A byline far below the article's heading, in its
    text, credits a part of it (a roundup's "Author:" under each item), not the work."""
    declared_names = [*page.authors, *page.meta_authors]
    if not declared_names:
        return None
    shown = (None if page.byline_past_heading() else clean_author(page.byline, aliases)) or (
        None if any(map(_reads_as_name, declared_names)) else clean_author(page.marked_author(), aliases))
    if not shown:
        return None
    shown_names = NAME_SEPARATOR_RE.split(shown.replace(", ", " and "))
    declared_parts = [part for name in declared_names for part in NAME_SEPARATOR_RE.split(name.replace(", ", " and "))]
    if any(_same_person(one, other) for one in shown_names for other in declared_parts):
        return None
    if not full_name(shown) and any(full_name(name) for name in declared_parts):
        return None  # an account's handle shown ("TurboTaxLisa") where the declared author has a full name
    return shown


def _reads_as_name(value: str) -> bool:
    """Whether a declared author reads as a name a person signs with: one with a capital, not
    an account's login in lower case ("ann.lee") nor a label ("Site Admin")."""
    return any(character.isupper() for character in value) and clean_author(value) is not None


def _same_person(one: str, other: str) -> bool:
    """Whether two names name one person: the letters of one hold the other's ("Lee" in "Ann
    Lee"), or the words of one are the other's less its initials ("Jeff Kaufman", "Jeff T. Kaufman")."""
    one_letters, other_letters = letters(one), letters(other)
    if not one_letters or not other_letters:
        return False
    if one_letters in other_letters or other_letters in one_letters:
        return True
    one_words, other_words = _full_words(one), _full_words(other)
    return bool(one_words and other_words) and (one_words <= other_words or other_words <= one_words)


def _full_words(name: str) -> set[str]:
    """The words of a name but its initials, in lower case."""
    return {word.casefold().strip(".") for word in name.split() if not _initial(word)}


def _meta_author(page: Declared, aliases: set[str]) -> str | None:
    """The names of the page's author meta tags, each once (a page may give its authors in one
    tag and again in one tag each), less those of the site (one of `aliases`)."""
    names = (name for value in page.meta_authors for name in author_names(value, aliases))
    return join_names(list(dict.fromkeys(names)))


def _found_author(page: Declared, found: str | None, aliases: set[str], accounts: set[str]) -> str | None:
    """The byline trafilatura found (unless it is a listed work's author or an account that
    posted the work), else the page's first byline, else its microdata authors; less those that
    name the site (one of `aliases`)."""
    # trafilatura joins with ";" whatever its byline rules caught: a second name is most
    # often a job title, a company or a commenter
    found_name = next(filter(None, (clean_author(part, aliases) for part in (found or "").split(";")
                                    if not _from_account(part, accounts))), None)
    if found_name and not any(_same_user(found_name, name) for name in page.listed_authors):
        return _as_the_page_spells_it(found_name, page.microdata_authors, page.introduced_author())
    if found_name:
        return None  # trafilatura took a review's or a listed book's author for the page's
    return clean_author(page.byline, aliases) or join_names(
        [name for name in page.microdata_authors if clean_author(name, aliases)]) or clean_author(
        page.marked_author(), aliases) or clean_author(page.introduced_author(), aliases)


def _dated(page: Declared) -> bool:
    """Whether the page gives its date of publication, as a written work does (a service or a
    product page does not): only then is the site's own name taken for its author."""
    return bool(page.published or page.dates or page.time_dates or page.shown_dates)


def _as_the_page_spells_it(name: str, spellings: list[str], introduced: str | None) -> str:
    """A name as the page writes it: trafilatura capitalizes a user name and drops its digits
    and dots ("hayley.p" -> "Hayley P", "Ejp55230" -> "Ejp"), the page's markup keeps them;
    and it drops a name in brackets, which the "About the author" box gives in full
    ("Paramita Ghosh" for "Paramita (Guha) Ghosh")."""
    if introduced and _same_person(name, introduced):
        return introduced
    return next((spelling for spelling in spellings if _same_user(name, spelling)), name)


def _same_user(found: str, spelling: str) -> bool:
    """Whether trafilatura's name is the page's, once it has capitalized it and dropped its
    digits and dots."""
    return letters(found) in (letters(spelling), letters(spelling).rstrip(DIGITS))

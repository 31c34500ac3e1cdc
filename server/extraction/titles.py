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
from urllib.parse import urlsplit

from .declared import Declared
from .headings import MAX_TITLE_CHARS, WORD_TOKEN_RE, repaired, shown

# --- the site's name in a title ----------------------------------------------------------------------

# What stands between a title and the site's name in a <title>.
TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—·•:»/]{1,2}\s+|\s*[|·•»]\s*")
# Separators of a path of sections ("Topic / Board / Forum", "Shop » Boots"), not of a title and its site.
PATH_SEPARATOR_RE = re.compile(r"\s*[/»›>]\s*")
# Letters by which a segment may differ from the site's name and still name it ("Tarkett US").
SITE_NAME_SLACK = 6
# Words of a last segment that begins with the site's name and names a part of the site ("Acme App Store").
MAX_SITE_SECTION_WORDS = 3
# The site's host name before a title, with no separator: "acme.com Title" (not a name with a
# dot in it, "Vue.js Guide").
HOST_PREFIX_RE = re.compile(r"^(\S+\.(?:com|org|net|io|co|de|uk|fr|info|biz|ai|app|dev|eu|us))\s+(?=\w)",
                            re.IGNORECASE)
# The site's name in brackets after a title, as wikis write it: "Searching [Zotero Documentation]".
BRACKETED_SITE_RE = re.compile(r"\s*\[([^\[\]]+)\]$")
# Labels that name a place of any site rather than a page of its own.
GENERIC_LABELS = frozenset({"home", "homepage", "home page", "start", "start page", "welcome", "index", "main page",
                            "readme", "view topic", "view thread", "untitled", "untitled document"})
# A short label after a bar ("How tides turn | Opinion") or before a colon ("Thread: How tides turn").
LABEL_SEPARATOR_RE = re.compile(r"\s+\|\s+")
MAX_LABEL_WORDS = 3
# What stands between a title and the words added after it for search engines: a bar, or a dash
# that does not join two numbers ("2024 - 2025", where "Events 2026 – The Guide" has one number);
# not a colon, which parts a title from its subtitle.
TAGLINE_SEPARATOR_RE = re.compile(r"\s+\|\s+|(?<!\d)\s+[-–—]\s+|\s+[-–—]\s+(?!\d)")
MIN_TAGGED_TITLE_WORDS = 2
LEADING_LABEL_RE = re.compile(r"^(?:thread|title|topic|subject)\s*:\s*", re.IGNORECASE)

# --- choosing among the declared titles and the headings ---------------------------------------------

# A declared title longer than this is a description or the start of the text; so is a lone heading.
MAX_DECLARED_TITLE_CHARS = 200
# JSON-LD headlines are often cut to a search engine's limit (110 characters): one this long
# that another declared title goes on from was cut.
MIN_CUT_HEADLINE_CHARS = 90
# A title has a word of two letters or more; "94" or "Ω 48" (a score, a count) is none.
WORDED_RE = re.compile(r"[^\W\d_]{2}")
# A top-level heading shares at least this share of its words with the declared title when it
# is the article's own title (the declared one is often a variant written for search engines).
HEADING_LIKENESS = 0.3
# A heading like a declared title's first part shares at least this many words with it: one word
# in common with a short first part ("Furniture" beside "Shop Furniture Online") is no likeness.
MIN_SHARED_WORDS = 2
MIN_LONE_HEADING_WORDS = 3
# What a page shows for a character its character set lacks, and how many characters it stood for
# (one, or an apostrophe and the letter after it).
LOST_CHARACTER_RE = re.compile("[?\ufffd]")
LOST_CHARACTER_SPAN = ".{1,2}"
# Words that count or date what a title names: a number, a month.
COUNT_OR_DATE_WORD_RE = re.compile(r"\d+|january|february|march|april|may|june|july|august|september|october"
                                   r"|november|december")
COUNT_MARKS = frozenset("()")
# A declared title found inside a heading has at least this many words (not a lone brand name).
MIN_WITHIN_WORDS = 2
# How a heading that introduces what follows it ends ("A message from our founder:", "Packing list:").
INTRODUCING_MARKS = (":", "：")

# --- the site's name ---------------------------------------------------------------------------------

# What a site name carries beside the name: a copyright notice and its years.
COPYRIGHT_RE = re.compile(
    r"©|\(c\)|\bcopyright\b|\ball rights reserved\b\.?|\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b", re.IGNORECASE)
# Between a site's name and its tagline: the separators of a title, and a colon ("Name: tagline").
SITE_NAME_SEPARATOR_RE = re.compile(rf"{TITLE_SEPARATOR_RE.pattern}|:\s+")
# Marks left at the ends of a site name once its tagline or notice is gone.
EDGE_MARKS = " -–—|·•:,"


def letters(value: str) -> str:
    return "".join(filter(str.isalnum, value.casefold()))


def site_names_of(page: Declared, guessed: str | None) -> list[str]:
    """The names the page gives its site, then trafilatura's guess. trafilatura guesses the
    name from the part of the <title> that holds a dot: a host name ("boxforum.org"), but as
    often a title that ends in "..." or holds a version number, which is no site's name."""
    segments = {letters(segment) for segment in TITLE_SEPARATOR_RE.split(page.page_title or "")}
    segments.add(letters(page.page_title or ""))
    if guessed and len(guessed.split()) > 1 and letters(guessed) in segments:
        guessed = None
    return [*page.site_names, *filter(None, [guessed])]


def site_aliases(site_names: list[str], url: str) -> set[str]:
    """The ways a site may name itself, letters only: its declared names and its host name."""
    aliases = {letters(name) for name in site_names if letters(name)}
    aliases |= {letters(TITLE_SEPARATOR_RE.split(name)[0]) for name in site_names}  # without a tagline
    return {alias for alias in aliases | host_aliases(url) if len(alias) >= 3}


def host_aliases(url: str) -> set[str]:
    """The names a site's host gives it: its first label and the one before the public suffix."""
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "blog", "en")]
    aliases = set()
    if labels:
        aliases.add(letters(labels[0]))
        if len(labels) > 2:
            aliases.add(letters(labels[-2]))
    return {alias for alias in aliases if len(alias) >= 3}


def heading_aliases(page: Declared, aliases: set[str]) -> set[str]:
    """Top headings that are the site's name: a heading that is the last separator-delimited
    segment of the page's <title>, after the title proper (the site's banner). When the <title>
    begins with the site's name ("Site | Title"), its last segment is the title."""
    parts = TITLE_SEPARATOR_RE.split(page.page_title or "")
    if len(parts) < 2 or _names_site(parts[0], aliases):
        return set()
    last = letters(parts[-1])
    return {last for heading in page.headings if len(last) >= 3 and letters(heading) == last}


def _names_site(part: str, aliases: set[str]) -> bool:
    """Whether a segment of a title is the site's name (give or take a few letters: "Tarkett US")."""
    squeezed = letters(part)
    if not squeezed:
        return True
    return any(squeezed == alias or (alias.startswith(squeezed) and 2 * len(squeezed) >= len(alias))
               or (abs(len(squeezed) - len(alias)) <= SITE_NAME_SLACK and not _numbered(squeezed, alias)
                   and (squeezed.startswith(alias) or squeezed.endswith(alias)))
               for alias in aliases)


def _numbered(squeezed: str, alias: str) -> bool:
    """Whether the letters beside the site's name hold a number: "Signal #18" is an issue of
    the "Signal" newsletter, not the site."""
    return any(character.isdigit() for character in squeezed.replace(alias, "", 1))


def _names_site_as_written(part: str, aliases: set[str], written: frozenset[str]) -> bool:
    """Whether a segment of a title is the site's name, as the page's titles write it when they do."""
    return letters(part) in written if written else _names_site(part, aliases)


def _names_site_section(part: str, aliases: set[str]) -> bool:
    """Whether the last segment of a title is the site's name and a part of the site
    ("Shopify App Store", "ProMatcher Cost Report"): a few words that begin with the site's name."""
    squeezed = letters(part)
    return len(part.split()) <= MAX_SITE_SECTION_WORDS and any(
        squeezed.startswith(alias) and len(squeezed) > len(alias) for alias in aliases)


def clean_title(title: str | None, aliases: set[str], max_chars: int = MAX_DECLARED_TITLE_CHARS,
                written: frozenset[str] = frozenset()) -> str | None:
    """The title without the site's name before or after it, nor a label that names a place of
    any site ("Home", "View topic"). A title that is only such a label and the site's name is
    the site's name (a front page). Where the page's titles write the site's name as a part of
    its own (`written`, letters only), only that part names the site: another that begins with
    the name ("Cloudflare CDN" beside "... | Cloudflare") names a thing of the site."""
    title = shown(title or "")
    if len(title) > max_chars:
        return None  # a description given as a title
    if not title:
        return None
    prefix = HOST_PREFIX_RE.match(title)
    if prefix and _names_site(prefix.group(1), aliases):
        title = title[prefix.end():]
    bracketed = BRACKETED_SITE_RE.search(title)
    if bracketed and bracketed.start() and (_names_site(bracketed.group(1), aliases)
                                            or _names_site_section(bracketed.group(1), aliases)):
        title = title[:bracketed.start()]
    parts = TITLE_SEPARATOR_RE.split(title)
    separators = TITLE_SEPARATOR_RE.findall(title)
    if len(parts) < 2:
        return None if generic_label(title) else title
    site_part = None
    # a site name with a tagline after it, as a whole
    for cut in range(len(parts) - 1, 0, -1):
        if letters("".join(parts[cut:])) in aliases:
            site_part = parts[cut]
            parts, separators = parts[:cut], separators[:cut - 1]
            break
    # drop site-name segments and labels from the end, then from the start
    while len(parts) > 1 and (_names_site_as_written(parts[-1], aliases, written)
                              or _names_site_section(parts[-1], aliases) or generic_label(parts[-1])):
        site_part = site_part or (parts[-1] if not generic_label(parts[-1]) else None)
        path = PATH_SEPARATOR_RE.fullmatch(separators.pop())
        parts.pop()
        if path and site_part and len(parts) > 1 and all(map(PATH_SEPARATOR_RE.fullmatch, separators)):
            # "Topic / Board / Forum": the sections the page sits in, up to the site
            parts, separators = parts[:1], []
    while len(parts) > 1 and (_names_site_as_written(parts[0], aliases, written) or generic_label(parts[0])):
        site_part = site_part or (parts[0] if not generic_label(parts[0]) else None)
        parts.pop(0)
        separators.pop(0)
    if len(parts) == 1 and generic_label(parts[0]):
        return site_part
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        rebuilt += separator + part
    return rebuilt.strip() or title


def generic_label(part: str) -> bool:
    return " ".join(WORD_TOKEN_RE.findall(part.casefold())) in GENERIC_LABELS


def choose_title(page: Declared, found: str | None, aliases: set[str], front_page: bool = False) -> str | None:
    """The title as the article names itself: its top heading when that is a part of the declared
    title or much like it (or, on a written work, when it is the page's only top heading), else
    the declared title (structured data, the <title> element, else what trafilatura found)
    without the site's name. A heading spells its words as the declared title does when that
    keeps a mark the heading lost; on a page that is no written work, a heading that holds the
    declared title with more words around it gives the declared title. A site's front page that
    no heading names is named by its <title> as a whole when that is the site's name and what
    the site does ("Acme - Project Management for Teams"): the site is what the page is about."""
    headings = [heading for heading in dict.fromkeys(repaired(heading).rstrip(" ¶#§") for heading in page.headings)
                if WORD_TOKEN_RE.search(heading) and not _names_site(heading, aliases) and not generic_label(heading)]
    if any(map(WORDED_RE.search, headings)):
        headings = [heading for heading in headings if WORDED_RE.search(heading)]
    # the <title> element is a title, however long; a long og:title or headline is a description
    written = _written_site_names(page, found, aliases)
    cleaned = (clean_title(page.title, aliases, written=written),
               clean_title(page.page_title, aliases, MAX_TITLE_CHARS, written),
               clean_title(found, aliases, written=written))
    titles = [title for title in cleaned if title]
    # a title without a word (a score, a count) says nothing of the page, when a heading or another title does
    if any(map(WORDED_RE.search, [*titles, *headings])):
        titles = [title for title in titles if WORDED_RE.search(title)]
    titles = [_uncut(title, titles) for title in titles]
    if titles:  # a heading that introduces what follows it names a part of the page, when a title names it
        headings = [heading for heading in headings if not heading.endswith(INTRODUCING_MARKS)]
    # a title that is only the site's name says nothing of the page, when another does
    declared_title = next((title for title in titles if not _names_site(title, aliases)), None) or next(
        iter(titles), None)
    if not declared_title:
        return headings[0] if len(headings) == 1 else None
    segments = {letters(segment) for value in (page.title, found, page.page_title) if value
                for segment in TITLE_SEPARATOR_RE.split(html_lib.unescape(value))}
    # a heading that is what a declared title says before its colon names the thing; the rest describes it
    segments |= {letters(title.split(": ", 1)[0]) for title in titles if ": " in title}
    # a declared part that puts the site's name before the page's ("BBC Technology" for "Technology")
    segments |= {segment[len(alias):] for segment in set(segments) for alias in aliases
                 if segment.startswith(alias) and len(segment) > len(alias)}
    if (shared := _shared_lead(titles)) is not None:  # the declared titles agree on it alone
        return shared
    for heading in headings:  # the heading's first part is the title, its other parts a tagline
        if (lead := _declared_lead(page.heading_leads.get(heading), heading, titles)) is not None:
            return lead
    for heading in headings:  # the heading's first part names what a declared title names before its colon
        if (named := _named_before_colon(heading, titles, aliases)) is not None:
            return named
    for heading in headings:  # the heading is one part of a title that says more around it
        if letters(heading) in segments:
            return _without_label(_counted(_spelled(heading, titles), titles))
    for heading in headings:
        if _like_title(heading, declared_title):
            chosen = heading if page.declares_work() else _within(heading, titles)
            return _without_label(_counted(_unlabelled(_spelled(chosen, titles), titles), titles))
    # A written work's only heading is its title, when the declared one is written for search
    # engines; on other pages (a product's, a service's) the lone heading is a slogan.
    # A heading longer than a title may be is the article's summary set in heading type.
    if (page.declares_work() and len(headings) == 1 and len(headings[0].split()) >= MIN_LONE_HEADING_WORDS
            and len(headings[0]) <= MAX_DECLARED_TITLE_CHARS):
        return _without_label(headings[0])
    if front_page and (named := _site_and_tagline(page.page_title, aliases)) is not None:
        return named
    return _without_tagline(_without_label(declared_title))


def _written_site_names(page: Declared, found: str | None, aliases: set[str]) -> frozenset[str]:
    """The site's names that the page's titles write as a part of their own ("... | Cloudflare"),
    letters only."""
    return frozenset({letters(segment) for value in (page.title, page.page_title, found) if value
                      for segment in TITLE_SEPARATOR_RE.split(shown(value))} & aliases)


def _site_and_tagline(title: str | None, aliases: set[str]) -> str | None:
    """The <title> as a whole, when it begins with the site's name and each part after it says
    something else (not the site's name again, nor a label such as "Home")."""
    title = shown(title or "")
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2 or len(title) > MAX_DECLARED_TITLE_CHARS or not _names_site(parts[0], aliases):
        return None
    if any(_names_site(part, aliases) or generic_label(part) for part in parts[1:]):
        return None
    return title


def _shared_lead(titles: list[str]) -> str | None:
    """The first part that the declared titles share, when each goes on after a bar or a dash
    with other words ("In The News - Reading Corps, Math Corps" beside "In The News - High-Impact
    Tutoring"): what the page names itself in every place is the title, and what each place adds
    is a tagline written for that place. A part that one title adds to all of another's (a
    forum's board after the thread) is a label, not another tagline; a first part of one word is
    a label before the title."""
    parts = [TAGLINE_SEPARATOR_RE.split(title) for title in titles]
    if len({letters(title) for title in titles}) < 2 or any(len(split) < 2 for split in parts):
        return None
    lead = parts[0][0]
    rests = {letters("".join(split[1:])) for split in parts}
    if (len(lead.split()) < MIN_TAGGED_TITLE_WORDS or len({letters(split[0]) for split in parts}) > 1
            or any(one != two and one.startswith(two) for one in rests for two in rests)):
        return None
    return lead


def _declared_lead(lead: str | None, heading: str, titles: list[str]) -> str | None:
    """The heading's first part, when a declared title begins with it, sets it apart with a mark
    (a bar, a colon) and goes on with other words than the heading: the rest of the heading is a
    tagline or a detail (a product's binding and date) that the declared title does not hold."""
    if not lead or len(_words(lead)) < MIN_WITHIN_WORDS:
        return None
    first, rest = _words(lead), _words(heading)[len(_words(lead)):]
    begins = re.compile(r"\W*" + r"\W+".join(map(re.escape, first)) + r"\s*[^\w\s]", re.IGNORECASE)
    return lead if any(begins.match(title) and _words(title)[len(first):len(first) + 1] != rest[:1]
                       for title in titles) else None


def _named_before_colon(heading: str, titles: list[str], aliases: set[str]) -> str | None:
    """The heading's first part before a dash or a bar, when a declared title says the same words
    before its colon, after the site's name at most ("Moray Driver Kit - 32 Precision Bits" beside
    "iFixit Moray Driver Kit: Game Console and Small Electronics Bit Set"): both name the thing
    alike, and what each adds (a count, a description for search engines) is a detail of it."""
    first = TAGLINE_SEPARATOR_RE.split(heading)[0]
    named = letters(first)
    if first == heading or len(_words(first)) < MIN_TAGGED_TITLE_WORDS:
        return None
    for title in titles:
        before = letters(title.split(": ", 1)[0]) if ": " in title else ""
        if before.endswith(named) and (before == named or before[:-len(named)] in aliases):
            return first
    return None


def _counted(title: str, titles: list[str]) -> str:
    """The declared title that says what the title says with a count or a date among its words
    ("8 Recent Trends", "Jobs (March 2026)"): a page's design drops them from its heading for
    room, where the title written for the page keeps them. A date set off by other marks than
    parentheses (after a comma or a bar, an identifier in brackets) is stamped on the <title>,
    not a part of the title."""
    words = _words(title)
    for other in titles:
        added = _added_words(_words(other), words)
        if (added and all(map(COUNT_OR_DATE_WORD_RE.fullmatch, added))
                and _punctuation(other) - _punctuation(title) <= COUNT_MARKS):
            return other
    return title


def _added_words(longer: list[str], shorter: list[str]) -> list[str] | None:
    """The words of the longer text that the shorter one lacks, when it holds all of the shorter's
    in the same order; else None."""
    added, kept = [], 0
    for word in longer:
        if kept < len(shorter) and word == shorter[kept]:
            kept += 1
        else:
            added.append(word)
    return added if kept == len(shorter) else None


def _uncut(title: str, titles: list[str]) -> str:
    """The title in full, when it was cut short and another declared title has it all."""
    if len(title) < MIN_CUT_HEADLINE_CHARS:
        return title
    squeezed = letters(title)
    return next((other for other in titles if len(letters(other)) > len(squeezed)
                 and letters(other).startswith(squeezed)), title)


def _within(heading: str, titles: list[str]) -> str:
    """The declared title that the heading holds with more words around it: the page's markup
    puts a thread's label, a byline, a date or a count inside its <h1>."""
    words = _words(heading)
    return next((title for title in titles if len(title.split()) >= MIN_WITHIN_WORDS
                 and _words(title) != words and _runs_within(_words(title), words)), heading)


def _words(value: str) -> list[str]:
    return [word.casefold() for word in WORD_TOKEN_RE.findall(value)]


def _runs_within(part: list[str], whole: list[str]) -> bool:
    """Whether the words of one text stand in another in the same order, side by side: a title
    cut short in the middle of a word does not."""
    return any(whole[start:start + len(part)] == part for start in range(len(whole) - len(part) + 1))


def _without_tagline(title: str) -> str:
    """A declared title that no heading of the page confirms, without what follows its first
    bar or dash: the words a page adds to its <title> for search engines ("Travel Insurance -
    Flight and Travel Insurance Quotes"). A first part of one word is a label before the title
    ("Info - Graphics Card Guide"), not the title."""
    parts = TAGLINE_SEPARATOR_RE.split(title)
    if len(parts) > 1 and len(parts[0].split()) >= MIN_TAGGED_TITLE_WORDS:
        return parts[0]
    return title


def _punctuation(value: str) -> set[str]:
    return {character for character in value if not character.isalnum() and not character.isspace()}


def _spelled(heading: str, titles: list[str]) -> str:
    """The heading as a declared title of the same words spells it, when that keeps a mark the
    heading lost: markup around a label (a forum's thread prefix) or a line break drops the dash
    or the hyphen between words, and a page written in a character set that lacks a character
    shows "?" in its place ("Beginner? Guide"). A declared title with marks of its own at either
    end (quotes, "##", "¶") is no better spelling."""
    lost = LOST_CHARACTER_RE.split(heading)
    if len(lost) > 1:
        kept = re.compile(LOST_CHARACTER_SPAN.join(map(re.escape, lost)), re.IGNORECASE)
        heading = next((title for title in titles if kept.fullmatch(title)), heading)
    for title in titles:
        if (letters(title) == letters(heading) and title[0].casefold() == heading[0].casefold()
                and title[-1].casefold() == heading[-1].casefold()
                and _punctuation(heading) < _punctuation(title)):
            return title
    return heading


def _unlabelled(title: str, titles: list[str]) -> str:
    """The declared title that the title holds after a short label, when another declared title
    sets that label apart: a forum's headline leaves out the board's label that its heading and
    its <title> put before it ("News - Digital Cameras" beside "Digital Cameras")."""
    words = _words(title)
    for other in titles:
        rest = _words(other)
        label = words[:len(words) - len(rest)]
        if (rest and 1 <= len(label) <= MAX_LABEL_WORDS and words[len(label):] == rest
                and any(_words(TITLE_SEPARATOR_RE.split(value, maxsplit=1)[0]) == label
                        for value in titles if TITLE_SEPARATOR_RE.search(value))):
            return other
    return title


def _without_label(title: str) -> str:
    """A title without a short label after a bar ("How tides turn | Opinion") or a label
    before it ("Thread: How tides turn")."""
    title = LEADING_LABEL_RE.sub("", title) or title
    parts = LABEL_SEPARATOR_RE.split(title)
    if len(parts) > 1 and len(_words(parts[-1])) <= MAX_LABEL_WORDS and len(_words(parts[0])) > len(_words(parts[-1])):
        return " | ".join(parts[:-1])
    return title


def _like_title(heading: str, title: str) -> bool:
    """Whether a heading is much like the declared title, or like the title's first part before
    a bar or a dash, sharing more than one word with it: the words a page adds there for search
    engines ("Buy 4K Ultra HD Dash Cams | Best BlackVue, Thinkware & VIOFO") count against a
    heading that names what the title proper names ("4K Ultra HD Dashcams")."""
    if _likeness(heading, title) >= HEADING_LIKENESS:
        return True
    proper = _without_tagline(title)
    return len(_word_set(heading) & _word_set(proper)) >= MIN_SHARED_WORDS and \
        _likeness(heading, proper) >= HEADING_LIKENESS


def _word_set(value: str) -> set[str]:
    return {word.casefold() for word in WORD_TOKEN_RE.findall(value)}


def _likeness(first: str, second: str) -> float:
    one, two = _word_set(first), _word_set(second)
    return len(one & two) / max(1, len(one | two))


def clean_site_name(value: str | None, url: str = "") -> str | None:
    """A site name without its tagline nor a copyright notice: of the parts of the name, the one
    that names the site's host, else the first. An address is no name."""
    value = " ".join(COPYRIGHT_RE.sub(" ", html_lib.unescape(value or "")).split()).strip(EDGE_MARKS)
    if not value or "://" in value or "%2f" in value.casefold():
        return None
    parts = [part.strip(EDGE_MARKS) for part in SITE_NAME_SEPARATOR_RE.split(value) if part.strip(EDGE_MARKS)]
    hosts = host_aliases(url)
    return next((part for part in parts if _names_site(part, hosts)), parts[0] if parts else value)


def site_name_of(site_names: list[str], url: str) -> str | None:
    """The site's name: the first name the page gives that names its host, else the first it gives."""
    names = [name for name in (clean_site_name(value, url) for value in site_names) if name]
    hosts = host_aliases(url)
    return next((name for name in names if _names_site(name, hosts)), names[0] if names else None)

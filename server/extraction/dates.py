"""The publication date of a page, as YYYY-MM-DD.

Pages say when they were written in several places that do not always agree: the
structured data (JSON-LD datePublished, itemprop=datePublished), the meta tags of the head
(article:published_time...), <time datetime> elements, the address, and the date the page
shows its reader beside the article's heading (its byline). The shown date is the one a
reader takes for the page's date, where the declared ones may be a first draft's, a
template's or another item's; so a declared date stands when the page confirms it, and else
the shown date comes first, unless it is a revision's (labelled so, "Updated March 4, 2025", or
the day the markup declares the page was modified on) and the page's meta tags or microdata
give the publication date: the publication date is wanted over the modification date, but a
revision's date that is the only one the page gives its readers is the date they know it by.
Trafilatura's search of the page for a date comes after those, and only for a day the page
writes in its text or its markup (not only in its scripts' data); a thread that declares none is
dated by its opening post.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from .declared import Declared, Later, ShownDate, known
from .heading_text import UNSEEN_TAGS, article_headings, reader_text_around
from .page_marks import PageMarks

# Meta tags that hold the publication date, strongest first (never the modification date).
PUBLISHED_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
                  "article.published", "parsely-pub-date", "sailthru.date", "publish-date", "publish_date",
                  "pubdate", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
                  "dcterms.date", "date")
# itemprop values of a work's first publication
PUBLISHED_ITEMPROPS = frozenset({"datepublished", "datecreated"})
# Meta tags and itemprop values of a work's last revision: a date shown beside the heading that is
# this day, and not the declared publication's, is the revision's, labelled or not.
MODIFIED_META = frozenset({"article:modified_time", "og:updated_time", "modified_time", "datemodified",
                           "dc.date.modified", "dcterms.modified", "last-modified"})
MODIFIED_ITEMPROPS = frozenset({"datemodified"})
FIRST_YEAR = 1990
# htmldate gives a year it finds without its month and day (in a copyright line, in a script)
# as that year's first day, which no reader takes for the day the page came out: its finding on
# that day is left out (a page published on 1 January most often declares so in its markup too).
YEAR_START = "-01-01"
# How far either side of a year written in the page's source a date holding it may reach.
WRITTEN_DATE_REACH = 40
# The texts and attribute values of the page but its scripts' and style sheets', in the page's order
WRITTEN_PIECES = etree.XPath("//text()[not(parent::script or parent::style)] | //@*", smart_strings=False)
# The runs of text of the body that a reader sees, in the page's order
SEEN_TEXT = etree.XPath(".//text()[not(ancestor::*[{}])]".format(
    " or ".join(f"self::{tag}" for tag in sorted(UNSEEN_TAGS))))

ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
# A date in the address: /2025/03/04/, /2025-03-04-slug, or written as one number (/slug-20250304)
URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)"
                         r"|(?<![\w])((?:19|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)(?![\w])")

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# The months' names in the other languages Gloss's readers save most, each in the calendar's order.
OTHER_MONTHS = {
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
           "november", "dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
}
# Abbreviations are a name's first three or four letters ("Sep", "Sept", "janv", "ago"), where they
# are no other month's too ("jui" is juin's and juillet's).
ABBREVIATION_LENGTHS = (3, 4)
MONTH_NAMES = {name: number for names in (MONTHS, *OTHER_MONTHS.values()) for number, name in enumerate(names, 1)}


def _abbreviations(calendars: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """The months' abbreviations in these calendars, each with its month's number."""
    numbers: dict[str, set[int]] = {}
    for names in calendars:
        for number, name in enumerate(names, 1):
            for length in ABBREVIATION_LENGTHS:
                if len(name) > length:
                    numbers.setdefault(name[:length], set()).add(number)
    return {abbreviation: number for abbreviation, (number, *others) in numbers.items() if not others}


# English abbreviations as written before the day: "Sep 4", "Sept. 4" (not "Marc 4", a name)
ENGLISH_ABBREVIATIONS = {**{name[:3]: number for number, name in enumerate(MONTHS, 1)}, "sept": 9}
MONTH_NUMBERS = {**_abbreviations((MONTHS, *OTHER_MONTHS.values())), **ENGLISH_ABBREVIATIONS, **MONTH_NAMES}


def _month_pattern(names: dict[str, int]) -> str:
    return r"(?P<month>" + "|".join(sorted(names, key=len, reverse=True)) + r")\b\.?"


def _first_letters(names: dict[str, int]) -> str:
    return r"(?=[" + "".join(sorted({name[0] for name in names})) + r"])"


_MONTH = _month_pattern({**ENGLISH_ABBREVIATIONS, **MONTH_NAMES})
# Each pattern below begins by looking ahead for the character a date can start with (a digit, a
# month's first letter): the same matches, found without trying the whole pattern at each
# character of the text (trying each month's name in turn was most of the time of a search).
_MONTH_FIRST = _first_letters({**ENGLISH_ABBREVIATIONS, **MONTH_NAMES})
_DIGIT_FIRST = r"(?=\d)"
# The other languages write the day before the month ("4 ago 2021"), and some of their
# abbreviations are English words ("set", "out", "gen"): those are read in that order only.
_DAY_FIRST_MONTH = _month_pattern(MONTH_NUMBERS)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_DIGITS = r"(?P<year>(?:19|20)\d\d)"
_YEAR = _YEAR_DIGITS + r"(?!\d)"
# Dates as pages write them for their readers: "March 4, 2025", "4 March 2025", "4. März 2025",
# "4 de marzo de 2025", "04-ago-2021", "2025-03-04", "2025/03/04", "2025年3月4日", "24.03.2025",
# "3/24/2025" (day and month told apart only when one of them cannot be a month).
SHOWN_DATE_RES = (
    re.compile(rf"{_MONTH_FIRST}(?<![\w]){_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_DIGIT_FIRST}(?<![\w.]){_DAY}\.?\s+(?:of\s+|de\s+)?{_DAY_FIRST_MONTH},?\s+(?:de\s+)?{_YEAR}",
               re.IGNORECASE),
    re.compile(rf"{_DIGIT_FIRST}(?<![\w.-]){_DAY}-{_DAY_FIRST_MONTH}-{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_DIGIT_FIRST}(?<![\w./-]){_YEAR_DIGITS}([-/.])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)(?![\d/-])"),
    re.compile(rf"{_YEAR_DIGITS}\s*[年년]\s*(?P<month>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)\s*[日일]"),
    re.compile(rf"{_DIGIT_FIRST}(?<![\w./])(?P<first>[0-3]?\d)([./])(?P<second>[0-3]?\d)\2{_YEAR}"),
)
# How far from the article's heading (in characters of text) a shown date is its date: a
# byline sits just above or below the heading; a date further on is one the article talks
# about, or another article's.
SHOWN_DATE_ABOVE_HEADING = 200
SHOWN_DATE_BELOW_HEADING = 600
MAX_DATE_CHARS = 40  # "Wednesday, September 24th, 2025" and some
# A label just before a shown date that makes it the date of a revision, not of publication
UPDATED_LABEL_RE = re.compile(
    r"\b(?:updated?|updates|modified|reviewed|revised|edited|refreshed|checked|aktualisiert|mis à jour|"
    r"actualizado|aggiornato|bijgewerkt|atualizado)\b\W*(?:on|at|am|le|el|il|op|em)?\W*$", re.IGNORECASE)
LABEL_CHARS = 30
# A label that says outright which date a republished or revised article first came out on ("This
# article was originally published on 26 Sep 2019 but has been regularly updated"), wherever the
# page writes it: the date after it is the publication date, beside a byline that shows a later one.
# (Found from each "published" or "posted" of the text, looked for as plain strings: a pattern
# searched across the whole text of a page took a third of the time of reading its metadata.)
PUBLISHED_VERBS = ("published", "posted")
ORIGINALLY_RE = re.compile(r"\b(?:originally|first)\s+$", re.IGNORECASE)
PUBLISHED_ON_RE = re.compile(r"(?:published|posted)(?:\s+(?:on|in))?\s*:?\s*", re.IGNORECASE)
# More words between two tags than a byline has: a sentence of the article.
MAX_BYLINE_WORDS = 16
MONTHS_IN_YEAR = 12
# Dates a day apart may be one moment: a declared time in UTC, the shown date in the site's zone.
TIME_ZONE_DAYS = 1
# A moment written in UTC ("...T23:25:38Z", "+00:00"), and one written with another offset: the
# site's own clock, whose calendar day is the one the site shows its readers.
UTC_TIME_RE = re.compile(r"T?(?P<hour>\d\d):\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)$", re.IGNORECASE)
# The time zones' offsets from UTC reach from -12 to +14 hours: a moment in UTC falls on the
# day before in some zone only before noon, and on the day after only from 10:00.
HOURS_IN_DAY = 24
WESTMOST_OFFSET_HOURS = -12
EASTMOST_OFFSET_HOURS = 14
LOCAL_TIME_RE = re.compile(r"T?\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s*[+-](?!00:?00)\d\d:?\d\d$")


def iso_date(value: str | None) -> str | None:
    """A date as YYYY-MM-DD, or None when the value holds no plausible date. A value dateutil
    cannot read ("Created: Dec 19, 2025", "2025年3月4日") is read as a date shown to a reader."""
    value = " ".join((value or "").split())
    if not value:
        return None
    match = ISO_DATE_RE.match(value)
    if match:
        parts = tuple(int(part) for part in match.groups())
    else:
        from dateutil import parser as date_parser

        try:
            parsed = date_parser.parse(value, default=datetime(1, 1, 1), ignoretz=True)  # (the day is wanted)
        except (ValueError, OverflowError, TypeError):
            written = shown_dates(value)
            return written[0][1].value if written else None
        if parsed.year == 1 or parsed.day == 1 and not re.search(r"\b0?1\b", value):
            return None  # a month or a year alone
        parts = (parsed.year, parsed.month, parsed.day)
    return _valid(*parts)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found.isoformat() if found.year >= FIRST_YEAR else None


def _shown_value(match: re.Match[str]) -> str | None:
    """The date a match of SHOWN_DATE_RES names; None for a day and a month that could be read
    either way round (3/4/2025, 03.04.2025)."""
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if first <= MONTHS_IN_YEAR and second <= MONTHS_IN_YEAR and first != second:
            return None
        month, day = (second, first) if first > MONTHS_IN_YEAR else (first, second)
    else:
        month_text = groups["month"].casefold().rstrip(".")
        month = MONTH_NUMBERS[month_text] if month_text in MONTH_NUMBERS else int(month_text)
        day = int(groups["day"])
    return _valid(year, month, day)


def date_span(text: str) -> tuple[int, int] | None:
    """Where the first date written in a text (as `shown_dates` reads dates) starts and ends."""
    spans = [match.span() for pattern in SHOWN_DATE_RES for match in pattern.finditer(text) if _shown_value(match)]
    return min(spans, key=lambda span: (span[0], -span[1])) if spans else None


def shown_dates(text: str) -> list[tuple[int, ShownDate]]:
    """The dates written in a text, with where each starts, in the text's order."""
    found: dict[int, ShownDate] = {}
    for pattern in SHOWN_DATE_RES:
        for match in pattern.finditer(text):
            if match.start() not in found and (value := _shown_value(match)):
                label = text[max(0, match.start() - LABEL_CHARS):match.start()]
                found[match.start()] = ShownDate(value, bool(UPDATED_LABEL_RE.search(label)))
    return sorted(found.items(), key=lambda pair: pair[0])


def _in_prose(piece: str) -> bool:
    """Whether a run of text is a sentence of the article (a date in it is one the text talks
    about), not a byline."""
    return len(piece.split()) > MAX_BYLINE_WORDS


def dates_by_heading(tree: HtmlElement) -> list[ShownDate]:
    """The dates the page shows just below its article's heading, nearest first, then those
    just above it (a byline may sit either side)."""
    body = tree.find(".//body")
    headings = article_headings(body) if body is not None else []
    if body is None or not headings:
        return []
    for heading in headings:
        # (read around each heading alone: the text above the first is often most of the page's)
        read = reader_text_around(body, heading, SHOWN_DATE_ABOVE_HEADING + MAX_DATE_CHARS,
                                  SHOWN_DATE_BELOW_HEADING + MAX_DATE_CHARS)
        start, end = read.spans.get(heading, (-1, -1))  # (none for a heading the reader does not see)
        if start < 0:
            continue
        low = max(0, start - SHOWN_DATE_ABOVE_HEADING - MAX_DATE_CHARS)
        window = read.text[low:end + SHOWN_DATE_BELOW_HEADING + MAX_DATE_CHARS]
        found = [(low + position, shown) for position, shown in shown_dates(window)
                 if not _in_prose(read.piece(low + position))]
        below = [shown for position, shown in found if end <= position <= end + SHOWN_DATE_BELOW_HEADING]
        above = [shown for position, shown in reversed(found) if start - SHOWN_DATE_ABOVE_HEADING <= position < end]
        if below or above:
            return [*below, *above]
    return []


def originally_published(tree: HtmlElement) -> str | None:
    """The date the page's text says it was originally published on, if it says so."""
    body = tree.find(".//body")
    text = (body.text_content() if body is not None else "").lower()  # (lowered once, read lowered)
    for verb in PUBLISHED_VERBS:
        start = text.find(verb)
        while start >= 0:
            label = PUBLISHED_ON_RE.match(text, start)
            if label and ORIGINALLY_RE.search(text[max(0, start - LABEL_CHARS):start]):
                written = shown_dates(text[label.end():label.end() + MAX_DATE_CHARS])
                if written and written[0][0] == 0:
                    return written[0][1].value
            start = text.find(verb, start + len(verb))
    return None


def writes_day(tree: HtmlElement, value: str) -> bool:
    """Whether the page writes the day `value` (YYYY-MM-DD) in its text or its markup's
    attributes (a <time datetime>, a meta tag's content) as dates are written (`shown_dates`):
    trafilatura's search of a page sometimes makes a day of what names none (a year and a month
    alone, an image's version number), which the page gives no reader, or finds it only in its
    scripts' data, where days are another record's (a framework's store of the site's items, a
    booking calendar's slots, the time the server built the page). (What its structured data
    says of the page's publication is read before the search.) Read at each place the page
    writes the day's year."""
    source = "<>".join(WRITTEN_PIECES(tree))  # (apart as tags would keep them)
    year = value[:4]
    start = source.find(year)
    while start >= 0:
        window = source[max(0, start - WRITTEN_DATE_REACH):start + WRITTEN_DATE_REACH]
        if any(shown.value == value for _, shown in shown_dates(window)):
            return True
        start = source.find(year, start + len(year))
    return False


def first_shown(tree: HtmlElement) -> str | None:
    """The first date the body's text shows its reader, but for a revision's: on a thread's page,
    its opening post's."""
    body = tree.find(".//body")
    if body is None:
        return None
    text = " ".join(" ".join(str(piece).split()) for piece in SEEN_TEXT(body))
    return next((shown.value for _, shown in shown_dates(text) if not shown.updated), None)


def published_dates(marks: PageMarks) -> list[str]:
    """The publication dates the markup declares beside JSON-LD, strongest first: the
    published-time meta tags, then itemprop=datePublished."""
    meta_dates: list[tuple[int, str]] = []
    for meta in marks.metas:
        name = (meta.get("property") or meta.get("name") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if content and name in PUBLISHED_META:
            meta_dates.append((PUBLISHED_META.index(name), content))
    found = [content for _, content in sorted(meta_dates, key=lambda pair: pair[0])]
    return found + _itemprop_dates(marks, PUBLISHED_ITEMPROPS)


def modified_dates(marks: PageMarks) -> list[str]:
    """The dates the markup declares the page was last revised on, beside JSON-LD: the
    modified-time meta tags, then itemprop=dateModified."""
    found = [" ".join((meta.get("content") or "").split()) for meta in marks.metas
             if (meta.get("property") or meta.get("name") or "").lower() in MODIFIED_META]
    return [value for value in found if value] + _itemprop_dates(marks, MODIFIED_ITEMPROPS)


def _itemprop_dates(marks: PageMarks, props: frozenset[str]) -> list[str]:
    """The values of the page's elements whose itemprop is one of props, in the page's
    order: the content or datetime attribute, else the element's text."""
    found = []
    for element in marks.itemprops:
        if props & set(element.get("itemprop", "").lower().split()):
            value = element.get("content") or element.get("datetime") or " ".join("".join(element.itertext()).split())
            if value:
                found.append(value)
    return found


def time_dates(marks: PageMarks) -> list[str]:
    """The datetime of each <time> of the body, in the page's order."""
    return [element.get("datetime", "") for element in marks.times]


def _shown_day_of_moment(raw: str | None, value: str, shown: str) -> bool:
    """Whether a date shown to the reader may be the calendar day, in some time zone, of a
    declared moment whose day in its own writing is `value`: a day either way, but for a
    moment written in UTC, only the days that a zone's offset reaches from its hour."""
    if not _same_day(value, shown):
        return False
    hour = UTC_TIME_RE.search((raw or "").strip())
    if hour is None or shown == value:
        return True
    utc_hour = int(hour.group("hour"))
    if shown < value:
        return utc_hour + WESTMOST_OFFSET_HOURS < 0
    return utc_hour + EASTMOST_OFFSET_HOURS >= HOURS_IN_DAY


def _same_day(first: str, second: str) -> bool:
    """Whether two dates may name the same moment seen in two time zones."""
    return abs((date.fromisoformat(first) - date.fromisoformat(second)).days) <= TIME_ZONE_DAYS


def _local_day(page: Declared, value: str) -> str:
    """The strongest declared date, as the calendar day of the site's own clock: where it is
    declared in UTC and a <time> of the body gives the same moment with the site's offset, that
    <time>'s day."""
    raw = next(entry for entry in [page.published, *page.dates, page.page_published] if iso_date(entry) == value)
    if not UTC_TIME_RE.search(raw or ""):
        return value
    for entry in page.time_dates:
        local = iso_date(entry)
        if local and LOCAL_TIME_RE.search(entry.strip()) and _same_day(value, local):
            return local
    return value


def _revisions_read(page: Declared, published: list[str]) -> list[ShownDate]:
    """The dates shown beside the heading, where one the page declares it was revised on, and
    published on no day near it, is read as a revision's though no label says so (a theme's
    byline shows the last revision's day in the very place another shows the first
    publication's): the revision's date gives way to the declared publication date as a
    labelled one does."""
    if not published:
        return page.shown_dates
    revised = [(raw, value) for raw in page.modified if (value := iso_date(raw))]
    return [ShownDate(shown.value, True) if not shown.updated
            and any(_shown_day_of_moment(raw, value, shown.value) for raw, value in revised)
            and not any(_same_day(shown.value, day) for day in published) else shown
            for shown in page.shown_dates]


def choose_date(page: Declared, found: str | None | Later, url: str, thread: bool = False) -> str | None:
    """The publication date, as YYYY-MM-DD.

    A date the page's text labels as the one it was originally published on comes first. A
    declared publication date (JSON-LD, meta tags, itemprop) that a date shown beside the
    heading confirms, give or take a time zone, is taken as declared; so is the strongest
    declared date when a <time> of the body gives it again. Else the date shown beside the
    heading, as the reader sees it, unless it is a revision's (labelled so, or the declared
    modification day) and the page declares a publication date in its meta tags or microdata.
    Else the declared date (not a shop's or a list's WebPage record's), trafilatura's finding
    (where the page writes that day), the first <time datetime>, for a thread the first date
    its text shows (its opening post's), the date in the URL. A thread's shown dates are its
    posts' and do not count, but for its opening post's, which gives the day of a declared
    date a day from it.
    A date in the URL a day from the one chosen is the site's own calendar day."""
    match = URL_DATE_RE.search(urlsplit(url).path)
    in_url = iso_date("-".join(filter(None, match.groups()))) if match else None
    chosen = _chosen_date(page, found, thread) or in_url
    if chosen and in_url and _same_day(chosen, in_url):
        return in_url  # the site's own calendar day, where the chosen date may be a UTC one
    return chosen


def _chosen_date(page: Declared, found: str | None | Later, thread: bool) -> str | None:
    if page.original:
        return page.original
    # a shop's or a list's page is no written work: the datePublished of its JSON-LD WebPage is the
    # page's record's (a site's plug-in writes one for each of its pages), not a publication's
    web_page = None if page.offers_products() or page.lists_works() else page.page_published
    written = [(raw, value) for raw in [page.published, *page.dates, web_page] if (value := iso_date(raw))]
    declared = [value for _, value in written]
    if thread:
        # the date shown first below a thread's title is its opening post's, on the site's own
        # calendar, where the declared one is often the server's clock with no time zone
        opening = next((date_shown.value for date_shown in page.shown_dates if not date_shown.updated), None)
        if declared and opening and _same_day(declared[0], opening):
            return opening
    shown = [] if thread else _revisions_read(page, [value for _, value in written])
    confirming = [date_shown.value for date_shown in shown if not date_shown.updated]
    for raw, value in written:
        if any(_shown_day_of_moment(raw, value, other) for other in confirming):
            return value
    timed = [value for value in map(iso_date, page.time_dates) if value]
    if declared and any(_same_day(declared[0], value) for value in timed):
        return _local_day(page, declared[0])  # the strongest declared date, marked up again in the body
    # A revision's date that is the only date the page shows its reader is its date, unless the
    # page gives a publication date in its meta tags (what link previews show of it) or marks it
    # up in its text: one declared in JSON-LD alone, data for search engines, is often the
    # record's first draft, which the page never shows.
    tagged = [value for value in map(iso_date, page.dates) if value]
    for date_shown in sorted(shown, key=lambda date_shown: date_shown.updated):
        if not (tagged and date_shown.updated):
            return date_shown.value
    if declared:
        return declared[0]
    if page.offers_products() or page.lists_works():
        # a shop's or a list's page is no written work: a date in its text is a review's, an
        # offer's or a listed item's, not the page's
        return timed[0] if timed else None
    searched = iso_date(known(found))
    if searched and (searched.endswith(YEAR_START) or not page.writes_day(searched)):
        searched = None  # a year the search found alone (in a copyright line, say), or a day the page never writes
    if searched or timed or not thread:
        return searched or (timed[0] if timed else None)
    return known(page.first_shown)  # a thread's posts show their dates, the opening post's first

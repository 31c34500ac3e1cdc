"""The two extraction benchmarks as one list of pages, their split into a
development part and a held-out part, and the scorers the extraction bench
uses beside the shingle F1 of bench/common.py."""
from __future__ import annotations

import difflib
import gzip
import hashlib
import html as html_lib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

WORD_RE = re.compile(r"\w+")
PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
# One page in HELD_OUT_SHARE goes to the held-out part, chosen by a hash of its set and id:
# stable between runs, independent of the order of the files and of their content.
HELD_OUT_SHARE = 4
SPLITS = ("dev", "held-out", "all")


@dataclass(frozen=True)
class Page:
    dataset: str  # "aeb" or "wcxb"
    page_id: str
    url: str
    kind: str  # "article" for every AEB page
    truth: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    path: Path = field(default=Path(), compare=False)

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.page_id}"

    def html(self) -> str:
        return gzip.decompress(self.path.read_bytes()).decode("utf-8")


def split_of(page: Page) -> str:
    digest = hashlib.sha256(page.key.encode()).digest()
    return "held-out" if digest[0] % HELD_OUT_SHARE == 0 else "dev"


def load_pages(bench_dir: Path, datasets: list[str], split: str) -> list[Page]:
    pages: list[Page] = []
    if "aeb" in datasets:
        truth = json.loads((bench_dir / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            pages.append(Page("aeb", page_id, truth[page_id]["url"], "article", truth[page_id]["articleBody"],
                              path=bench_dir / "aeb" / "html" / f"{page_id}.html.gz"))
    if "wcxb" in datasets:
        truth = json.loads((bench_dir / "wcxb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            entry = truth[page_id]
            pages.append(Page(
                "wcxb", page_id, entry["url"], entry["page_type"], entry["articleBody"] or "",
                title=entry.get("title") or None, author=entry.get("author") or None,
                published=entry.get("publish_date") or None,
                with_snippets=tuple(entry.get("with") or ()), without_snippets=tuple(entry.get("without") or ()),
                path=bench_dir / "wcxb-dev" / "html" / f"{page_id}.html.gz"))
    return [page for page in pages if split == "all" or split_of(page) == split]


# --- WCXB's word F1 ------------------------------------------------------------------------------

def word_f1(predicted: str, truth: str) -> float:
    got = Counter(word.lower() for word in WORD_RE.findall(predicted))
    want = Counter(word.lower() for word in WORD_RE.findall(truth))
    common = sum((got & want).values())
    if not got or not want or not common:
        return 1.0 if not got and not want else 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


# A run of fewer words that one text has and the other lacks is, as often as not, the same words
# split or joined differently ("Result<T, E>" against "Result<T,E>"), and tells of no cause.
MIN_DIFFERENCE_WORDS = 3


def word_differences(predicted: str, truth: str,
                     min_words: int = MIN_DIFFERENCE_WORDS) -> tuple[list[list[str]], list[list[str]]]:
    """The runs of words (lower-cased, as word_f1 counts them) that the truth has and `predicted`
    lacks, and those `predicted` has and the truth lacks, in reading order, from a word-by-word
    alignment of the two; runs of at least `min_words` words only.

    word_f1 says how much an extraction missed or added, not what: a run is a whole block taken or
    left (a note, a code block, a table, a menu), which the page's markup can then be searched for.
    (No "junk" heuristic: the words a page repeats most, as code repeats its names, align too.)"""
    want = [word.lower() for word in WORD_RE.findall(truth)]
    got = [word.lower() for word in WORD_RE.findall(predicted)]
    missed: list[list[str]] = []
    added: list[list[str]] = []
    for tag, want_start, want_end, got_start, got_end in difflib.SequenceMatcher(
            None, want, got, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if want_end - want_start >= min_words:
            missed.append(want[want_start:want_end])
        if got_end - got_start >= min_words:
            added.append(got[got_start:got_end])
    return missed, added


# --- snippets and metadata ---------------------------------------------------------------------------

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def comparable(value: str | None) -> str:
    value = unicodedata.normalize("NFKC", html_lib.unescape(value or "")).translate(QUOTES)
    return " ".join(value.split()).casefold()


def snippet_in(snippet: str, text: str) -> bool:
    return comparable(snippet) in comparable(text)


# A dash typed as two hyphens ("itertools -- Functions") is the dash a page prints as "—".
TYPED_DASH_RE = re.compile(r"-{2,}")


def title_words(value: str | None) -> str:
    """A title as compared: besides comparable()'s quotes, dashes, spaces and case, a typed
    dash is a dash, and symbols that are no words (®, ™, an emoji) are left out (before NFKC
    spells "™" as "TM"), which a person writing the title down drops as often as keeps."""
    value = "".join(character for character in html_lib.unescape(value or "")
                    if unicodedata.category(character) != "So")
    return TYPED_DASH_RE.sub("-", comparable(value))


def same_title(found: str | None, truth: str) -> bool:
    return title_words(found).strip(" .") == title_words(truth).strip(" .")


NAME_SPLIT_RE = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)


def author_names(value: str | None) -> set[str]:
    """The names in an author field. Authors are names only: what follows a name after a comma
    (a degree, a job title, another name) is not compared."""
    names = (comparable(part.split(",")[0]).replace(".", "").strip() for part in NAME_SPLIT_RE.split(value or ""))
    return {name for name in names if name}


def _name_parts(value: str | None) -> set[str]:
    """Every part of an author field that "and", "&", ";" or a comma sets apart."""
    names = (comparable(part).replace(".", "").strip()
             for name in NAME_SPLIT_RE.split(value or "") for part in name.split(","))
    return {name for name in names if name}


def same_author(found: str | None, truth: str) -> bool:
    """Whether the names found are the truth's, in any order and case. Gloss writes names only,
    several as "Ann Lee, Bo Chen and Cy Dunn", so each part of its field is a name; in the
    truth, a part after a comma is a degree, a job title or another name ("Ann Lee, PhD",
    "Ann Lee, Bo Chen"). So the first name of each of the truth's parts must be found, and
    every name found must be one of the truth's parts. A name the truth writes surname first
    ("Kaufman, Jeff T.") is the name found with its words in reading order ("Jeff T. Kaufman")."""
    found_names = _name_parts(found)
    return author_names(truth) <= found_names <= _name_parts(truth) or _name_words(found) == _name_words(truth)


def _name_words(value: str | None) -> set[frozenset[str]]:
    """The words of each name in an author field that "and", "&" or ";" set apart, in any order."""
    return {frozenset(WORD_RE.findall(comparable(name))) for name in NAME_SPLIT_RE.split(value or "")} - {frozenset()}


def same_date(found: str | None, truth: str) -> bool:
    return bool(found and found[:10] == truth[:10])


# --- whether a truth can be read off the page at all ---------------------------------------------

def title_in_page(tree: lxml_html.HtmlElement, truth: str) -> bool:
    """Whether the page writes the true title whole: as one of its texts, the text of its <title>
    or of a heading, or an attribute's value (a meta tag's content, an image's alt text)."""
    want = title_words(truth).strip(" .")
    texts = (*tree.xpath("//text()"), *tree.xpath("//@content|//@title|//@alt|//@aria-label"),
             *(element.text_content() for element in tree.iter("title", "h1", "h2", "h3")))
    return any(title_words(text).strip(" .") == want for text in texts)


def date_spellings(truth: str) -> set[str]:
    """The ways a page may write a date (ISO, numeric day-month and month-day orders, month names
    in English, long and short), in lower case; none for a truth that is no full date."""
    try:
        day = date.fromisoformat(truth[:10])
    except ValueError:
        return set()
    d, m, y = day.day, day.month, day.year
    month, mon = day.strftime("%B"), day.strftime("%b")
    th = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    numeric = {f"{y}-{m:02}-{d:02}", f"{y}/{m:02}/{d:02}", f"{y}{m:02}{d:02}", f"{m:02}/{d:02}/{y}",
               f"{d:02}/{m:02}/{y}", f"{m}/{d}/{y}", f"{d}/{m}/{y}", f"{d:02}.{m:02}.{y}", f"{d}.{m}.{y}"}
    named = {f"{name} {day_}, {y}" for name in (month, mon, f"{mon}.") for day_ in (d, f"{d:02}", f"{d}{th}")}
    named |= {f"{name} {d} {y}" for name in (month, mon)} | {f"{day_} {name} {y}" for name in (month, mon)
                                                               for day_ in (d, f"{d:02}", f"{d}.")}
    return {spelling.casefold() for spelling in numeric | named}


def date_in_page(html: str, truth: str) -> bool:
    """Whether the page's source writes the true date in one of `date_spellings` (its markup and
    scripts included: a JSON-LD date counts)."""
    source = html.casefold()
    return any(spelling in source for spelling in date_spellings(truth))


# --- words of the page -------------------------------------------------------------------------------

# Inline elements do not separate words in a browser; every other element does.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                         "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
                         "u", "var", "wbr", "label", "nobr", "tt", "big", "strike"})


def page_words(html: str) -> set[str]:
    """Every word the page has, whether its inline elements are read as joining words (as a
    browser shows them) or as separating them, or an inline element as a block of its own (as
    a style sheet may show it: "Up to<span>4<span>x</span></span>" says "4x"); attribute
    values (alt text, meta tags) count too."""
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=PARSER)
    except (etree.ParserError, ValueError):
        return set()
    joined: list[str] = []
    words: set[str] = set()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for value in element.attrib.values():
            words.update(WORD_RE.findall(value))
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            if event == "end":
                joined.append(element.tail or "")
            continue
        block = element.tag not in INLINE_TAGS
        if event == "start":
            if block:
                joined.append(" ")
            joined.append(element.text or "")
            words.update(WORD_RE.findall(element.text or ""))
        else:
            if block:
                joined.append(" ")
            joined.append(element.tail or "")
            words.update(WORD_RE.findall(element.tail or ""))
    words.update(WORD_RE.findall("".join(joined)))
    for element in tree.iter(*INLINE_TAGS):
        words.update(WORD_RE.findall(element.text_content()))
    return words

"""The furniture that forum software sets around each post of a thread, taken out of its body.

Beside each post a forum shows its poster's figures ("Posts: 116", "Joined: Feb 2019",
"Reputation: 7", as lines or as a list of terms and values, and any field of its own that it
fills in under each post: "Primary OS: Windows 10"), the post's number ("#4"),
a note of its last edit ("Last edited by seth (2024-08-03 11:02:20)"), the thread's title
again as the post's subject ("Re: Which Qt6 version for Ubuntu 24.04?"), counts
(of likes, of the poster's posts) standing alone, the readers who reacted to the post
("Reactions: Ben, Olga", "Ben and 2 others like this.") and the line a mobile app adds
under a post ("Sent from my Pixel 7 using Tapatalk"). None of it is anything a post says,
and it differs from post to post, so the thread's repeated labels (threads.py) do not
catch it. The poster's name and the post's date stay: they say who wrote what, and when.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree

from .edges import remove_keeping_tail
from .threads import LABEL_MIN_REPEATS
from .titles import letters

# The figures forum software gives about a poster beside each post.
POSTER_FIGURES = (
    r"posts|threads|topics|messages|replies|joined|join date|registered|member since|reputation|"
    r"reaction score|points|karma|likes(?: received)?|solutions|trophies|credits|rep|location|from"
)
POSTER_FIGURE_RE = re.compile(rf"^(?:{POSTER_FIGURES})\s*:\s*\S", re.IGNORECASE)
POSTER_FIGURE_TERM_RE = re.compile(rf"^(?:{POSTER_FIGURES})\s*:?$", re.IGNORECASE)
# "Location" and "From" alone also head an address or a letter quoted in a post: a line of
# them is a poster's figure only beside another figure.
PLACE_FIGURE_RE = re.compile(r"^(?:location|from)\b", re.IGNORECASE)
# Any other field a forum fills in for each poster ("Primary OS: Windows 10", "Founded: Dec 11, 2021")
# is a line of a term, a colon and a space, and a value, whose term heads such a line under
# LABEL_MIN_REPEATS posts or more: the same words each time, as the thread's repeated labels are
# (a post's own "Note: ..." is said once; an address "https://..." has no space after its colon).
FIELD_RE = re.compile(r"^([^\W\d][\w .'/-]{0,30}?)\s*:\s+\S")
# A value whose term was an icon: a date or a count.
UNNAMED_FIGURE_MAX_WORDS = 3
# A line of figures is short.
FIGURE_LINE_MAX_WORDS = 8
# "Last edited by seth (2024-08-03)", "Last edited by Minoa on Tue Aug 27, 2019 10:03 pm, edited 1
# time in total.", "Edited 2 times in total."
EDIT_NOTE_RE = re.compile(r"^(?:last )?edited by\b|^(?:post )?edited \d+ times? in total\b|^last edited\s*:?$",
                          re.IGNORECASE)
EDIT_NOTE_MAX_WORDS = 20
# A post's number ("#4", "Post 3 of 12"), alone or before its date.
POST_NUMBER_RE = re.compile(r"^(?:#\s?\d+|post \d+ of \d+)(?:\s+[\d\W]*)?$", re.IGNORECASE)
# A block without a letter: a count of likes or of posts, a score ("19,378", "-55", "2 3").
COUNT_MAX_TOKENS = 3
LETTER_RE = re.compile(r"[^\W\d_]")
# A post's subject that only answers the thread's: "Re:" and the title.
REPLY_SUBJECT_RE = re.compile(r"^re\s*:\s*", re.IGNORECASE)
MIN_SUBJECT_LETTERS = 8
# The readers who reacted to a post: "Reactions:" before their names (in the same block or the
# next, which then holds nothing but links to them), or "Ben and 2 others like this."
REACTIONS_LABEL_RE = re.compile(r"^(?:reactions|likes)\s*:", re.IGNORECASE)
# ("looks like this:" ends a sentence that a post goes on with)
LIKED_RE = re.compile(r"(?:\blikes|\bothers? like|\band \S+ like) this\W*$", re.IGNORECASE)
REACTION_MAX_WORDS = 20
# A count of the post's reactions ("2 Likes", "1 reaction", "14 upvotes").
REACTION_COUNT_RE = re.compile(r"^\d[\d,.]*\s*(?:likes?|reactions?|upvotes?|votes?)$", re.IGNORECASE)
# The line a forum's mobile app adds under each post it sends.
SENT_FROM_APP_RE = re.compile(r"^sent from my\b", re.IGNORECASE)
SENT_FROM_APP_MAX_WORDS = 12
BLOCKS = ("p", "head", "item")
LINE_BREAK = "\x00"  # stands for an <lb/> while the text's own line breaks are spaces


def drop_post_furniture(body: etree._Element, title: str | None) -> None:
    """Remove from the thread `body` its posts' furniture (see the module's docstring);
    `title` is the thread's."""
    for element in list(body.iter("list")):
        if element.getparent() is not None and _is_figure_list(element):
            remove_keeping_tail(element)
    subject = letters(title or "")
    blocks = [element for element in body.iter(*BLOCKS)
              if not any(child.tag in ("list", "quote", "p") for child in element)]
    texts = {element: _lines(element) for element in blocks}
    fields = _repeated_fields(texts.values())
    for element in blocks:
        text = texts[element]
        if element.getparent() is None:
            continue
        if text and (_is_furniture(text, subject) or _are_fields(text, fields)):
            names = element.getnext()
            if names is not None and REACTIONS_LABEL_RE.match(text) and _names_only(names):
                remove_keeping_tail(names)
            remove_keeping_tail(element)


def _names_only(element: etree._Element) -> bool:
    """Whether the block holds links and nothing else (the names of readers)."""
    if element.tag not in BLOCKS or (element.text or "").strip(" ,"):
        return False
    return len(element) > 0 and all(child.tag == "ref" and not (child.tail or "").strip(" ,") for child in element)


def _lines(element: etree._Element) -> str:
    """The element's text as a browser shows it: its spaces collapsed, a line break where it
    has one (trafilatura's <lb/>)."""
    lines = "".join(_pieces(element)).split(LINE_BREAK)
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _pieces(element: etree._Element) -> list[str]:
    pieces = [element.text or ""]
    for child in element:
        pieces.extend([LINE_BREAK] if child.tag == "lb" else _pieces(child))
        pieces.append(child.tail or "")
    return pieces


def _is_furniture(text: str, subject: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words = text.split()
    if _are_figures(lines):
        return True
    if len(words) <= EDIT_NOTE_MAX_WORDS and EDIT_NOTE_RE.match(text):
        return True
    if POST_NUMBER_RE.match(text):
        return True
    if REACTION_COUNT_RE.match(text):
        return True
    if len(words) <= REACTION_MAX_WORDS and (REACTIONS_LABEL_RE.match(text) or LIKED_RE.search(text)):
        return True
    if len(words) <= SENT_FROM_APP_MAX_WORDS and SENT_FROM_APP_RE.match(text):
        return True
    if len(words) <= COUNT_MAX_TOKENS and not LETTER_RE.search(text):
        return True
    reply = REPLY_SUBJECT_RE.match(text)
    answered = letters(text[reply.end():]) if reply else ""
    # (the page's title may add the forum's name to the thread's)
    return len(answered) >= MIN_SUBJECT_LETTERS and answered in subject


def _are_figures(lines: list[str]) -> bool:
    """Whether every line is a poster's figure ("Posts: 116"), not all of them a place."""
    return bool(lines) and all(len(line.split()) <= FIGURE_LINE_MAX_WORDS and POSTER_FIGURE_RE.match(line)
                               for line in lines) and not all(PLACE_FIGURE_RE.match(line) for line in lines)


def _field_terms(text: str) -> list[str | None]:
    """The term of each line of the text that is a field ("Term: value", FIELD_RE), else None."""
    return [match.group(1).casefold() if len(line.split()) <= FIGURE_LINE_MAX_WORDS and (
        match := FIELD_RE.match(line)) else None for line in text.splitlines() if line.strip()]


def _repeated_fields(texts: Iterable[str]) -> set[str]:
    """The terms that head a field in LABEL_MIN_REPEATS lines or more of the blocks' `texts`."""
    counts = Counter(term for text in texts for term in _field_terms(text) if term)
    return {term for term, count in counts.items() if count >= LABEL_MIN_REPEATS}


def _are_fields(text: str, fields: set[str]) -> bool:
    """Whether every line of the text is a field whose term the thread repeats (`fields`)."""
    terms = _field_terms(text)
    return bool(terms) and all(term in fields for term in terms)


def _is_unnamed_figure(item: etree._Element) -> bool:
    """Whether the item is a short value of a list of terms and values (a date, a count)."""
    words = len("".join(item.itertext()).split())
    return (item.get("rend") or "").startswith("dd") and 0 < words <= UNNAMED_FIGURE_MAX_WORDS


def _is_figure_list(element: etree._Element) -> bool:
    """A list of terms and values whose terms are all a poster's figures ("Join Date", "Posts"), or
    of values alone, short, whose terms were icons ("Jun 15, 2024" beside a calendar's)."""
    items = [item for item in element if item.tag == "item"]
    terms = [item for item in items if (item.get("rend") or "").startswith("dt")]
    if not terms and items and all(_is_unnamed_figure(item) for item in items):
        return True
    if not terms or len(items) != 2 * len(terms):
        return False
    names = [" ".join("".join(term.itertext()).split()) for term in terms]
    return all(POSTER_FIGURE_TERM_RE.match(name) for name in names) and not all(
        PLACE_FIGURE_RE.match(name) for name in names)

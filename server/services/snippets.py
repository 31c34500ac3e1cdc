"""Search result snippets: a short plain-text passage around the matched words,
with the matches given as [start, end] offsets into the snippet.

The database says which pages match; marking the words is done here, the same
way for both backends. Words match when equal, when they share a light stem
(years/year, running/run), or by prefix for prefix* words. This only decides
what is marked in the snippet, never what is found.
"""
from __future__ import annotations

import re
import unicodedata

from .search_query import WORD_RE, Clause, SearchQuery

WIDTH = 220
LEAD = 60  # characters of context kept before the first match
ELLIPSIS = "… "
MAX_HITS = 200
SUFFIXES = ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er",
            "est", "ly", "ed", "es", "s", "e", "y")


def fold(word: str) -> str:
    """Lowercase without diacritics (café -> cafe), as the indexes compare words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    word = fold(word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # running -> runn -> run
    return word


def _word_matches(word: str, wanted: str, prefix: bool) -> bool:
    folded = fold(word)
    return folded == fold(wanted) or (prefix and folded.startswith(fold(wanted))) \
        or stem(word) == stem(wanted)


def _clause_hits(text: str, clause: Clause) -> list[tuple[int, int]]:
    """Where the clause matches: a regular expression finds words starting like the
    first word's stem, and only those (and the words after them) are compared."""
    first = clause.words[0]
    root = fold(first) if clause.prefix and len(clause.words) == 1 else stem(first)[:4]
    pattern = re.compile(r"(?<![^\W_])" + re.escape(root) + r"[^\W_]*", re.IGNORECASE)
    n = len(clause.words)
    hits = []
    for m in pattern.finditer(text):
        if not _word_matches(m.group(), first, clause.prefix and n == 1):
            continue
        end = m.end()
        if n > 1:
            following = []
            for w in WORD_RE.finditer(text, m.end()):
                following.append(w)
                if len(following) == n - 1:
                    break
            if len(following) < n - 1 or not all(
                    _word_matches(w.group(), clause.words[k + 1], clause.prefix and k + 1 == n - 1)
                    for k, w in enumerate(following)):
                continue
            end = following[-1].end()
        hits.append((m.start(), end))
        if len(hits) >= MAX_HITS:
            break
    return hits


def find_matches(text: str, query: SearchQuery) -> list[tuple[int, int, int]]:
    """(start, end, clause number) of each match of a query clause, in text order."""
    found: list[tuple[int, int, int]] = []
    for number, clause in enumerate(query.clauses):
        found.extend((s, e, number) for s, e in _clause_hits(text, clause))
    return sorted(found)


def _best_window(matches: list[tuple[int, int, int]]) -> int:
    """Index of the match opening the window that covers the most distinct clauses."""
    best, best_score = 0, (-1, -1)
    for i, (start, _e, _n) in enumerate(matches):
        inside = [m for m in matches[i:] if m[1] <= start + WIDTH - LEAD]
        score = (len({m[2] for m in inside}), len(inside))
        if score > best_score:
            best, best_score = i, score
    return best


def _snap_start(text: str, at: int) -> int:
    if at <= 0:
        return 0
    space = text.find(" ", at, at + 20)
    return space + 1 if space != -1 else at


def _snap_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", at - 20, at)
    return space if space != -1 else at


def make_snippet(text: str, query: SearchQuery) -> tuple[str, list[list[int]]] | None:
    """A passage of `text` around its best group of matches, or None when no word matches."""
    if not text:
        return None
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")  # same length: offsets hold
    matches = find_matches(flat, query)
    if not matches:
        return None
    first, first_end, _n = matches[_best_window(matches)]
    start = _snap_start(flat, first - LEAD) if first > LEAD else 0
    end = max(_snap_end(flat, start + WIDTH), first_end)
    lead = ELLIPSIS if start > 0 else ""
    tail = " …" if end < len(flat) else ""
    snippet = lead + flat[start:end] + tail
    shift = len(lead) - start
    marks: list[list[int]] = []
    for s, e, _n in matches:
        if s < start or e > end:
            continue
        if marks and s + shift <= marks[-1][1]:  # overlapping clauses: one mark
            marks[-1][1] = max(marks[-1][1], e + shift)
        else:
            marks.append([s + shift, e + shift])
    return snippet, marks


def plain_snippet(text: str) -> tuple[str, list[list[int]]]:
    """The opening of `text` with nothing marked (the match was elsewhere, e.g. in a tag)."""
    flat = " ".join(text.split())
    if len(flat) <= WIDTH:
        return flat, []
    return flat[:_snap_end(flat, WIDTH)] + " …", []

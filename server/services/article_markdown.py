"""A saved article as Markdown, its highlights marked in place with `==…==` and their
notes as footnotes beside them (what the Markdown export writes for Obsidian and Logseq).

Highlights are placed by their offsets into the page's `text`. The reader HTML holds the
same words in the same order (both come from one extraction), so the two are matched on
their non-space characters; where they do not match, the article is written without
marks rather than with marks in the wrong place."""
from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement
from markdownify import MarkdownConverter

HIGHLIGHT_ATTR = "data-gloss-highlight"
NO_MARKS_IN = {"pre", "code", "script", "style"}


@dataclass(frozen=True)
class Passage:
    """A highlight to mark: where it is in the page's text, and its note."""

    key: int
    start: int
    end: int
    note: str


@dataclass
class ArticleMarkdown:
    body: str
    footnotes: list[str]  # "[^n]: note" lines, in the order their marks appear
    marked: set[int]  # keys of the passages marked in place


class _Converter(MarkdownConverter):
    """markdownify, with <mark> as `==…==` followed by the footnote of its note."""

    def __init__(self, notes: dict[int, str], **options):
        super().__init__(**options)
        self.notes = notes
        self.numbers: dict[int, int] = {}
        self.footnotes: list[str] = []

    def convert_mark(self, el, text, parent_tags):
        key = el.get(HIGHLIGHT_ATTR)
        stripped = text.strip()
        if not stripped:
            return text
        lead, tail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out = f"=={stripped}=="
        if el.get("data-last") and key is not None and self.notes.get(int(key)):
            number = self.numbers.setdefault(int(key), len(self.numbers) + 1)
            note = self.notes[int(key)].replace("\r", "").strip().replace("\n", "\n    ")
            self.footnotes.append(f"[^{number}]: {note}")
            out += f"[^{number}]"
        return lead + out + tail


def _text_nodes(soup: BeautifulSoup) -> list[NavigableString]:
    return [node for node in soup.find_all(string=True) if not isinstance(node, Comment)]


def _char_places(nodes: list[NavigableString]) -> list[tuple[int, int]]:
    """(node, index in it) of every non-space character of the HTML's text, in order."""
    return [(n, i) for n, node in enumerate(nodes) for i, ch in enumerate(str(node)) if not ch.isspace()]


def _markable(node: NavigableString) -> bool:
    return not any(parent.name in NO_MARKS_IN for parent in node.parents)


def _place_marks(soup: BeautifulSoup, text: str, passages: list[Passage]) -> set[int]:
    """Wraps each passage's words in <mark> elements (one per text node it spans); answers
    the keys of those marked. Overlapping passages: the first one is marked."""
    nodes = _text_nodes(soup)
    places = _char_places(nodes)
    text_chars = [i for i, ch in enumerate(text) if not ch.isspace()]
    if len(text_chars) != len(places) or any(
            text[t] != str(nodes[n])[i] for t, (n, i) in zip(text_chars, places, strict=True)):
        return set()
    rank = {t: r for r, t in enumerate(text_chars)}  # text offset -> its non-space rank
    spans: dict[int, list[tuple[int, int, int, bool]]] = {}  # node -> (from, to, key, last)
    taken_until = -1
    marked: set[int] = set()
    for passage in sorted(passages, key=lambda p: (p.start, p.end)):
        ranks = [rank[t] for t in range(passage.start, min(passage.end, len(text))) if t in rank]
        if not ranks or ranks[0] <= taken_until:
            continue
        taken_until = ranks[-1]
        pieces: dict[int, list[int]] = {}
        for r in ranks:
            n, i = places[r]
            pieces.setdefault(n, []).append(i)
        runs = [(n, idx[0], idx[-1] + 1) for n, idx in pieces.items() if _markable(nodes[n])]
        for k, (n, first, after) in enumerate(runs):
            spans.setdefault(n, []).append((first, after, passage.key, k == len(runs) - 1))
        if runs:
            marked.add(passage.key)
    for n, node_spans in spans.items():
        node, value, at = nodes[n], str(nodes[n]), 0
        parts: list[PageElement] = []
        for first, after, key, last in sorted(node_spans):
            if first > at:
                parts.append(NavigableString(value[at:first]))
            mark = soup.new_tag("mark", attrs={HIGHLIGHT_ATTR: str(key)})
            if last:
                mark["data-last"] = "1"
            mark.string = value[first:after]
            parts.append(mark)
            at = after
        if at < len(value):
            parts.append(NavigableString(value[at:]))
        node.replace_with(*parts)
    return marked


def article_markdown(html: str, text: str, passages: list[Passage]) -> ArticleMarkdown:
    """The article (the page's sanitized reader HTML) as Markdown: headings, lists, links,
    images, code and tables; the passages marked in place, their notes as footnotes."""
    soup = BeautifulSoup(html or "", "html.parser")
    marked = _place_marks(soup, text or "", passages)
    converter = _Converter({p.key: p.note for p in passages}, heading_style="ATX", bullets="-",
                           escape_misc=False)
    body = converter.convert_soup(soup).strip()
    return ArticleMarkdown(body, converter.footnotes, marked)

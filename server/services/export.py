"""Exports of everything a user has, as generators of bytes, so a large
library streams out in constant memory: pages are read in keyset batches and
each format writes as it goes.

- json: lossless (what `gloss import` restores): pages with text, reader HTML
  and metadata, their highlights with selectors, status, notes, colors, tags
  and timestamps, and the user's tags.
- markdown: a zip of one .md note per page (YAML front matter, the article as Markdown
  with its highlights marked in place and notes as footnotes, then the highlights as
  quotes with their notes and tags) for an Obsidian vault.
- csv: one row per highlight.
- w3c: a W3C Web Annotation AnnotationCollection (JSON-LD).
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, selectinload

from ..downloads import MAX_FILENAME_STEM
from ..models import Highlight, Page, Tag, User, utcnow
from ..states import ANCHORED, ARTICLE, FETCHING, LINK, ORPHANED
from .article_markdown import Passage, article_markdown
from .review import card_record

# Version 2 added `fetch_error`; a page still being fetched is written as the link (or
# article) it was before, with its fetch_error. Version 3 added each highlight's `review`
# (its place in the daily review, or null when it was never reviewed, favourited or
# retired), each highlight's `highlighted` (its quote as first highlighted) and each
# page's `starred_at`. Older files import as they are.
FORMAT_VERSION = 3
BATCH = 100
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


@dataclass(frozen=True)
class ExportFormat:
    mimetype: str
    extension: str


FORMATS = {
    "json": ExportFormat("application/json", "json"),
    "markdown": ExportFormat("application/zip", "zip"),
    "csv": ExportFormat("text/csv; charset=utf-8", "csv"),
    "w3c": ExportFormat('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', "jsonld"),
}


def filename(user: User, fmt: str, now: datetime | None = None) -> str:
    stamp = (now or utcnow()).strftime("%Y%m%d")
    suffix = "-annotations" if fmt == "w3c" else ""
    return f"gloss-{user.username}-{stamp}{suffix}.{FORMATS[fmt].extension}"


def iter_pages(session: Session, user: User, *, with_content: bool = True) -> Iterator[Page]:
    """Every page of the user, oldest first, loaded BATCH at a time by keyset
    (`with_content=False` leaves the article text and HTML in the database)."""
    last = 0
    while True:
        stmt = (select(Page).where(Page.user_id == user.id, Page.id > last).order_by(Page.id).limit(BATCH)
                .options(selectinload(Page.tags),
                         selectinload(Page.highlights).selectinload(Highlight.tags),
                         selectinload(Page.highlights).selectinload(Highlight.review)))
        if not with_content:
            stmt = stmt.options(defer(Page.text), defer(Page.html))
        batch = list(session.scalars(stmt))
        if not batch:
            return
        yield from batch
        last = batch[-1].id
        for page in batch:  # let the identity map forget what was sent
            session.expunge(page)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# ---- json -------------------------------------------------------------------------

WAITING_NOTE = "Waiting for the article: open the page and save it."
ORPHANED_NOTE = "No longer in the saved article: the saved article changed."


def waiting(h: Highlight, page: Page) -> bool:
    """A highlight of a link page (imported without its article) waits for the article."""
    return h.status == ORPHANED and page.awaits_article


def status_note(h: Highlight, page: Page) -> str | None:
    if h.status != ORPHANED:
        return None
    return WAITING_NOTE if page.awaits_article else ORPHANED_NOTE


def highlight_record(h: Highlight, page: Page) -> dict:
    return {
        "id": h.id, "quote": h.quote, "prefix": h.prefix, "suffix": h.suffix, "start": h.start,
        "end": h.end, "highlighted": h.highlighted, "status": h.status, "status_note": status_note(h, page),
        "note": h.note, "color": h.color,
        "tags": [t.name for t in h.tags], "created_at": _iso(h.created_at), "updated_at": _iso(h.updated_at),
        "review": card_record(h.review),
    }


def exported_state(page: Page) -> str:
    """A page still being fetched is what it was before the fetch: a link, or an article
    fetched again."""
    if page.state == FETCHING:
        return ARTICLE if page.text else LINK
    return page.state


def page_record(page: Page) -> dict:
    return {
        "id": page.id, "url": page.url, "canonical_url": page.canonical_url, "state": exported_state(page),
        "fetch_error": page.fetch_error,
        "title": page.title, "author": page.author, "published": page.published,
        "site_name": page.site_name, "language": page.language, "image": page.image,
        "excerpt": page.excerpt, "word_count": page.word_count, "reading_minutes": page.reading_minutes,
        "notice": page.notice, "read_at": _iso(page.read_at), "starred_at": _iso(page.starred_at),
        "progress": page.progress,
        "saved_at": _iso(page.saved_at), "updated_at": _iso(page.updated_at),
        "tags": [t.name for t in page.tags], "text": page.text, "html": page.html,
        "highlights": [highlight_record(h, page) for h in page.highlights],
    }


def export_json(session: Session, user: User) -> Iterator[bytes]:
    head = {"format": "gloss-export", "version": FORMAT_VERSION, "exported_at": _iso(utcnow()),
            "user": user.username}
    yield json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "pages": ['
    for n, page in enumerate(iter_pages(session, user)):
        yield (b",\n" if n else b"\n") + json.dumps(page_record(page), ensure_ascii=False).encode()
    tags = list(session.scalars(select(Tag.name).where(Tag.user_id == user.id).order_by(Tag.key)))
    yield b'\n], "tags": ' + json.dumps(tags, ensure_ascii=False).encode() + b"}\n"


# ---- csv --------------------------------------------------------------------------

CSV_COLUMNS = ["highlight_id", "page_id", "page_title", "page_url", "quote", "note", "tags", "color",
               "status", "start", "end", "created_at", "updated_at"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str | None) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    value = value or ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_rows(writer, page: Page) -> None:
    for h in page.highlights:
        writer.writerow([h.id, page.id, _cell(page.title), page.url, _cell(h.quote), _cell(h.note),
                         _cell("; ".join(t.name for t in h.tags)), h.color,
                         "waiting" if waiting(h, page) else h.status,
                         "" if h.start is None else h.start, "" if h.end is None else h.end,
                         _iso(h.created_at), _iso(h.updated_at)])


def page_csv(page: Page) -> str:
    """One page's highlights, a row each, under the same columns as the whole export."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    _csv_rows(writer, page)
    return buf.getvalue()


def export_csv(session: Session, user: User) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for page in iter_pages(session, user, with_content=False):
        _csv_rows(writer, page)
        if buf.tell() > 64 * 1024:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


# ---- w3c --------------------------------------------------------------------------

def annotation(h: Highlight, page: Page, base_url: str) -> dict:
    """One highlight as a W3C Web Annotation."""
    body = []
    if h.note:
        body.append({"type": "TextualBody", "value": h.note, "format": "text/plain", "purpose": "commenting"})
    body += [{"type": "TextualBody", "value": t.name, "purpose": "tagging"} for t in h.tags]
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": h.quote, "prefix": h.prefix or "",
                              "suffix": h.suffix or ""}]
    if h.start is not None and h.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    item: dict[str, Any] = {
        "id": f"{base_url}/api/v1/highlights/{h.id}",
        "type": "Annotation",
        "motivation": "commenting" if h.note else "highlighting",
        "created": _iso(h.created_at),
        "modified": _iso(h.updated_at),
        "target": {"source": page.url, "selector": selectors},
    }
    if body:
        item["body"] = body
    return item


def export_w3c(session: Session, user: User, base_url: str) -> Iterator[bytes]:
    """An AnnotationCollection whose first (and only) AnnotationPage embeds every annotation."""
    total = session.scalar(select(Highlight.id).where(Highlight.user_id == user.id).limit(1))
    collection_id = f"{base_url}/api/v1/export?format=w3c"
    head = {"@context": ANNO_CONTEXT, "id": collection_id, "type": "AnnotationCollection",
            "label": f"Highlights of {user.username} in Gloss"}
    yield json.dumps(head, ensure_ascii=False)[:-1].encode()
    if total is None:
        yield b', "total": 0}\n'
        return
    yield (', "first": {"id": ' + json.dumps(collection_id + "&page=0") +
           ', "type": "AnnotationPage", "startIndex": 0, "items": [').encode()
    n = 0
    for page in iter_pages(session, user, with_content=False):
        for h in page.highlights:
            yield (b",\n" if n else b"\n") + json.dumps(annotation(h, page, base_url), ensure_ascii=False).encode()
            n += 1
    yield ('\n]}, "total": ' + str(n) + "}\n").encode()


# ---- markdown zip -----------------------------------------------------------------

def _yaml(value) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False)


def note_filename(page: Page, used: set[str]) -> str:
    title = unicodedata.normalize("NFC", page.title or page.url)
    name = re.sub(r'[\\/:*?"<>|#^\[\]\x00-\x1f]+', " ", title)
    name = " ".join(name.split()).strip(". ")[:MAX_FILENAME_STEM] or f"page {page.id}"
    candidate = f"{name}.md"
    if candidate.casefold() in used:
        candidate = f"{name} ({page.id}).md"
    used.add(candidate.casefold())
    return candidate


def _tag_word(name: str) -> str:
    return "#" + re.sub(r"[^\w/-]+", "-", name).strip("-")


def _highlight_lines(h: Highlight, page: Page) -> list[str]:
    quote = h.quote.replace("\r", "").split("\n")
    lines = ["> " + line if line else ">" for line in quote]
    if h.status == ORPHANED:
        lines += [">", f"> *({status_note(h, page)})*"]
    lines.append("")
    if h.note:
        lines += [h.note, ""]
    if h.tags:
        lines += [" ".join(_tag_word(t.name) for t in h.tags), ""]
    return lines


def page_markdown(page: Page) -> str:
    """One page's note: front matter, the article as Markdown with its highlights marked
    in place (`==…==`, notes as footnotes), then the list of highlights."""
    lines = ["---"]
    front = {"title": page.title or page.url, "url": page.url, "author": page.author,
             "site": page.site_name, "published": page.published, "saved": _iso(page.saved_at)}
    lines += [f"{key}: {_yaml(value)}" for key, value in front.items() if value is not None]
    lines.append("tags: [" + ", ".join(_yaml(t.name) for t in page.tags) + "]")
    lines += ["---", "", f"# {page.title or page.url}", "", f"[Original]({page.url})", ""]
    if exported_state(page) == LINK:
        lines += ["*Saved as a link: the article was not saved yet.*", ""]
    if page.fetch_error:
        lines += [f"*The last fetch failed: {page.fetch_error}*", ""]
    footnotes: list[str] = []
    if exported_state(page) == ARTICLE and page.html:
        passages = [Passage(h.id, h.start, h.end, h.note or "") for h in page.highlights
                    if h.status == ANCHORED and h.start is not None and h.end is not None]
        article = article_markdown(page.html, page.text, passages)
        lines += ["## Article", "", article.body, ""]
        footnotes = article.footnotes
    if page.highlights:
        lines += ["## Highlights", ""]
    for h in page.highlights:
        lines += _highlight_lines(h, page)
    if footnotes:
        lines += footnotes + [""]
    return "\n".join(lines)


NOTE_MODE = 0o100644  # a regular file, readable by all: what unzip gives the notes


class _Chunks(io.RawIOBase):
    """A write-only stream whose written bytes are collected until taken."""

    def __init__(self):
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self._parts.append(bytes(b))
        return len(b)

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts = []
        return out


def export_markdown(session: Session, user: User) -> Iterator[bytes]:
    """A zip written entry by entry: each note is sent as soon as it is compressed.
    (The stream cannot seek, so zipfile writes data descriptors after each entry.)"""
    sink = _Chunks()
    used: set[str] = set()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for page in iter_pages(session, user):
            entry = zipfile.ZipInfo(note_filename(page, used), date_time=(page.updated_at or utcnow()).timetuple()[:6])
            entry.external_attr = NOTE_MODE << 16
            archive.writestr(entry, page_markdown(page), compress_type=zipfile.ZIP_DEFLATED)
            chunk = sink.take()
            if chunk:
                yield chunk
    yield sink.take()


def export(session: Session, user: User, fmt: str, *, base_url: str) -> Iterator[bytes]:
    if fmt == "json":
        return export_json(session, user)
    if fmt == "csv":
        return export_csv(session, user)
    if fmt == "w3c":
        return export_w3c(session, user, base_url)
    return export_markdown(session, user)

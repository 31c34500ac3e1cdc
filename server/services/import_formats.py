"""Other services' exports, read into neutral `ImportedItem`s:

- Omnivore: the zip of `metadata_*.json` (one record per saved page),
  `content/<slug>.html` (the article) and `highlights/<slug>.md`; or a bare
  metadata JSON file.
- Hypothesis: the JSON export (`{"annotations": [...]}`) or a list of annotations.
- Pocket: `ril_export.html` (the bookmark file), or the CSV export
  (`title,url,time_added,tags,status`, possibly zipped in parts).

Hypothesis and Pocket carry no article text: their pages become links until
the user saves them from the browser.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import IO

from ..states import READ_AT_PROGRESS


class ImportFormatError(ValueError):
    pass


# Archive members are inflated in pieces of this size, and never past their cap: a zip's
# declared sizes are the sender's word, and a small zip can inflate to gigabytes.
INFLATE_CHUNK = 64 * 1024


class MemberTooLarge(ImportFormatError):
    pass


def read_member(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """The member's content, refused as soon as it would pass `cap` bytes inflated."""
    info = archive.getinfo(name)
    too_large = MemberTooLarge(f"{name} inflates to more than {cap / 1048576:g} MiB")
    if info.file_size > cap:
        raise too_large
    out = bytearray()
    try:
        with archive.open(info) as member:
            while chunk := member.read(min(INFLATE_CHUNK, cap + 1 - len(out))):
                out += chunk
                if len(out) > cap:
                    raise too_large
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ImportFormatError(f"In the zip, {name} is damaged ({exc}).") from exc
    return bytes(out)


@dataclass
class ImportedHighlight:
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    color: str | None = None
    tags: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class ImportedItem:
    url: str
    title: str | None = None
    html: str | None = None  # the article page, when the export has it
    tags: list[str] = field(default_factory=list)
    saved_at: datetime | None = None
    read: bool = False
    progress: float | None = None  # 0..1
    highlights: list[ImportedHighlight] = field(default_factory=list)


def parse_time(value) -> datetime | None:
    """ISO 8601 strings and Unix seconds, as UTC; None when absent or unreadable."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
            return datetime.fromtimestamp(int(value), tz=timezone.utc)
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


# ---- Omnivore ---------------------------------------------------------------------

_OMNIVORE_BACKLINK = re.compile(r"\s*\[[^\]]*\]\((?:https?://omnivore\.app|/me/)[^)]*\)\s*$")


def omnivore_highlights(markdown: str) -> list[ImportedHighlight]:
    """`> quote [link]` blocks, each followed by its note, as Omnivore wrote them."""
    out: list[ImportedHighlight] = []
    quote: list[str] = []
    note: list[str] = []

    def close():
        if quote:
            text = _OMNIVORE_BACKLINK.sub("", "\n".join(quote)).strip()
            if text:
                out.append(ImportedHighlight(quote=text, note="\n".join(note).strip()))
        quote.clear()
        note.clear()

    for line in markdown.splitlines():
        if line.startswith(">"):
            if note:
                close()
            quote.append(line[1:].lstrip())
        elif quote:
            note.append(line)
    close()
    return out


def _omnivore_item(record: dict, html: str | None, highlights_md: str | None) -> ImportedItem | None:
    url = _text(record.get("url"))
    if not url:
        return None
    labels = record.get("labels") or []
    tags = [lbl if isinstance(lbl, str) else _text(lbl.get("name")) for lbl in labels
            if isinstance(lbl, (str, dict))]
    progress = record.get("readingProgress")
    progress = float(progress) / 100 if isinstance(progress, (int, float)) else None
    return ImportedItem(
        url=url, title=_text(record.get("title")) or None, html=html, tags=[t for t in tags if t],
        saved_at=parse_time(record.get("savedAt")),
        read=record.get("state") == "Archived" or (progress or 0) >= READ_AT_PROGRESS,
        progress=max(0.0, min(progress, 1.0)) if progress is not None else None,
        highlights=omnivore_highlights(highlights_md) if highlights_md else [])


def read_omnivore_zip(archive: zipfile.ZipFile, cap: int, skipped: list[str]) -> Iterator[ImportedItem]:
    """`cap`: the most any member may inflate to; a page's content past it is left out
    (the page imported as a link, and said so in `skipped`)."""
    names = set(archive.namelist())
    metadata = sorted(n for n in names if re.search(r"(^|/)metadata_[^/]*\.json$", n))
    if not metadata:
        raise ImportFormatError("This zip has no metadata_*.json file, so it is not an Omnivore export.")
    root = metadata[0].rsplit("/", 1)[0] + "/" if "/" in metadata[0] else ""

    def member(path: str) -> str | None:
        if path not in names:
            return None
        try:
            return read_member(archive, path, cap).decode("utf-8", "replace")
        except MemberTooLarge as exc:
            skipped.append(f"{exc}: left out")
            return None

    for name in metadata:
        try:
            records = json.loads(read_member(archive, name, cap))
        except ValueError as exc:
            raise ImportFormatError(f"In the zip, {name} is not valid JSON ({exc}).") from exc
        if not isinstance(records, list):
            raise ImportFormatError(f"In the zip, {name} should hold a list of saved pages and does not.")
        for record in records:
            if not isinstance(record, dict):
                continue
            slug = _text(record.get("slug"))
            item = _omnivore_item(record, member(f"{root}content/{slug}.html") if slug else None,
                                  member(f"{root}highlights/{slug}.md") if slug else None)
            if item:
                yield item


def read_omnivore_json(records: list) -> Iterator[ImportedItem]:
    for record in records:
        if isinstance(record, dict):
            item = _omnivore_item(record, None, None)
            if item:
                yield item


# ---- Hypothesis -------------------------------------------------------------------

def _quote_selector(annotation: dict) -> dict | None:
    for target in annotation.get("target") or []:
        if not isinstance(target, dict):
            continue
        for selector in target.get("selector") or []:
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector" \
                    and _text(selector.get("exact")).strip():
                return selector
    return None


def read_hypothesis(annotations: list, skipped: list[str]) -> Iterator[ImportedItem]:
    """One link page per annotated URL, each annotation an orphaned highlight."""
    by_url: dict[str, ImportedItem] = {}
    for a in annotations:
        if not isinstance(a, dict):
            continue
        uri = _text(a.get("uri"))
        selector = _quote_selector(a)
        if a.get("references"):
            skipped.append(f"reply {a.get('id')} on {uri}: replies have no passage")
            continue
        if not uri.startswith(("http://", "https://")):
            skipped.append(f"annotation {a.get('id')}: {uri or 'no URL'} is not a web page")
            continue
        if selector is None:
            skipped.append(f"annotation {a.get('id')} on {uri}: a page note without a quoted passage")
            continue
        item = by_url.get(uri)
        if item is None:
            title = (a.get("document") or {}).get("title") if isinstance(a.get("document"), dict) else None
            title = title[0] if isinstance(title, list) and title else title
            item = by_url[uri] = ImportedItem(url=uri, title=_text(title) or None)
        created = parse_time(a.get("created"))
        item.saved_at = min(filter(None, [item.saved_at, created]), default=None)
        item.highlights.append(ImportedHighlight(
            quote=_text(selector.get("exact")), prefix=_text(selector.get("prefix")),
            suffix=_text(selector.get("suffix")), note=_text(a.get("text")),
            tags=[t for t in a.get("tags") or [] if isinstance(t, str) and t.strip()],
            created_at=created, updated_at=parse_time(a.get("updated"))))
    yield from by_url.values()


# ---- Pocket -----------------------------------------------------------------------

class _PocketBookmarks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[ImportedItem] = []
        self._section = ""
        self._in_heading = False
        self._link: dict | None = None
        self._title: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2"):
            self._in_heading, self._section = True, ""
        elif tag == "a":
            self._link, self._title = dict(attrs), []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2"):
            self._in_heading = False
        elif tag == "a" and self._link is not None:
            href = self._link.get("href") or ""
            if href.startswith(("http://", "https://")):
                tags = [t.strip() for t in (self._link.get("tags") or "").split(",") if t.strip()]
                self.items.append(ImportedItem(
                    url=href, title=" ".join("".join(self._title).split()) or None, tags=tags,
                    saved_at=parse_time(self._link.get("time_added")),
                    read="archive" in self._section.lower() or self._section.strip().lower() == "read"))
            self._link = None

    def handle_data(self, data):
        if self._in_heading:
            self._section += data
        elif self._link is not None:
            self._title.append(data)


def read_pocket_html(html: str) -> Iterator[ImportedItem]:
    parser = _PocketBookmarks()
    parser.feed(html)
    parser.close()
    if not parser.items:
        raise ImportFormatError("This HTML file holds no links, so it is not a Pocket export.")
    yield from parser.items


def read_pocket_csv(text: str) -> Iterator[ImportedItem]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "url" not in reader.fieldnames:
        raise ImportFormatError("This CSV file has no 'url' column, so it is not a Pocket export.")
    for row in reader:
        url = (row.get("url") or "").strip()
        if not url.startswith(("http://", "https://")):
            continue
        yield ImportedItem(
            url=url, title=(row.get("title") or "").strip() or None,
            tags=[t.strip() for t in (row.get("tags") or "").split("|") if t.strip()],
            saved_at=parse_time(row.get("time_added")),
            read=(row.get("status") or "").strip().lower() in ("archive", "read"))


def read_pocket_zip(archive: zipfile.ZipFile, cap: int) -> Iterator[ImportedItem]:
    parts = sorted(n for n in archive.namelist() if n.lower().endswith(".csv"))
    for name in parts:
        yield from read_pocket_csv(read_member(archive, name, cap).decode("utf-8-sig", "replace"))


# ---- which one is it --------------------------------------------------------------

def sniff(head: bytes) -> str:
    """The export's kind from its first bytes: gloss, hypothesis, omnivore, pocket or zip."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    text = head.decode("utf-8-sig", "replace").lstrip()
    if text.startswith("{"):
        if '"gloss-export"' in text:
            return "gloss"
        if '"annotations"' in text or '"export_userid"' in text:
            return "hypothesis"
        raise ImportFormatError("This JSON file is neither a Gloss nor a Hypothesis export.")
    if text.startswith("["):
        if '"slug"' in text or '"savedAt"' in text:
            return "omnivore"
        if '"uri"' in text or '"target"' in text:
            return "hypothesis"
        raise ImportFormatError("This JSON file is neither an Omnivore nor a Hypothesis export.")
    if text.startswith("<"):
        return "pocket"
    first_line = text.split("\n", 1)[0].lower()
    if "url" in first_line and "," in first_line:
        return "pocket-csv"
    raise ImportFormatError("This is not a file Gloss can import: it takes a Gloss JSON export, "
                            "or an Omnivore, Hypothesis or Pocket export.")


def zip_family(archive: zipfile.ZipFile) -> str:
    """Whose export a zip is, from the names of its members: omnivore or pocket."""
    names = archive.namelist()
    if any(re.search(r"(^|/)metadata_[^/]*\.json$", n) for n in names):
        return "omnivore"
    if any(n.lower().endswith(".csv") for n in names):
        return "pocket"
    raise ImportFormatError("This zip file is neither an Omnivore nor a Pocket export.")


def read_third_party(kind: str, stream: IO[bytes], skipped: list[str], max_member_bytes: int) -> Iterator[ImportedItem]:
    """The items of another tool's export; no archive member inflates past `max_member_bytes`."""
    if kind == "zip":
        try:
            archive = zipfile.ZipFile(stream)
        except zipfile.BadZipFile as exc:
            raise ImportFormatError(f"This zip file is damaged ({exc}).") from exc
        if zip_family(archive) == "omnivore":
            return read_omnivore_zip(archive, max_member_bytes, skipped)
        return read_pocket_zip(archive, max_member_bytes)
    raw = stream.read()
    if kind in ("omnivore", "hypothesis"):
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ImportFormatError(f"This file is not valid JSON ({exc}).") from exc
        if kind == "omnivore":
            return read_omnivore_json(data)
        annotations = data.get("annotations") if isinstance(data, dict) else data
        if not isinstance(annotations, list):
            raise ImportFormatError("This looks like a Hypothesis export, but it holds no list of annotations.")
        return read_hypothesis(annotations, skipped)
    text = raw.decode("utf-8-sig", "replace")
    return read_pocket_html(text) if kind == "pocket" else read_pocket_csv(text)

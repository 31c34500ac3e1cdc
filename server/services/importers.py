"""Imports into a user's library: Gloss's own JSON export (lossless restore),
and Omnivore, Hypothesis and Pocket exports.

`start_import` reads the whole file in the caller's transaction: a file that
cannot be read (or a Gloss export with a page that does not fit) is an
ImportFailed before anything is committed. Its items are then imported by
background jobs that workers share (`import_unit`, one item at a time, each in a
savepoint, so one bad item is skipped and named in the report instead of
spoiling the rest).

Pages from Omnivore go through the normal save path (extraction, versions).
Pages without their article (Hypothesis, Pocket, Omnivore items without
content) become links (state "link", no text) whose highlights stay orphaned,
quote and context kept, until the user saves the page from the browser and
the save re-anchors them.
"""
from __future__ import annotations

import contextlib
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import anchoring, limits
from ..errors import GlossError, NoArticleFound, TooLarge, ValidationFailed
from ..models import Highlight, Job, Page, User, utcnow
from ..sanitize import SANITIZER_VERSION, sanitize_reader_html
from ..states import ANCHORED, ARTICLE, FETCHING, LINK, ORPHANED, PAGE_STATES
from . import jobs as job_service
from . import pages as page_service
from . import review as review_service
from . import search
from .import_formats import (ImportedHighlight, ImportedItem, ImportFormatError, parse_time, read_third_party, sniff,
                             zip_family)
from .export import FORMAT_VERSION as EXPORT_VERSION
from .jsonstream import JSONObjectReader, JSONStreamError
from .tags import get_or_create_tags
from .urls import normalize_url

FORMATS = ("gloss", "omnivore", "hypothesis", "pocket")
MAX_REPORTED = 200


class ImportFailed(ValidationFailed):
    message = "The file could not be imported."


@dataclass
class ImportReport:
    format: str = ""
    pages_created: int = 0
    pages_updated: int = 0
    highlights_created: int = 0
    highlights_orphaned: int = 0  # all that did not anchor: those waiting for their page's article too
    highlights_waiting: int = 0  # on pages without their article yet (imported as links)
    skipped: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        if len(self.skipped) < MAX_REPORTED:
            self.skipped.append(reason)

    def as_dict(self) -> dict:
        return {"format": self.format, "pages_created": self.pages_created,
                "pages_updated": self.pages_updated, "highlights_created": self.highlights_created,
                "highlights_orphaned": self.highlights_orphaned, "highlights_waiting": self.highlights_waiting,
                "skipped": self.skipped}


IMPORT_JOB, IMPORT_ITEMS_JOB = "import", "import_items"


def start_import(session: Session, user: User, stream: IO[bytes], *, max_page_bytes: int,
                 fmt: str | None = None) -> Job:
    """Reads the whole file now (a file that cannot be read is an ImportFailed and nothing
    is imported) and queues its items as jobs that workers share. Answers the import's
    job, whose result is the ImportReport's fields. Does not commit."""
    head = stream.read(4096)
    stream.seek(0)
    try:
        kind = sniff(head)
    except ImportFormatError as exc:
        raise ImportFailed(str(exc)) from exc
    family = _family(kind)
    if kind == "zip":
        with contextlib.suppress(ImportFormatError, zipfile.BadZipFile):  # reading it says what is wrong
            family = zip_family(zipfile.ZipFile(stream))
        stream.seek(0)
    if fmt and fmt != family and family in EXPORT_NAMES:
        raise ImportFailed(f"This looks like {EXPORT_NAMES[family]} export, not {EXPORT_NAMES[fmt]} one.")
    skipped: list[str] = []
    try:
        if kind == "gloss":
            units = _read_gloss_units(session, user, stream, max_page_bytes)
        else:
            units = [_item_unit(item) for item in read_third_party(kind, stream, skipped, max_page_bytes)]
    except (ImportFormatError, JSONStreamError) as exc:
        raise ImportFailed(str(exc)) from exc
    report = ImportReport(format=family)
    for reason in skipped:
        report.skip(reason)
    return job_service.create_chunked(session, user.id, IMPORT_JOB, IMPORT_ITEMS_JOB, units,
                                      result=report.as_dict())


def import_unit(session: Session, user: User, unit: dict, *, max_page_bytes: int) -> dict:
    """Imports one item that start_import queued, in a savepoint of its own; answers what
    it added as ImportReport counts (merged by the job)."""
    report = ImportReport()
    if unit["kind"] == "gloss":
        try:
            with session.begin_nested():
                _restore_page(session, user, unit["record"], report, max_page_bytes)
        except GlossError as exc:
            report.skip(f"{str(unit['record'].get('url'))[:200]}: {exc.message}")
    else:
        _import_item(session, user, _unit_item(unit), report, max_page_bytes)
    counts = report.as_dict()
    del counts["format"]
    return counts


def _read_gloss_units(session: Session, user: User, stream: IO[bytes], max_page_bytes: int) -> list[dict]:
    """The pages of a Gloss export, each checked now so a bad file imports nothing."""
    seen_format = False
    units = []
    for key, value in JSONObjectReader(stream).members(streamed="pages"):
        if key == "format":
            seen_format = value == "gloss-export"
        elif key == "version" and isinstance(value, int) and value > EXPORT_VERSION:
            raise ImportFailed(f"This export is version {value}; this server reads versions 1 to "
                               f"{EXPORT_VERSION}.")
        elif key == "pages":
            if not seen_format:
                raise ImportFailed("Not a Gloss export: 'format' must come first.")
            if not isinstance(value, dict):
                raise ImportFailed("Each page must be a JSON object.")
            _check_gloss_page(value, max_page_bytes)
            units.append({"kind": "gloss", "record": value})
        elif key == "tags" and isinstance(value, list):
            names = [t for t in value if isinstance(t, str)]
            # The library's list of tags: as many as the user has, each within the tag limit.
            _within_limits("tags", next((limits.tag_problem([n]) for n in names if limits.tag_problem([n])), None))
            get_or_create_tags(session, user, names)
    if not seen_format:
        raise ImportFailed("Not a Gloss export.")
    return units


def _check_gloss_page(rec: dict, max_page_bytes: int) -> None:
    """Raises ImportFailed for what _restore_page would refuse (types and the API's limits)."""
    where = f"page {rec.get('id', '?')}"
    url = _field(rec, "url", str, where, required=True)
    _within_limits(where, limits.url_problem(url))
    canonical_given = _field(rec, "canonical_url", str, where)
    _within_limits(where, canonical_given and limits.url_problem(canonical_given))
    state = _field(rec, "state", str, where, default=ARTICLE)
    if state not in PAGE_STATES:
        raise ImportFailed(f"{where}: 'state' must be 'article' or 'link'.")
    for key in ("author", "site_name", "image", "excerpt", "notice", "fetch_error"):
        _field(rec, key, str, where)
    _bounded(rec, "title", where, limits.MAX_TITLE)
    _bounded(rec, "published", where, limits.MAX_PUBLISHED)
    _bounded(rec, "language", where, limits.MAX_LANGUAGE)
    for key in ("text", "html"):
        value = _field(rec, key, str, where, default="")
        _within_limits(where, f"'{key}' is larger than the {max_page_bytes / 1048576:g} MiB page limit"
                       if len(value.encode("utf-8", "surrogatepass")) > max_page_bytes else None)
    for key in ("word_count", "reading_minutes"):
        _field(rec, key, int, where)
    _within_limits(where, limits.progress_problem(float(_field(rec, "progress", (int, float), where, default=0.0))))
    for key in ("read_at", "starred_at", "saved_at", "updated_at"):
        _moment(rec, key, where)
    _names(rec, where)
    for n, h in enumerate(_field(rec, "highlights", list, where, default=[])):
        if not isinstance(h, dict):
            raise ImportFailed(f"{where}: highlight {n} must be a JSON object.")
        hwhere = f"{where}, highlight {h.get('id', n)}"
        quote = _field(h, "quote", str, hwhere, required=True)
        prefix = _field(h, "prefix", str, hwhere, default="")
        suffix = _field(h, "suffix", str, hwhere, default="")
        note = _field(h, "note", str, hwhere, default="")
        color = _field(h, "color", str, hwhere, default=limits.DEFAULT_COLOR)
        _field(h, "status", str, hwhere)
        _within_limits(hwhere, limits.text_problem("highlighted", _field(h, "highlighted", str, hwhere),
                                                   limits.MAX_QUOTE))
        for key in ("start", "end"):
            _field(h, key, int, hwhere)
        for key in ("created_at", "updated_at"):
            _moment(h, key, hwhere)
        _within_limits(hwhere, _highlight_problem(quote, prefix, suffix, note, _names(h, hwhere)),
                       None if color in limits.COLORS else f"'color' must be one of {', '.join(limits.COLORS)}")
        _review_record(h, hwhere)


def _item_unit(item: ImportedItem) -> dict:
    """An ImportedItem as JSON, for a job's payload."""
    unit = asdict(item)
    unit["kind"] = "item"
    unit["saved_at"] = _iso(item.saved_at)
    for h in unit["highlights"]:
        h["created_at"], h["updated_at"] = _iso(h["created_at"]), _iso(h["updated_at"])
    return unit


def _unit_item(unit: dict) -> ImportedItem:
    fields = {k: v for k, v in unit.items() if k != "kind"}
    fields["saved_at"] = parse_time(fields.get("saved_at"))
    fields["highlights"] = [ImportedHighlight(**dict(h, created_at=parse_time(h.get("created_at")),
                                                     updated_at=parse_time(h.get("updated_at"))))
                            for h in fields.get("highlights", [])]
    return ImportedItem(**fields)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


EXPORT_NAMES = {"gloss": "a Gloss", "omnivore": "an Omnivore", "hypothesis": "a Hypothesis", "pocket": "a Pocket"}


EXPORT_TITLES = {"gloss": "Gloss", "omnivore": "Omnivore", "hypothesis": "Hypothesis", "pocket": "Pocket"}


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def import_summary(result: dict | None, into: str | None = None) -> str:
    """What an import brought, in one sentence: what the command line prints and the web
    UI's job page shows (`into`: whose library, when it is worth saying)."""
    result = result or {}
    kind = EXPORT_TITLES.get(str(result.get("format")))
    waiting = result.get("highlights_waiting", 0)
    lost = result.get("highlights_orphaned", 0) - waiting
    where = f" into {into}'s library" if into else ""
    what = f"{'an' if kind == 'Omnivore' else 'a'} {kind} export" if kind else "an export"
    sentence = (f"Imported {what}{where}: "
                f"{_counted(result.get('pages_created', 0), 'page', 'pages')} added, "
                f"{result.get('pages_updated', 0)} updated, "
                f"{_counted(result.get('highlights_created', 0), 'highlight', 'highlights')}")
    notes = [f"{waiting} waiting for their page's article"] if waiting else []
    notes += [f"{lost} not found in their article"] if lost > 0 else []
    if notes:
        sentence += f" ({', '.join(notes)})"
    skipped = result.get("skipped") or []
    if skipped:
        sentence += f"; {_counted(len(skipped), 'item', 'items')} left out"
    return sentence + "."


def _family(kind: str) -> str:
    return {"zip": "omnivore or pocket", "pocket-csv": "pocket"}.get(kind, kind)


# ---- shared steps -----------------------------------------------------------------

def _color(value) -> str:
    """Another tool's colour, as one of Gloss's (the default colour when it has no match)."""
    return value if value in limits.COLORS else limits.DEFAULT_COLOR


def _within_limits(where: str, *problems: str | None) -> None:
    """Imports store nothing the API would refuse: the first problem fails the item."""
    for problem in problems:
        if problem:
            raise ImportFailed(f"{where}: {problem}.")


def _check_item(item: ImportedItem) -> None:
    where = item.url[:200]
    _within_limits(where, limits.url_problem(item.url),
                   limits.text_problem("title", item.title, limits.MAX_TITLE),
                   limits.tag_problem(item.tags), limits.progress_problem(item.progress))
    for h in item.highlights:
        _within_limits(f"{where}, highlight", _highlight_problem(h.quote, h.prefix, h.suffix, h.note, h.tags))


def _highlight_problem(quote: str, prefix: str, suffix: str, note: str | None, tags: list[str]) -> str | None:
    if not quote:
        return "'quote' is empty"
    return (limits.text_problem("quote", quote, limits.MAX_QUOTE)
            or limits.text_problem("prefix", prefix, limits.MAX_CONTEXT)
            or limits.text_problem("suffix", suffix, limits.MAX_CONTEXT)
            or limits.text_problem("note", note, limits.MAX_NOTE)
            or limits.tag_problem(tags))


def _page_for_url(session: Session, user: User, url: str) -> Page | None:
    norm = normalize_url(url)
    return session.scalar(select(Page).where(Page.user_id == user.id,
                                             (Page.canonical_url == norm) | (Page.url == norm))
                          .options(selectinload(Page.highlights)).limit(1))


def _new_link_page(session: Session, user: User, url: str, title: str | None,
                   saved_at: datetime | None) -> Page:
    norm = normalize_url(url)
    page = Page(user_id=user.id, url=norm, canonical_url=norm, state=LINK, title=title or norm,
                text="", html="", saved_at=saved_at or utcnow(), updated_at=utcnow())
    session.add(page)
    session.flush()
    return page


def _add_highlight(session: Session, user: User, page: Page, wanted: ImportedHighlight,
                   report: ImportReport) -> None:
    """Anchored when the page's text has the passage, else orphaned (quote and context kept)."""
    if any(h.quote == wanted.quote and h.prefix == wanted.prefix for h in page.highlights):
        return  # imported before
    place = anchoring.locate(page.text, wanted.quote, wanted.prefix, wanted.suffix) \
        if page.state == ARTICLE and page.text else None
    h = Highlight(user_id=user.id, page_id=page.id, quote=wanted.quote, prefix=wanted.prefix,
                  suffix=wanted.suffix, note=wanted.note or "",
                  color=_color(wanted.color),
                  created_at=wanted.created_at or utcnow(),
                  updated_at=wanted.updated_at or wanted.created_at or utcnow())
    if place is None:
        h.status, h.start, h.end = ORPHANED, None, None
        report.highlights_orphaned += 1
        report.highlights_waiting += page.awaits_article
    else:
        sel = anchoring.describe(page.text, *place)
        h.quote, h.prefix, h.suffix, h.start, h.end, h.status = sel.exact, sel.prefix, sel.suffix, \
            place[0], place[1], ANCHORED
    h.tags = get_or_create_tags(session, user, wanted.tags)
    page.highlights.append(h)
    report.highlights_created += 1


def _import_item(session: Session, user: User, item: ImportedItem, report: ImportReport,
                 max_page_bytes: int) -> None:
    if not item.url.startswith(("http://", "https://")):
        report.skip(f"{item.url[:200]}: not a web address")
        return
    try:
        _check_item(item)
        with session.begin_nested():
            _import_item_now(session, user, item, report, max_page_bytes)
    except GlossError as exc:
        report.skip(f"{item.url[:200]}: {exc.message}")


def _import_item_now(session: Session, user: User, item: ImportedItem, report: ImportReport,
                     max_page_bytes: int) -> None:
    page = _page_for_url(session, user, item.url)
    created = page is None
    if item.html:
        try:
            with session.begin_nested():
                result = page_service.save_page(session, user, item.url, item.html, item.title,
                                                max_bytes=max_page_bytes, keep_saved_at=True)
            page, created = result.page, result.created or created
        except (NoArticleFound, TooLarge) as exc:
            report.skip(f"{item.url[:200]}: article not kept ({exc.message}); imported as a link")
    if page is None:
        page = _new_link_page(session, user, item.url, item.title, item.saved_at)
    if created and item.saved_at:
        page.saved_at = item.saved_at
    if item.read and page.read_at is None:
        page.read_at = item.saved_at or utcnow()
    if item.progress is not None and page.progress == 0:
        page.progress = item.progress
    if item.tags:
        page.tags = list(dict.fromkeys(page.tags + get_or_create_tags(session, user, item.tags)))
    for wanted in item.highlights:
        _add_highlight(session, user, page, wanted, report)
    page.highlight_count = len(page.highlights)
    session.flush()
    search.index_page(session, page)
    if created:
        report.pages_created += 1
    else:
        report.pages_updated += 1


# ---- Gloss JSON -------------------------------------------------------------------

def _field(record: dict, key: str, kind, where: str, *, required: bool = False, default=None):
    value = record.get(key, default)
    if value is None:
        if required:
            raise ImportFailed(f"{where}: '{key}' is missing.")
        return default
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ImportFailed(f"{where}: '{key}' has the wrong type.")
    return value


def _moment(record: dict, key: str, where: str, *, required: bool = False) -> datetime | None:
    raw = _field(record, key, str, where, required=required)
    if raw is None:
        return None
    moment = parse_time(raw)
    if moment is None:
        raise ImportFailed(f"{where}: '{key}' is not an ISO 8601 date-time.")
    return moment


def _names(record: dict, where: str) -> list[str]:
    names = _field(record, "tags", list, where, default=[])
    if not all(isinstance(n, str) for n in names):
        raise ImportFailed(f"{where}: tags must be strings.")
    _within_limits(where, limits.tag_problem(names))
    return names


def _bounded(record: dict, key: str, where: str, most: int) -> str | None:
    value = _field(record, key, str, where)
    _within_limits(where, limits.text_problem(key, value, most))
    return value


def _restore_page(session: Session, user: User, rec: dict, report: ImportReport, max_page_bytes: int) -> None:
    where = f"page {rec.get('id', '?')}"
    url = _field(rec, "url", str, where, required=True)
    _within_limits(where, limits.url_problem(url))
    canonical_given = _field(rec, "canonical_url", str, where)
    _within_limits(where, canonical_given and limits.url_problem(canonical_given))
    canonical = normalize_url(canonical_given or url)
    page = session.scalar(select(Page).where(Page.user_id == user.id, Page.canonical_url == canonical)
                          .options(selectinload(Page.highlights)))
    if page is None:
        state = _field(rec, "state", str, where, default=ARTICLE)
        if state == FETCHING:  # not written by Gloss's exports, but a page that was being fetched
            state = ARTICLE if _field(rec, "text", str, where) else LINK
        if state not in (ARTICLE, LINK):
            raise ImportFailed(f"{where}: 'state' must be 'article' or 'link'.")
        progress = float(_field(rec, "progress", (int, float), where, default=0.0))
        _within_limits(where, limits.progress_problem(progress))
        # The reader shows `html` as it is stored: a file's HTML is cleaned like an extracted article's.
        for key in ("text", "html"):  # a page is as large as the API lets a saved one be
            value = _field(rec, key, str, where, default="")
            _within_limits(where, f"'{key}' is larger than the {max_page_bytes / 1048576:g} MiB page limit"
                           if len(value.encode("utf-8", "surrogatepass")) > max_page_bytes else None)
        html = sanitize_reader_html(_field(rec, "html", str, where, default=""), url)
        page = Page(
            user_id=user.id, url=normalize_url(url), canonical_url=canonical, state=state,
            title=_bounded(rec, "title", where, limits.MAX_TITLE), author=_field(rec, "author", str, where),
            published=_bounded(rec, "published", where, limits.MAX_PUBLISHED),
            site_name=_field(rec, "site_name", str, where),
            language=_bounded(rec, "language", where, limits.MAX_LANGUAGE), image=_field(rec, "image", str, where),
            excerpt=_field(rec, "excerpt", str, where),
            word_count=_field(rec, "word_count", int, where, default=0),
            reading_minutes=_field(rec, "reading_minutes", int, where, default=0),
            text=_field(rec, "text", str, where, default=""), html=html, sanitizer_version=SANITIZER_VERSION,
            notice=_field(rec, "notice", str, where), fetch_error=_field(rec, "fetch_error", str, where),
            read_at=_moment(rec, "read_at", where), starred_at=_moment(rec, "starred_at", where),
            progress=progress,
            saved_at=_moment(rec, "saved_at", where) or utcnow(),
            updated_at=_moment(rec, "updated_at", where) or utcnow())
        session.add(page)
        session.flush()
        report.pages_created += 1
    else:
        report.pages_updated += 1
    page.tags = list(dict.fromkeys(page.tags + get_or_create_tags(session, user, _names(rec, where))))
    highlights = _field(rec, "highlights", list, where, default=[])
    for n, h in enumerate(highlights):
        if not isinstance(h, dict):
            raise ImportFailed(f"{where}: highlight {n} must be a JSON object.")
        _restore_highlight(session, user, page, h, f"{where}, highlight {h.get('id', n)}", report)
    page.highlight_count = len(page.highlights)
    session.flush()
    search.index_page(session, page)


def _restore_highlight(session: Session, user: User, page: Page, rec: dict, where: str,
                       report: ImportReport) -> None:
    quote = _field(rec, "quote", str, where, required=True)
    prefix = _field(rec, "prefix", str, where, default="")
    color = _field(rec, "color", str, where, default=limits.DEFAULT_COLOR)
    _within_limits(where, _highlight_problem(quote, prefix, _field(rec, "suffix", str, where, default=""),
                                             _field(rec, "note", str, where, default=""), _names(rec, where)),
                   None if color in limits.COLORS else f"'color' must be one of {', '.join(limits.COLORS)}")
    if any(h.quote == quote and h.prefix == prefix for h in page.highlights):
        return
    start, end = _field(rec, "start", int, where), _field(rec, "end", int, where)
    status = _field(rec, "status", str, where, default=ANCHORED)
    anchored = status == ANCHORED and start is not None and end is not None \
        and page.text[start:end] == quote and 0 <= start < end
    # The quote as first highlighted, when re-anchoring has changed `quote` since.
    highlighted = _field(rec, "highlighted", str, where)
    _within_limits(where, limits.text_problem("highlighted", highlighted, limits.MAX_QUOTE))
    created = _moment(rec, "created_at", where) or utcnow()
    h = Highlight(user_id=user.id, page_id=page.id, quote=quote, prefix=prefix, highlighted=highlighted,
                  suffix=_field(rec, "suffix", str, where, default=""),
                  start=start if anchored else None, end=end if anchored else None,
                  status=ANCHORED if anchored else ORPHANED,
                  note=_field(rec, "note", str, where, default=""),
                  color=color, created_at=created,
                  updated_at=_moment(rec, "updated_at", where) or created)
    if not anchored and status == ANCHORED and page.text:
        # The offsets do not fit this text (edited by hand?): find the passage again.
        place = anchoring.locate(page.text, quote, prefix, h.suffix, start, end)
        if place is not None:
            sel = anchoring.describe(page.text, *place)
            if h.highlighted is None and sel.exact != quote:
                h.highlighted = quote
            h.quote, h.prefix, h.suffix = sel.exact, sel.prefix, sel.suffix
            h.start, h.end, h.status = place[0], place[1], ANCHORED
    if h.status == ORPHANED:
        report.highlights_orphaned += 1
        report.highlights_waiting += page.awaits_article
    h.tags = get_or_create_tags(session, user, _names(rec, where))
    page.highlights.append(h)
    report.highlights_created += 1
    card = _review_record(rec, where)
    if card is not None:
        review_service.restore_card(session, h, card)


def _review_record(rec: dict, where: str) -> dict | None:
    """A highlight's `review` (export version 3), checked and with its moments parsed."""
    card = _field(rec, "review", dict, where)
    if card is None:
        return None
    where = f"{where}, review"
    state = _field(card, "state", str, where, default="new")
    if state not in review_service.STATE_VALUES:
        raise ImportFailed(f"{where}: 'state' must be one of {', '.join(review_service.STATE_VALUES)}.")
    out = {"state": state, "step": _field(card, "step", int, where),
           "reviews": _field(card, "reviews", int, where, default=0),
           "favourite": _field(card, "favourite", bool, where, default=False),
           "retired": _field(card, "retired", bool, where, default=False)}
    for key in ("stability", "difficulty"):
        value = _field(card, key, (int, float), where)
        if value is not None and not 0 < value < 1e6:
            raise ImportFailed(f"{where}: '{key}' is out of range.")
        out[key] = None if value is None else float(value)
    for key in ("due", "last_review", "first_review"):
        out[key] = _moment(card, key, where)
    if state != "new" and None in (out["due"], out["last_review"], out["stability"], out["difficulty"]):
        raise ImportFailed(f"{where}: a reviewed highlight needs 'due', 'last_review', 'stability' "
                           "and 'difficulty'.")
    if out["reviews"] < 0:
        raise ImportFailed(f"{where}: 'reviews' cannot be negative.")
    return out

"""Entries: list (paged HAL), save by link or with its HTML, read, change, delete, look
up by URL, and export one."""
from __future__ import annotations

import json
import math
from urllib.parse import urlencode

from flask import Response, current_app, g, jsonify, request
from markupsafe import escape

from ..book_downloads import book_response
from ..db import db_session
from ..downloads import MAX_FILENAME_STEM, attachment
from ..errors import BadRequest, NotFound
from ..models import Page, User
from ..sanitize import reader_html
from ..services import books
from ..services import export as export_service
from ..services import fetch as fetcher
from ..services import links as link_service
from ..services import pages as page_service
from ..services.urls import normalize_url
from .blueprint import bp
from .listing import DEFAULT_PER_PAGE, MAX_PER_PAGE, SORTS, EntryFilter, list_entries
from .mapping import entry_json, hashed
from .oauth import login_required
from .params import flag, params, since, tag_names, text, title, url, whole


def _route(rule: str, **options):
    """Wallabag answers each path also with a `.json` suffix."""
    def register(view):
        bp.add_url_rule(rule, view_func=view, **options)
        bp.add_url_rule(rule + ".json", endpoint=view.__name__ + "_json", view_func=view, **options)
        return view
    return register


def _entry(page: Page) -> Response:
    return jsonify(entry_json(page, g.user))


def _reload(page_id: int) -> Page:
    return page_service.get_page(db_session, g.user, page_id)


@_route("/api/entries", methods=["GET"])
@login_required
def list_entries_view():
    """The caller's entries, filtered, sorted and paged as Wallabag does."""
    p = params()
    sort = p.get("sort") or "created"
    if sort not in SORTS:
        raise BadRequest(f"'sort' is one of {', '.join(SORTS)}.")
    order = (p.get("order") or "desc").lower()
    if order not in ("asc", "desc"):
        raise BadRequest("'order' is asc or desc.")
    detail = p.get("detail") or "full"
    if detail not in ("full", "metadata"):
        raise BadRequest("'detail' is full or metadata.")
    page = whole("page", 1)
    per_page = min(whole("perPage", DEFAULT_PER_PAGE, minimum=0) or DEFAULT_PER_PAGE, MAX_PER_PAGE)
    f = EntryFilter(archive=flag("archive"), starred=flag("starred"), tags=tag_names(), since=since(),
                    domain=p.get("domain_name") or None)
    items, total = list_entries(db_session, g.user, f, sort=sort, ascending=order == "asc", page=page,
                                per_page=per_page, with_content=detail == "full")
    pages = max(1, math.ceil(total / per_page))
    return jsonify({"page": page, "limit": per_page, "pages": pages, "total": total,
                    "_links": _paging_links(page, pages, per_page),
                    "_embedded": {"items": [entry_json(e, g.user, full=detail == "full") for e in items]}})


def _paging_links(page: int, pages: int, per_page: int) -> dict:
    kept = [(k, v) for k, v in request.args.items(multi=True)
            if k not in ("page", "perPage", "access_token")]

    def href(number: int) -> dict:
        return {"href": request.base_url + "?" + urlencode(kept + [("page", number), ("perPage", per_page)])}

    links = {"self": href(page), "first": href(1), "last": href(pages)}
    if page < pages:
        links["next"] = href(page + 1)
    return links


@_route("/api/entries", methods=["POST"])
@login_required
def create_entry():
    """Saves a link (Gloss fetches it now, as Wallabag does), or, with `content`, the
    given HTML through the browser save's path; then its title, tags and flags."""
    link, content, name = url(), text("content", None), title()
    tags, archive, starred = tag_names(), flag("archive"), flag("starred")
    cfg = current_app.config
    if content:
        result = page_service.save_page(db_session, g.user, link, content, name, max_bytes=cfg["MAX_PAGE_BYTES"],
                                        max_tags=cfg["MAX_PAGE_TAGS"])
        page_id = result.page.id
        db_session.commit()
    else:
        # Wallabag answers with the fetched entry: the fetch happens here, not in a job.
        saved = link_service.save_link(db_session, g.user, link, queue=False)
        page_id = saved.page.id
        db_session.commit()
        if saved.marked:  # (a fetch already pending elsewhere is left to finish)
            link_service.fetch_link(db_session, page_id, fetcher.settings_from_config(cfg), final=True)
    return _entry(_apply_changes(page_id, name, tags, archive, starred))


def _apply_changes(page_id: int, name: str | None, tags: list[str] | None, archive: bool | None,
                   starred: bool | None) -> Page:
    """A title, added tags and the archived/starred flags; commits."""
    if name:
        page_service.set_title(db_session, g.user, page_id, name)
    if tags:
        page = _reload(page_id)
        page_service.set_page_tags(db_session, g.user, page_id, [t.name for t in page.tags] + tags)
    if archive is not None or starred is not None:
        page_service.mark_page(db_session, g.user, page_id, read=archive, starred=starred)
    db_session.commit()
    return _reload(page_id)


@_route("/api/entries/<int:entry_id>", methods=["GET"])
@login_required
def get_entry(entry_id: int):
    return _entry(_reload(entry_id))


@_route("/api/entries/<int:entry_id>", methods=["PATCH"])
@login_required
def update_entry(entry_id: int):
    """Changes the title, adds tags, archives (reads) or stars."""
    _reload(entry_id)  # 404 before reading anything else
    return _entry(_apply_changes(entry_id, title(), tag_names(), flag("archive"), flag("starred")))


@_route("/api/entries/<int:entry_id>", methods=["DELETE"])
@login_required
def delete_entry(entry_id: int):
    """Deletes the entry and answers it as it was (`expect=id`: only its id)."""
    gone = {"id": entry_id} if params().get("expect") == "id" else entry_json(_reload(entry_id), g.user)
    page_service.delete_page(db_session, g.user, entry_id)
    db_session.commit()
    return jsonify(gone)


@_route("/api/entries/exists", methods=["GET"])
@login_required
def entry_exists():
    """Whether URLs (or their SHA-1 hashes) are saved: true/false, or with `return_id`
    the entry's id or null. One `url`/`hashed_url` answers `{"exists": ...}`; the lists
    `urls[]`/`hashed_urls[]` answer an object keyed by what was asked."""
    p = params()
    return_id = bool(flag("return_id"))

    def answer(found: int | None):
        return found if return_id else found is not None

    many_urls = p.getlist("urls[]") or p.getlist("urls")
    many_hashes = p.getlist("hashed_urls[]") or p.getlist("hashed_urls")
    if many_urls or many_hashes:
        if len(many_urls) + len(many_hashes) > MAX_PER_PAGE:
            raise BadRequest(f"At most {MAX_PER_PAGE} URLs are looked up at once.")
        by_hash = _ids_by_hash(g.user) if many_hashes else {}
        out = {u: answer(_id_for_url(g.user, u)) for u in many_urls}
        out.update({h: answer(by_hash.get(h)) for h in many_hashes})
        return jsonify(out)
    if p.get("url"):
        return jsonify(exists=answer(_id_for_url(g.user, p["url"])))
    if p.get("hashed_url"):
        return jsonify(exists=answer(_ids_by_hash(g.user).get(str(p["hashed_url"]).lower())))
    raise BadRequest("Send url, urls[], hashed_url or hashed_urls[].")


def _id_for_url(user: User, value: str) -> int | None:
    try:
        normalize_url(value)
        return page_service.lookup_page(db_session, user, value).id
    except (NotFound, ValueError):
        return None


def _ids_by_hash(user: User) -> dict[str, int]:
    """SHA-1 of each URL the user's pages were saved under (as given and canonical)."""
    out: dict[str, int] = {}
    for page_id, given, canonical in db_session.execute(
            Page.__table__.select().with_only_columns(Page.id, Page.url, Page.canonical_url)
            .where(Page.user_id == user.id).order_by(Page.id.desc())):
        out[hashed(canonical)] = page_id
        out[hashed(given)] = page_id
    return out


EXPORTS = {"epub": "application/epub+zip", "html": "text/html; charset=utf-8",
           "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
           "csv": "text/csv; charset=utf-8", "json": "application/json"}


@bp.get("/api/entries/<int:entry_id>/export.<fmt>")
@login_required
def export_entry(entry_id: int, fmt: str):
    """One entry as an EPUB book (as Gloss makes them), HTML, text, Markdown (front matter,
    highlights, article), CSV (its highlights) or JSON (as in Gloss's own export)."""
    if fmt not in EXPORTS:
        raise NotFound(f"Gloss exports entries as {', '.join(EXPORTS)}.")
    page = _reload(entry_id)
    name = page.title or page.url
    filename = ("".join(ch for ch in name if ch.isalnum() or ch in " -_.,()")[:MAX_FILENAME_STEM].strip()
                or f"entry {page.id}")
    if fmt == "epub":
        return book_response([books.book_page(db_session, g.user, page.id)], title=None,
                             filename=f"{filename}.epub")
    if fmt == "html":
        body = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(name)}</title></head>'
                f"<body><h1>{escape(name)}</h1>\n{reader_html(page.html or '', page.sanitizer_version, page.url)}"
                "</body></html>\n")
    elif fmt == "txt":
        body = f"{name}\n\n{page.url}\n\n{page.text}\n"
    elif fmt == "md":
        body = export_service.page_markdown(page)
    elif fmt == "csv":
        body = export_service.page_csv(page)
    else:
        body = json.dumps(export_service.page_record(page), ensure_ascii=False)
    return Response(body, content_type=EXPORTS[fmt], headers={"Content-Disposition": attachment(f"{filename}.{fmt}")})

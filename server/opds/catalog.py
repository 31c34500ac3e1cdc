"""The catalog's feeds: /opds (navigation: unread, tags), /opds/unread and
/opds/tags/{tag} (acquisition: an entry per page, and one for all of them as a book),
and the EPUB downloads they link to."""
from __future__ import annotations

from flask import Response, g, request, url_for

from ..book_downloads import page_book, selection_book, selection_from
from ..db import db_session
from ..errors import NotFound
from ..models import utcnow
from ..schemas import BookQuerySchema
from ..services import books, opds
from ..services import tags as tag_service
from ..services.epub import MEDIA_TYPE
from ..services.epub_xhtml import language_tag, safe_url
from ..web.params import query_args
from .blueprint import bp
from .auth import reader_required


def _feed_response(body: bytes) -> Response:
    return Response(body, content_type=opds.FEED_TYPE, headers={"Cache-Control": "no-store"})


def _common_links(self_href: str, kind: str) -> list[opds.Link]:
    start = url_for("opds.root", _external=True)
    return [opds.Link("self", self_href, kind), opds.Link("start", start, opds.NAVIGATION),
            opds.Link("up", start, opds.NAVIGATION)]


@bp.get("")
@bp.get("/")
@reader_required
def root():
    now = utcnow()
    entries = [opds.Entry(id=url_for("opds.unread", _external=True), title="Unread", updated=now,
                          content="The pages you have not read yet, newest first.",
                          links=(opds.Link("subsection", url_for("opds.unread", _external=True),
                                           opds.ACQUISITION),))]
    for tag, page_count, _highlights in tag_service.tag_counts(db_session, g.user):
        if page_count:
            href = url_for("opds.tag", tag=tag.name, _external=True)
            entries.append(opds.Entry(id=href, title=f"Tag: {tag.name}", updated=now,
                                      content=f"{page_count} page{'' if page_count == 1 else 's'}",
                                      links=(opds.Link("subsection", href, opds.ACQUISITION),)))
    self_href = url_for("opds.root", _external=True)
    return _feed_response(opds.feed(id=self_href, title=f"Gloss: {g.user.username}",
                                    links=_common_links(self_href, opds.NAVIGATION), entries=entries))


@bp.get("/unread")
@reader_required
def unread():
    return _acquisition(books.Selection(unread=True), "Unread", "opds.unread", {})


@bp.get("/tags/<path:tag>")
@reader_required
def tag(tag: str):
    if tag_service.find_tag(db_session, g.user, tag) is None:
        raise NotFound("No such tag.")
    return _acquisition(books.Selection(tag=tag), f"Tag: {tag}", "opds.tag", {"tag": tag})


def _acquisition(selection: books.Selection, title: str, endpoint: str, values: dict):
    cursor = request.args.get("cursor") or None
    pages, next_cursor = books.catalog_pages(db_session, g.user, selection, cursor=cursor)
    self_href = url_for(endpoint, **values, cursor=cursor, _external=True)
    links = _common_links(self_href, opds.ACQUISITION)
    if next_cursor:
        links.append(opds.Link("next", url_for(endpoint, **values, cursor=next_cursor, _external=True),
                               opds.ACQUISITION))
    entries = []
    if pages and not cursor:
        book_href = url_for("opds.selection_epub", tag=selection.tag, unread=1 if selection.unread else None,
                            _external=True)
        entries.append(opds.Entry(id=book_href, title=f"{selection.title} (one book)", updated=utcnow(),
                                  content="These pages as one book, newest first.",
                                  links=(opds.Link(opds.ACQUIRE, book_href, MEDIA_TYPE),)))
    for page in pages:
        links_of_page = [opds.Link(opds.ACQUIRE, url_for("opds.page_epub", page_id=page.id, _external=True),
                                   MEDIA_TYPE)]
        original = safe_url(page.url)
        if original:
            links_of_page.append(opds.Link("alternate", original, "text/html", "The original"))
        entries.append(opds.Entry(
            id=url_for("web.reader", page_id=page.id, _external=True), title=page.title or page.url,
            updated=page.updated_at, authors=tuple(a for a in (page.author,) if a),
            language=language_tag(page.language), categories=tuple(t.name for t in page.tags),
            content=page.excerpt or page.site_name, links=tuple(links_of_page)))
    return _feed_response(opds.feed(id=url_for(endpoint, **values, _external=True), title=title,
                                    links=links, entries=entries))


@bp.get("/pages/<int:page_id>/book.epub")
@reader_required
def page_epub(page_id: int):
    return page_book(g.user, page_id)


@bp.get("/book.epub")
@reader_required
def selection_epub():
    return selection_book(g.user, selection_from(query_args(BookQuerySchema())))

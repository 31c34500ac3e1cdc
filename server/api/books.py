"""Books for e-readers: an EPUB of one page, or of a selection (a tag, the unread pages,
a search). The web UI and the OPDS catalog answer with the same `book_response`."""
from __future__ import annotations

import tempfile

from flask import current_app, g, request, send_file

from .. import openapi
from ..db import db_session
from ..downloads import attachment
from ..schemas import BookQuerySchema
from ..services import books
from ..services.epub import MEDIA_TYPE, write_epub
from ..services.epub_images import ImageLimits
from ..services.fetch import settings_from_config
from . import bp
from .auth import login_required

SPOOL_IN_MEMORY = 16 * 1024 * 1024


def selection_from(args: dict) -> books.Selection:
    return books.Selection(tag=args.get("tag") or None, q=args.get("q") or None, unread=bool(args.get("unread")))


def book_response(pages: list, *, title: str | None, filename: str):
    """The book as a download. The request's transaction ends first: fetching the images
    takes a while, and it holds nothing of the database."""
    db_session.commit()
    cfg = current_app.config
    limits = ImageLimits(max_image_bytes=cfg["MAX_BOOK_IMAGE_BYTES"], max_total_bytes=cfg["MAX_BOOK_IMAGES_BYTES"])
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (may outlive the view)
    try:
        write_epub(spool, pages, title=title, fetch_settings=settings_from_config(cfg), image_limits=limits)
        size = spool.tell()
        spool.seek(0)
        if size <= SPOOL_IN_MEMORY:  # still in memory: answered as bytes, the spool closed now
            body = spool.read()
            spool.close()
            response = current_app.response_class(body, mimetype=MEDIA_TYPE)
        else:  # a large book is sent from its temporary file, closed with the response
            response = send_file(spool, mimetype=MEDIA_TYPE)
            response.call_on_close(spool.close)
    except BaseException:
        spool.close()
        raise
    response.headers["Content-Disposition"] = attachment(filename)
    response.headers["Cache-Control"] = "no-store"
    return response


def page_book(user, page_id: int):
    page = books.book_page(db_session, user, page_id)
    return book_response([page], title=None, filename=f"gloss-page-{page.id}.epub")


def selection_book(user, selection: books.Selection):
    pages = books.book_pages(db_session, user, selection, max_pages=current_app.config["MAX_BOOK_PAGES"])
    return book_response(pages, title=selection.title, filename=selection.filename())


@bp.get("/pages/<int:page_id>/book.epub")
@login_required
def page_epub(page_id: int):
    """The page as an EPUB 3 book: its article with images, highlights and notes."""
    return page_book(g.user, page_id)


@bp.get("/books.epub")
@login_required
def selection_epub():
    """The pages of a tag, the unread pages or a search as one EPUB 3 book."""
    return selection_book(g.user, selection_from(BookQuerySchema().load(request.args)))


_EPUB = {"description": "An EPUB 3 book (Content-Disposition: attachment)",
         "content": {MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}}
openapi.EXTRA_OPERATIONS.update({
    "/pages/{page_id}/book.epub": {"parameters": [openapi._id("page_id")], "get": {
        "summary": "The page as an EPUB 3 book (images inside, highlights marked, notes as footnotes)",
        "responses": {"200": _EPUB, **openapi._errors(401, 404)}}},
    "/books.epub": {"get": {
        "summary": "A tag, the unread pages or a search as one EPUB 3 book (at most GLOSS_MAX_BOOK_PAGES "
                   "pages, newest first; best first for a search)",
        "parameters": openapi._query(BookQuerySchema),
        "responses": {"200": _EPUB, **openapi._errors(400, 401, 404, 422)}}},
})

"""Books for e-readers: an EPUB of one page, or of a selection (a tag, the unread pages,
a search), made by `server/book_downloads.py`."""
from __future__ import annotations

from flask import g, request

from .. import openapi
from ..book_downloads import page_book, selection_book, selection_from
from ..schemas import BookQuerySchema
from ..services.epub import MEDIA_TYPE
from . import bp
from .auth import login_required


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

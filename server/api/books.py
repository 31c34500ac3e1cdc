"""Books for e-readers: an EPUB of one page, or of a selection (a tag, the unread pages,
a search), made by `server/book_downloads.py`."""
from __future__ import annotations

from flask import g, request

from ..book_downloads import page_book, selection_book, selection_from
from ..schemas import BookQuerySchema
from .blueprint import bp
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

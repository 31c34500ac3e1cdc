"""Downloads of books for e-readers from the web UI: the page in the reader, or the
library's current selection (tag, unread, search)."""
from __future__ import annotations

from flask import g

from ..book_downloads import page_book, selection_book, selection_from
from ..schemas import BookQuerySchema
from .blueprint import bp
from .params import query_args
from .session import login_required


@bp.get("/pages/<int:page_id>/book.epub")
@login_required
def page_epub(page_id: int):
    return page_book(g.user, page_id)


@bp.get("/books.epub")
@login_required
def selection_epub():
    return selection_book(g.user, selection_from(query_args(BookQuerySchema())))

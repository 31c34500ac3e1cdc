"""Books for e-readers as downloads: an EPUB of one page, or of a selection (a tag, the
unread pages, a search). The API, the web UI, the OPDS catalog and the Wallabag API all
answer with the same `book_response`."""
from __future__ import annotations

import tempfile
from typing import BinaryIO, cast

from flask import current_app, send_file

from .db import db_session
from .downloads import attachment
from .services import books
from .services.epub import MEDIA_TYPE, write_epub
from .services.epub_images import ImageLimits
from .services.fetch import settings_from_config

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
        write_epub(cast(BinaryIO, spool), pages, title=title, fetch_settings=settings_from_config(cfg),
                   image_limits=limits)
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

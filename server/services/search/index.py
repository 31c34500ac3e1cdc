"""Keeping the index in step with the data, inside the caller's transaction: it
changes exactly when the data does."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ...models import Highlight, Page, highlight_tags, page_tags
from .backends import backend_for
from .documents import (HighlightDocument, PageDocument, documents_for_page, highlight_document,
                        new_page_document)


def insert_documents(connection: Session | Connection, pages: Sequence[PageDocument],
                     highlights: Sequence[HighlightDocument]) -> None:
    """Adds index entries (for pages and highlights not indexed yet, or just removed);
    also for bulk loads through a Connection."""
    backend_for(connection).add(connection, pages, highlights)


def index_page(session: Session, page: Page) -> None:
    """(Re)indexes the page with its highlights and tags."""
    session.flush()
    page_doc, highlight_docs = documents_for_page(session, page)
    backend = backend_for(session)
    backend.remove_page(session, page.id)
    backend.add(session, [page_doc], highlight_docs)


def index_new_page(session: Session, page: Page) -> None:
    """Indexes a page this transaction has just inserted: it has no tags or highlights
    yet, so its entry is built from the page itself without reading anything back."""
    session.flush()
    backend = backend_for(session)
    backend.clear_new_page(session, page.id)
    backend.add(session, [new_page_document(page)], [])


def index_page_notes(session: Session, page: Page) -> None:
    """The page's entry after its tags or one of its highlights changed: its notes and
    tags again, its title and article left as indexed."""
    session.flush()
    page_doc, _ = documents_for_page(session, page, with_highlights=False)
    backend_for(session).set_page_notes(session, page_doc)


def index_highlight(session: Session, page: Page, highlight_id: int) -> None:
    """Indexes one new or edited highlight, and its page's notes and tags; the page's
    other highlights and its article are not read again."""
    session.flush()
    backend = backend_for(session)
    backend.remove_highlight(session, highlight_id)
    doc = highlight_document(session, page, highlight_id)
    if doc is not None:
        backend.add(session, [], [doc])
    index_page_notes(session, page)


def remove_highlight(session: Session, page: Page, highlight_id: int) -> None:
    """Drops one deleted highlight from the index and from its page's notes."""
    session.flush()
    backend_for(session).remove_highlight(session, highlight_id)
    index_page_notes(session, page)


def remove_page(session: Session, page: Page) -> None:
    """Drops the page (and its highlights) from the index."""
    backend_for(session).remove_page(session, page.id)


def pages_with_tag(session: Session, tag_id: int) -> list[int]:
    """Ids of the pages whose index holds this tag (on the page or one of its highlights)."""
    direct = select(page_tags.c.page_id).where(page_tags.c.tag_id == tag_id)
    via = (select(Highlight.page_id).join(highlight_tags, highlight_tags.c.highlight_id == Highlight.id)
           .where(highlight_tags.c.tag_id == tag_id))
    return sorted(set(session.scalars(direct)) | set(session.scalars(via)))


def reindex_pages(session: Session, page_ids: Iterable[int]) -> None:
    """Indexes these pages again (after a tag they carry was renamed, merged or deleted)."""
    session.flush()
    for page_id in page_ids:
        page = session.get(Page, page_id)
        if page is not None:
            index_page(session, page)

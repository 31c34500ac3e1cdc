"""Full-text search over a user's pages (title, article text, highlight quotes and
notes, tags) and highlights (quote, note, tags): one interface, one backend object per
database (`sqlite.Fts5Backend`, `postgresql.PostgresBackend`) chosen by the session's
dialect.

This package reads and writes the index and ranks matches; it imports no other
service (only the query parser, `search_query`). The filters a search is narrowed by
and the cursors its results are paged with come from the services that list pages
and highlights.
"""
from __future__ import annotations

from .documents import HighlightDocument, PageDocument
from .index import (index_highlight, index_new_page, index_page, index_page_notes, insert_documents,
                    pages_with_tag, reindex_pages, remove_highlight, remove_page)
from .ranking import HighlightHit, PageHit, search_highlights, search_pages

__all__ = [
    "HighlightDocument", "HighlightHit", "PageDocument", "PageHit", "index_highlight", "index_new_page",
    "index_page", "index_page_notes", "insert_documents", "pages_with_tag", "reindex_pages",
    "remove_highlight", "remove_page", "search_highlights", "search_pages",
]

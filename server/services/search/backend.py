"""The interface every search backend gives."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import TextClause
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..search_query import SearchQuery
from .documents import HighlightDocument, PageDocument


@dataclass(frozen=True)
class Hits:
    """A statement selecting (id, score) for one user's matching rows (higher score first)."""

    sql: TextClause
    params: dict[str, Any]


def one_or_many(rows: list[dict[str, Any]]) -> dict[str, Any] | list[dict[str, Any]]:
    # A list always runs as executemany, which costs a single row more than a plain execute.
    return rows[0] if len(rows) == 1 else rows


class SearchBackend(ABC):
    """One database's index: writing entries inside the caller's transaction, and the
    statements that find a user's matching pages and highlights."""

    @abstractmethod
    def add(self, connection: Session | Connection, pages: Sequence[PageDocument],
            highlights: Sequence[HighlightDocument]) -> None:
        """Adds entries for pages and highlights not indexed yet (or just removed)."""

    @abstractmethod
    def remove_page(self, session: Session, page_id: int) -> None:
        """Drops a page's entries and those of its highlights."""

    @abstractmethod
    def clear_new_page(self, session: Session, page_id: int) -> None:
        """Drops whatever a deleted page left under the id a new page now has."""

    @abstractmethod
    def remove_highlight(self, session: Session, highlight_id: int) -> None:
        """Drops one highlight's entry (not its page's notes)."""

    @abstractmethod
    def set_page_notes(self, session: Session, document: PageDocument) -> None:
        """Writes again what the page's entry holds of its highlights and tags (its notes
        and tags), after one of them changed; the title and article stay as indexed."""

    @abstractmethod
    def page_hits(self, session: Session, user_id: int, query: SearchQuery) -> Hits | None:
        """The user's pages matching a non-empty query; None when nothing can match."""

    @abstractmethod
    def highlight_hits(self, session: Session, user_id: int, query: SearchQuery) -> Hits | None:
        """The user's highlights matching a non-empty query; None when nothing can match."""

    @contextmanager
    def ranking(self, session: Session) -> Iterator[None]:
        """Around the statement that ranks hits (settings it needs, put back after)."""
        yield

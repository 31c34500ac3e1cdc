"""What the search index holds for a page and for a highlight, read from the database
(not from possibly stale relationship collections)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import Session

from ...models import Highlight, Page, Tag, highlight_tags, page_tags


@dataclass(frozen=True)
class PageDocument:
    page_id: int
    user_id: int
    language: str | None
    title: str
    body: str
    notes: str  # highlight quotes and notes
    tags: str  # the page's tags and its highlights' tags


@dataclass(frozen=True)
class HighlightDocument:
    highlight_id: int
    page_id: int
    user_id: int
    language: str | None
    quote: str
    note: str
    tags: str


def _tag_names(session: Session, link_table: Table, key_column: Column[int],
               ids: Sequence[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if not ids:
        return names
    rows = session.execute(select(key_column, Tag.name).join(Tag, Tag.id == link_table.c.tag_id)
                           .where(key_column.in_(ids)).order_by(Tag.key))
    for owner_id, name in rows:
        names.setdefault(owner_id, []).append(name)
    return names


def new_page_document(page: Page) -> PageDocument:
    """The entry of a page just inserted: no tags or highlights yet, nothing to read back."""
    return PageDocument(page_id=page.id, user_id=page.user_id, language=page.language,
                        title=page.title or "", body=page.text or "", notes="", tags="")


def documents_for_page(session: Session, page: Page, with_highlights: bool = True
                       ) -> tuple[PageDocument, list[HighlightDocument]]:
    """The index entries of a page and its highlights; the page's alone when
    `with_highlights` is false."""
    rows = session.execute(select(Highlight.id, Highlight.quote, Highlight.note)
                           .where(Highlight.page_id == page.id).order_by(Highlight.id)).all()
    hl_tags = _tag_names(session, highlight_tags, highlight_tags.c.highlight_id, [r.id for r in rows])
    page_tag_names = _tag_names(session, page_tags, page_tags.c.page_id, [page.id]).get(page.id, [])
    all_tags = list(dict.fromkeys(page_tag_names + [n for r in rows for n in hl_tags.get(r.id, [])]))
    doc = PageDocument(
        page_id=page.id, user_id=page.user_id, language=page.language, title=page.title or "",
        body=page.text or "", notes="\n".join(f"{r.quote}\n{r.note}" for r in rows),
        tags=" ".join(all_tags))
    if not with_highlights:
        return doc, []
    highlights = [HighlightDocument(r.id, page.id, page.user_id, page.language, r.quote, r.note or "",
                                    " ".join(hl_tags.get(r.id, []))) for r in rows]
    return doc, highlights


def highlight_document(session: Session, page: Page, highlight_id: int) -> HighlightDocument | None:
    """The entry of one highlight of `page`; None when it is gone."""
    row = session.execute(select(Highlight.id, Highlight.quote, Highlight.note)
                          .where(Highlight.id == highlight_id)).first()
    if row is None:
        return None
    tags = _tag_names(session, highlight_tags, highlight_tags.c.highlight_id, [row.id]).get(row.id, [])
    return HighlightDocument(row.id, page.id, page.user_id, page.language, row.quote, row.note or "",
                             " ".join(tags))

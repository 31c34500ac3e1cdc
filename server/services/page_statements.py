"""The statements that insert and load pages, built once (the insert once per dialect)
with their values passed at execution: building a statement with its values each time
cost more than running it."""
from __future__ import annotations

from typing import Any, TypeAlias

from sqlalchemy import Select, bindparam, exists, insert, literal, select, union_all
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, make_transient_to_detached, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..models import Highlight, Page, PageVersion, Tag, page_tags
from ..states import FETCHING, LINK

PageRow: TypeAlias = "Select[Page, bool, bool]"  # a page with its has-tags and has-highlights flags

# The columns a new page may leave empty, NULL unless the caller gives them: with every column
# known, the page answered after the save is never loaded back (a SELECT after the commit).
# (A column with a default of its own keeps it.)
_UNSET_COLUMNS = {column.key: None for column in Page.__table__.columns
                  if column.nullable and column.default is None and column.server_default is None}

_INSERT_PAGE = {
    name: dialect_insert(Page.__table__)
    .on_conflict_do_nothing(index_elements=["user_id", "canonical_url"])
    .returning(Page.id)
    for name, dialect_insert in (("postgresql", postgresql_insert), ("sqlite", sqlite_insert))
}


def insert_page(session: Session, values: dict[str, Any]) -> Page | None:
    """Inserts a page, or answers None when the user already has one under its canonical
    URL: a concurrent save of the same URL won the race. One statement, no savepoint,
    and nothing but the new id sent back."""
    values = dict(_UNSET_COLUMNS, **values, progress=0.0)  # every column known: nothing to load back
    page_id = session.execute(_INSERT_PAGE[session.get_bind().dialect.name], values).scalar()
    if page_id is None:
        return None
    page = Page(id=page_id, **values)
    make_transient_to_detached(page)
    session.add(page)
    # Nothing else can hold tags or highlights of a row this transaction just made.
    set_committed_value(page, "tags", [])
    set_committed_value(page, "highlights", [])
    return page


INSERT_VERSION = insert(PageVersion.__table__)

# Whether a page has tags or highlights, asked with the page itself: a page without them
# (every newly saved one) then costs one query instead of three.
_HAS_TAGS = exists().where(page_tags.c.page_id == Page.id).label("has_tags")
_HAS_HIGHLIGHTS = exists().where(Highlight.page_id == Page.id).label("has_highlights")


def _find_for_save_statement() -> PageRow:
    candidates = union_all(
        select(Page.id, literal(0).label("preference"))
        .where(Page.user_id == bindparam("user_id"), Page.canonical_url == bindparam("canon")),
        select(Page.id, literal(1).label("preference"))
        .where(Page.user_id == bindparam("user_id"), Page.state.in_((LINK, FETCHING)),
               Page.url == bindparam("url")),
    ).subquery()
    return (select(Page, _HAS_TAGS, _HAS_HIGHLIGHTS).join(candidates, Page.id == candidates.c.id)
            .order_by(candidates.c.preference, Page.id).limit(1))


FIND_FOR_SAVE = _find_for_save_statement()
GET_PAGE = (select(Page, _HAS_TAGS, _HAS_HIGHLIGHTS)
            .where(Page.id == bindparam("page_id"), Page.user_id == bindparam("user_id")))
_PAGE_TAGS = (select(Tag).join(page_tags, page_tags.c.tag_id == Tag.id)
              .where(page_tags.c.page_id == bindparam("page_id")).order_by(Tag.key))
_PAGE_HIGHLIGHTS = (select(Highlight).where(Highlight.page_id == bindparam("page_id")).order_by(Highlight.id)
                    .options(selectinload(Highlight.tags)))


def page_with_children(session: Session, statement: PageRow, params: dict[str, Any]) -> Page | None:
    """The page `statement` (FIND_FOR_SAVE or GET_PAGE) selects, its tags and highlights
    loaded now, each only when there is one.

    Loading them now, inside the caller's transaction, matters: the answer shows them,
    and loading them after a commit would open another transaction."""
    row = session.execute(statement, params).first()
    if row is None:
        return None
    page, has_tags, has_highlights = row
    tags = list(session.scalars(_PAGE_TAGS, {"page_id": page.id})) if has_tags else []
    highlights = list(session.scalars(_PAGE_HIGHLIGHTS, {"page_id": page.id})) if has_highlights else []
    set_committed_value(page, "tags", tags)
    set_committed_value(page, "highlights", highlights)
    return page

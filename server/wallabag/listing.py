"""Wallabag's entry list: filters, a sort column and numbered pages (offset paging, as
its clients page by number and show the total)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, defer, selectinload

from ..models import Highlight, Page, User, page_tags
from ..services.tags import find_tag

SORTS = {"created": Page.saved_at, "updated": Page.updated_at, "archived": Page.read_at}
DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 200  # the API's list limit: more asked for counts as this many


@dataclass
class EntryFilter:
    archive: bool | None = None
    starred: bool | None = None
    tags: list[str] | None = None
    since: datetime | None = None
    domain: str | None = None


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(session: Session, user: User, f: EntryFilter) -> list | None:
    """The WHERE clauses of the filter; None when it cannot match (an unknown tag)."""
    conditions = [Page.user_id == user.id]
    if f.archive is not None:
        conditions.append(Page.read_at.is_not(None) if f.archive else Page.read_at.is_(None))
    if f.starred is not None:
        conditions.append(Page.starred_at.is_not(None) if f.starred else Page.starred_at.is_(None))
    for name in f.tags or ():
        tag = find_tag(session, user, name)
        if tag is None:
            return None
        conditions.append(exists().where(page_tags.c.page_id == Page.id, page_tags.c.tag_id == tag.id))
    if f.since is not None:
        # Changed since: its content, or archived or starred since (see mapping.changed_at).
        conditions.append(or_(Page.updated_at >= f.since, Page.read_at >= f.since, Page.starred_at >= f.since))
    if f.domain:
        host = _escape_like(f.domain.strip().lower())
        conditions.append(or_(*(Page.url.like(f"%://{prefix}{host}{end}", escape="\\")
                                for prefix in ("", "www.") for end in ("", "/%", ":%", "?%"))))
    return conditions


def list_entries(session: Session, user: User, f: EntryFilter, *, sort: str = "created", ascending: bool = False,
                 page: int = 1, per_page: int = DEFAULT_PER_PAGE,
                 with_content: bool = True) -> tuple[list[Page], int]:
    """One numbered page of the user's entries, and how many match in all."""
    conditions = _conditions(session, user, f)
    if conditions is None:
        return [], 0
    total = session.scalar(select(func.count(Page.id)).where(*conditions)) or 0
    if (page - 1) * per_page >= total:  # past the last page (however far: no offset reaches SQL)
        return [], total
    column = SORTS[sort]
    order = (column.asc(), Page.id.asc()) if ascending else (column.desc(), Page.id.desc())
    options = [selectinload(Page.tags), selectinload(Page.highlights).selectinload(Highlight.tags), defer(Page.text)]
    if not with_content:
        options.append(defer(Page.html))
    stmt = (select(Page).where(*conditions).order_by(*order).offset((page - 1) * per_page).limit(per_page)
            .options(*options))
    return list(session.scalars(stmt)), total

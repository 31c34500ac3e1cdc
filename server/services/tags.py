"""Per-user tags, unique by their casefolded name, shared by pages and highlights."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import NotFound, ValidationFailed
from ..models import Tag, User, highlight_tags, page_tags
from . import search


def tag_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def clean_names(names: list[str]) -> list[str]:
    """Trimmed, whitespace-folded, without case-insensitive duplicates, order kept."""
    seen, out = set(), []
    for raw in names:
        name = " ".join(raw.split())
        if not name:
            raise ValidationFailed("Tags cannot be empty.")
        if tag_key(name) not in seen:
            seen.add(tag_key(name))
            out.append(name)
    return out


def find_tag(session: Session, user: User, name: str) -> Tag | None:
    return session.scalar(select(Tag).where(Tag.user_id == user.id, Tag.key == tag_key(name)))


def get_or_create_tags(session: Session, user: User, names: list[str]) -> list[Tag]:
    names = clean_names(names)
    if not names:
        return []
    keys = [tag_key(n) for n in names]
    existing = {t.key: t for t in session.scalars(
        select(Tag).where(Tag.user_id == user.id, Tag.key.in_(keys)))}
    tags = []
    for name, key in zip(names, keys, strict=True):
        tag = existing.get(key)
        if tag is None:
            tag = Tag(user_id=user.id, name=name, key=key)
            try:
                with session.begin_nested():  # another request may create it at the same moment
                    session.add(tag)
                    session.flush()
            except IntegrityError:
                found = find_tag(session, user, name)
                if found is None:  # the conflict was not that tag
                    raise
                tag = found
        tags.append(tag)
    return tags


def tag_names(session: Session, user: User) -> list[str]:
    """The user's tag names in alphabetical order (for filter menus)."""
    return list(session.scalars(select(Tag.name).where(Tag.user_id == user.id).order_by(Tag.key)))


def tag_counts(session: Session, user: User) -> list[tuple[Tag, int, int]]:
    """Each tag of the user with how many pages and highlights carry it."""
    pages = (select(func.count()).select_from(page_tags)
             .where(page_tags.c.tag_id == Tag.id).scalar_subquery())
    highlights = (select(func.count()).select_from(highlight_tags)
                  .where(highlight_tags.c.tag_id == Tag.id).scalar_subquery())
    rows = session.execute(select(Tag, pages, highlights).where(Tag.user_id == user.id).order_by(Tag.key))
    return [(t, p, h) for t, p, h in rows]


def rename_tag(session: Session, user: User, old: str, new: str) -> Tag:
    """Renames a tag; renaming onto an existing tag merges the two."""
    tag = find_tag(session, user, old)
    if tag is None:
        raise NotFound(f"No tag named {old!r}.")
    (new,) = clean_names([new])
    affected = search.pages_with_tag(session, tag.id)
    target = find_tag(session, user, new)
    if target is None or target.id == tag.id:
        tag.name, tag.key = new, tag_key(new)
        session.flush()
        search.reindex_pages(session, affected)
        return tag
    for table, col in ((page_tags, page_tags.c.page_id), (highlight_tags, highlight_tags.c.highlight_id)):
        have = select(col).where(table.c.tag_id == target.id)
        session.execute(table.update().where(table.c.tag_id == tag.id, col.not_in(have))
                        .values(tag_id=target.id))
        session.execute(table.delete().where(table.c.tag_id == tag.id))
    session.delete(tag)
    session.flush()
    session.expire_all()  # the link tables changed under loaded collections
    search.reindex_pages(session, affected)
    return target


def delete_tag(session: Session, user: User, name: str) -> None:
    tag = find_tag(session, user, name)
    if tag is None:
        raise NotFound(f"No tag named {name!r}.")
    affected = search.pages_with_tag(session, tag.id)
    session.delete(tag)
    session.flush()
    session.expire_all()
    search.reindex_pages(session, affected)

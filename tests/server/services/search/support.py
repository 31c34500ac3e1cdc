"""Pages made straight in the database for the search tests, and their titles found."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from server.models import Page, User, utcnow
from server.services import page_list, search
from server.services import pages as page_service

FILLER = ("The committee met on Tuesday to review the budget for the coming season. "
          "Members discussed the schedule, the venue and the catering at some length. ")


def add_page(session: Session, user: User, title: str, text: str, *, language: str = "en",
             tags: tuple[str, ...] | list[str] = (), saved_at: datetime | None = None, read: bool = False) -> Page:
    n = session.query(Page).count()
    url = f"https://example.org/{n}/{abs(hash(title)) % 10**8}"
    page = Page(user_id=user.id, url=url, canonical_url=url, title=title, text=text,
                html="".join(f"<p>{p}</p>" for p in text.split("\n\n")), language=language,
                word_count=len(text.split()), reading_minutes=1, saved_at=saved_at or utcnow(),
                read_at=utcnow() if read else None)
    session.add(page)
    session.flush()
    search.index_new_page(session, page)
    if tags:
        page_service.set_page_tags(session, user, page.id, list(tags))
    return page


def found(session: Session, user: User, q: str, **filters: object) -> list[str]:
    """The titles of the user's pages matching `q`, best first."""
    items, _cursor = page_list.find_pages(session, user, q=q, **filters)  # type: ignore[arg-type]
    return [item.page.title or "" for item in items]

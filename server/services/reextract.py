"""Re-extraction in the background: every article of a user (or of everyone, from the
command line) extracted again from its stored HTML, its highlights re-anchored."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Job, Page, User
from ..states import ARTICLE
from . import jobs as job_service
from . import pages as page_service

REEXTRACT_JOB, REEXTRACT_ITEMS_JOB = "reextract", "reextract_items"


def start_reextraction(session: Session, user: User, page_ids: list[int] | None = None) -> Job:
    """Queues the re-extraction of the user's articles (all, or those of `page_ids`).
    Does not commit."""
    stmt = select(Page.id).where(Page.user_id == user.id, Page.state == ARTICLE).order_by(Page.id)
    if page_ids is not None:
        stmt = stmt.where(Page.id.in_(page_ids))
    ids = list(session.scalars(stmt))
    return job_service.create_chunked(session, user.id, REEXTRACT_JOB, REEXTRACT_ITEMS_JOB, ids)


def reextract_unit(session: Session, page_id: int) -> dict:
    """Extracts one page again; answers the counts the job adds up."""
    page = page_service.load_page(session, page_id)
    if page is None or page.state != ARTICLE:
        return {"skipped": 1}
    kept = page_service.reextract_page(session, page)
    return {"reextracted": 1} if kept is None else {"kept": 1, f"kept_{kept}": 1}


def kept_reasons(result: dict) -> list[tuple[str, int]]:
    """Why pages were kept as they were, with how many, from a re-extraction's result."""
    return [(reason, result[f"kept_{key}"]) for key, reason in page_service.KEPT_REASONS.items()
            if result.get(f"kept_{key}")]

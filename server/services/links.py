"""Saving a page by its link: the page is stored at once as "fetching" with a fetch job
queued; the job fetches it (services/fetch.py) and saves what it found through the
same path as a browser save (extraction, versions, re-anchoring, re-save rules), or
records why it could not in `fetch_error`.

A page already saved as an article is not fetched again unless asked (refetch), and a
failed refetch keeps the article. A page left "fetching" longer than the stale
timeout (no worker ran its job) becomes a link with a fetch_error.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, case, select, update
from sqlalchemy.orm import Session

from ..db import rowcount
from ..errors import NoArticleFound, TooLarge
from ..models import Page, User, utcnow
from ..states import ARTICLE, FETCHING, LINK
from . import fetch as fetcher
from . import jobs as job_service
from . import pages as page_service
from . import search
from .urls import normalize_url

FETCH_JOB = "fetch"
FETCH_LINKS_JOB, FETCH_LINKS_ITEMS_JOB = "fetch_links", "fetch_links_items"
FETCH_LINKS_CHUNK = 10
STALE_ERROR = ("Gloss could not fetch this page in time (no background worker took the job); "
               "save it again to try once more.")


@dataclass
class LinkResult:
    page: Page
    queued: bool  # a fetch is pending (202)
    created: bool
    marked: bool = False  # this save asked for the fetch (not one already pending)


def _find_by_url(session: Session, user: User, url: str) -> Page | None:
    page_id = session.scalar(
        select(Page.id).where(Page.user_id == user.id, (Page.canonical_url == url) | (Page.url == url))
        .order_by(case((Page.canonical_url == url, 0), else_=1), Page.id).limit(1))
    return page_service.get_page(session, user, page_id) if page_id is not None else None


def save_link(session: Session, user: User, url: str, *, refetch: bool = False, queue: bool = True) -> LinkResult:
    """Stores the link and queues its fetch, unless the user already has its article (and
    did not ask for a refetch) or a fetch of it is already pending. Does not commit.

    `queue=False` marks the page "fetching" without queuing a job: the caller fetches it
    itself (fetch_link) once this is committed; should it never do so, the stale-fetch
    timeout turns the page into a link."""
    given = normalize_url(url)
    for _ in range(page_service.SAVE_ATTEMPTS):
        page = _find_by_url(session, user, given)
        if page is not None:
            if page.state == FETCHING or (page.state == ARTICLE and not refetch):
                return LinkResult(page, page.state == FETCHING, False)
            _queue_fetch(session, page, refetch=page.state == ARTICLE, queue=queue)
            return LinkResult(page, True, False, marked=True)
        now = utcnow()
        page = page_service.insert_page(session, dict(
            user_id=user.id, url=given, canonical_url=given, state=FETCHING, title=None, author=None,
            published=None, site_name=None, language=None, image=None, excerpt=None, word_count=0,
            reading_minutes=0, text="", html="", sanitizer_version=page_service.SANITIZER_VERSION, notice=None,
            fetch_error=None, fetch_requested_at=now,
            saved_at=now, updated_at=now, highlight_count=0))
        if page is not None:
            search.index_new_page(session, page)
            _queue_fetch(session, page, refetch=False, queue=queue)
            return LinkResult(page, True, True, marked=True)
    raise RuntimeError(f"{given} was saved and deleted concurrently {page_service.SAVE_ATTEMPTS} times over")


def _queue_fetch(session: Session, page: Page, *, refetch: bool, queue: bool = True) -> None:
    page.state, page.fetch_error, page.fetch_requested_at = FETCHING, None, utcnow()
    session.flush()
    if queue:
        job_service.create_job(session, page.user_id, FETCH_JOB, {"page_id": page.id, "refetch": refetch})


@dataclass
class FetchOutcome:
    status: str  # "saved", "kept" (re-save refused), "failed", "gone", "skipped"
    message: str | None = None


def fetch_link(session: Session, page_id: int, settings: fetcher.FetchSettings, *,
               refetch: bool = False, final: bool = True, keep_saved_at: bool = False) -> FetchOutcome:
    """Fetches the page's link and saves it. Commits; no transaction is open while the
    site is being fetched.

    A TransientFetchError is raised when `final` is False (the caller tries again later);
    on the last attempt it is recorded like any other failure."""
    page = session.get(Page, page_id)
    if page is None:
        session.commit()
        return FetchOutcome("gone")
    url, state = page.url, page.state
    session.commit()  # no lock held while the site answers
    if state == ARTICLE and not refetch:
        return FetchOutcome("skipped")  # saved from the browser since the fetch was asked for
    try:
        fetched = fetcher.fetch_page(url, settings)
    except fetcher.FetchError as exc:
        if exc.transient and not final:
            raise
        return _failed(session, page_id, exc.message)
    return save_fetched(session, page_id, fetched, max_bytes=settings.max_bytes, keep_saved_at=keep_saved_at)


def save_fetched(session: Session, page_id: int, fetched: fetcher.FetchedPage, *, max_bytes: int,
                 keep_saved_at: bool = False) -> FetchOutcome:
    """Saves fetched HTML into the page through the browser save's path (a link getting its
    article counts as saved now, unless `keep_saved_at`). Commits."""
    page = page_service.load_page(session, page_id)
    if page is None:
        session.commit()
        return FetchOutcome("gone")
    try:
        accepted = page_service.save_into(session, page, fetched.url, fetched.html, max_bytes=max_bytes,
                                          keep_saved_at=keep_saved_at)
    except (NoArticleFound, TooLarge) as exc:
        session.rollback()
        message = ("Gloss found no article text on this page." if isinstance(exc, NoArticleFound)
                   else exc.message)
        return _failed(session, page_id, message)
    page.fetch_error = None
    session.commit()
    return FetchOutcome("saved" if accepted else "kept", None if accepted else page.notice)


def _failed(session: Session, page_id: int, message: str) -> FetchOutcome:
    """Records why; a page that has its article keeps it."""
    session.execute(update(Page).where(Page.id == page_id).values(
        fetch_error=message, state=case((Page.text != "", ARTICLE), else_=LINK)))
    session.commit()
    return FetchOutcome("failed", message)


# Every API request asks this: built once, as building it costs more than running it.
_ANY_STALE_FETCH = (select(Page.id).where(Page.user_id == bindparam("user_id"), Page.state == FETCHING,
                                          Page.fetch_requested_at < bindparam("cutoff")).limit(1))


def expire_stale_fetches(session: Session, user: User, stale_s: int) -> int:
    """Pages of the user still "fetching" after `stale_s` seconds (no worker ran their job)
    become links with a fetch_error (articles being fetched again stay articles). Answers
    how many; does not commit."""
    cutoff = utcnow() - timedelta(seconds=stale_s)
    # Looked for first: on SQLite a read never waits for a writer, an UPDATE would, so
    # the common case (nothing stale) writes nothing.
    if session.scalar(_ANY_STALE_FETCH, {"user_id": user.id, "cutoff": cutoff}) is None:
        return 0
    stale = (Page.user_id == user.id, Page.state == FETCHING, Page.fetch_requested_at < cutoff)
    return rowcount(session.execute(
        update(Page).where(*stale)
        .values(fetch_error=STALE_ERROR, state=case((Page.text != "", ARTICLE), else_=LINK))
        .execution_options(synchronize_session=False)))


def links_to_fetch(session: Session, user: User) -> list[int]:
    """The user's pages without their article (imported links, failed fetches), oldest first."""
    return list(session.scalars(select(Page.id).where(Page.user_id == user.id, Page.state == LINK)
                                .order_by(Page.saved_at, Page.id)))


def fetch_all_links(session: Session, user: User):
    """Queues the fetch of every page the user has as a link (imported from Pocket,
    Hypothesis, Omnivore, or whose fetch failed). Each becomes its article through the
    browser save's path, highlights re-anchored; saved_at is kept, so the library keeps
    the import's order. Answers the job; does not commit."""
    return job_service.create_chunked(session, user.id, FETCH_LINKS_JOB, FETCH_LINKS_ITEMS_JOB,
                                      links_to_fetch(session, user), chunk=FETCH_LINKS_CHUNK)


def fetch_unit(session: Session, page_id: int, settings: fetcher.FetchSettings, *, final: bool) -> str:
    """Fetches one link of a fetch_all_links job; answers the outcome's status. Commits."""
    state = session.scalar(select(Page.state).where(Page.id == page_id))
    if state != LINK:
        session.commit()
        return "skipped" if state is not None else "gone"  # saved or fetched some other way meanwhile
    return fetch_link(session, page_id, settings, final=final, keep_saved_at=True).status


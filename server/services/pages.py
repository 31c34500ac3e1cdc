"""Saving pages: extract -> canonical URL -> store (with a version) -> re-anchor
highlights; and reading, tagging, deleting them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from .. import extraction
from ..config import DEFAULT_MAX_PAGE_TAGS
from ..errors import NoArticleFound, NotFound, TooLarge
from ..models import Page, PageVersion, User, utcnow
from ..sanitize import SANITIZER_VERSION, sanitize_reader_html
from ..states import ANCHORED, ARTICLE, FETCHING, LINK, READ_AT_PROGRESS
from . import highlights as highlight_service
from . import search
from .compression import compress_html, decompress_html, utf8_bytes
from .page_statements import (
    FIND_FOR_SAVE,
    GET_PAGE,
    INSERT_VERSION,
    insert_page,
    page_with_children,
)
from .tags import get_or_create_tags
from .urls import canonical_url, normalize_url

# A re-save is refused (the current version kept) when its article has fewer than
# this share of the current words, or would orphan more than this share of the
# highlights and at least REFUSE_MIN_ORPHANS of them: a paywall, a logged-out view,
# an error page.
REFUSE_WORD_SHARE = 0.5
REFUSE_ORPHAN_SHARE = 0.5
REFUSE_MIN_ORPHANS = 3
SAVE_ATTEMPTS = 3


@dataclass
class SaveResult:
    page: Page
    created: bool


def _check_size(html: str, max_bytes: int, max_tags: int) -> None:
    # Pure-ASCII text is as long in UTF-8 as in characters; anything else is at most 4 bytes
    # a character, so only a page that could be over the limit pays for encoding it.
    if len(html) > max_bytes or (len(html) * 4 > max_bytes and not html.isascii()
                                 and len(html.encode("utf-8", "surrogatepass")) > max_bytes):
        raise TooLarge(f"The page is larger than the {max_bytes / 1048576:g} MiB limit.")
    # Counted before parsing, at the speed of a memory scan: the bound on extraction's work.
    if html.count("<") > max_tags:
        raise TooLarge(f"The page has more than {max_tags} tags, more markup than Gloss extracts "
                       "in one save. Save a shorter page, or the article alone (select it, then save).")


def _extract(html: str, url: str, encoded: bytes | None) -> extraction.Article:
    try:
        return extraction.extract(html, url, encoded)
    except extraction.NoArticle as exc:
        raise NoArticleFound(str(exc) or None) from exc


def _article_values(article: extraction.Article, title: str | None) -> dict:
    """The Page columns an extracted article sets (`title`: the browser's, used when the
    article has none)."""
    return dict(
        state=ARTICLE, title=article.title or title, author=article.author, published=article.published,
        site_name=article.site_name, language=article.language, image=article.image, excerpt=article.excerpt,
        word_count=article.word_count, reading_minutes=article.reading_minutes, text=article.text,
        html=article.html, sanitizer_version=SANITIZER_VERSION, notice=None, fetch_error=None,
        updated_at=utcnow(),
    )


def _apply_article(page: Page, article: extraction.Article, title: str | None) -> None:
    """Sets the page's content from the article. `updated_at` moves only when something
    changed: a page saved again as it was is not rewritten (its version is still kept)."""
    values = _article_values(article, title)
    values["title"] = values["title"] or page.title
    updated_at = values.pop("updated_at")
    if any(getattr(page, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(page, key, value)
        page.updated_at = updated_at


def save_page(session: Session, user: User, url: str, html: str, title: str | None = None,
              *, max_bytes: int, max_tags: int = DEFAULT_MAX_PAGE_TAGS, keep_saved_at: bool = False) -> SaveResult:
    """Saves a page for the user: new (created=True) or an update of the page
    already saved under the same canonical URL. A link that gets its article here counts
    as saved now (it tops a newest-first library), unless `keep_saved_at` (bulk imports
    keep their order)."""
    _check_size(html, max_bytes, max_tags)
    encoded = utf8_bytes(html)
    article = _extract(html, url, encoded)
    # Compressed in this thread, once the page is known to have an article: a pool thread
    # beside the extraction saved nothing on a busy machine, where each hand-over of the
    # GIL waits for the other thread to be scheduled.
    source_html = compress_html(html, encoded)
    given = normalize_url(url)
    canon = canonical_url(url, article.canonical_href)
    # Another save of the same URL may insert it between our lookup and our insert (its
    # page is then updated), and a delete may remove it after (then it is inserted).
    for _ in range(SAVE_ATTEMPTS):
        page = _find_for_save(session, user, canon, given)
        if page is not None:
            update_page_content(session, page, article, source_html, given, title, keep_saved_at=keep_saved_at)
            return SaveResult(page, False)
        page = insert_page(session, dict(_article_values(article, title), user_id=user.id, url=given,
                                          canonical_url=canon, saved_at=utcnow(), highlight_count=0))
        if page is not None:
            _keep_version(session, page.id, given, article.text, source_html)
            search.index_new_page(session, page)
            return SaveResult(page, True)
    raise RuntimeError(f"{canon} was saved and deleted concurrently {SAVE_ATTEMPTS} times over")


def save_into(session: Session, page: Page, url: str, html: str, title: str | None = None,
              *, max_bytes: int, max_tags: int = DEFAULT_MAX_PAGE_TAGS, keep_saved_at: bool = False) -> bool:
    """Saves HTML fetched for a page Gloss already holds (a link, a page being fetched, an
    article fetched again) through save_page's steps: extraction, a version, re-anchoring
    and the re-save rules (and saved_at, as there). Returns False when the re-save was
    refused (see page.notice)."""
    _check_size(html, max_bytes, max_tags)
    encoded = utf8_bytes(html)
    article = _extract(html, url, encoded)
    source_html = compress_html(html, encoded)
    if page.state == FETCHING:
        page.state = ARTICLE if page.text else LINK  # an article fetched again keeps the re-save rules
    if page.state != ARTICLE:
        canon = canonical_url(url, article.canonical_href)
        taken = session.scalar(select(Page.id).where(Page.user_id == page.user_id, Page.canonical_url == canon,
                                                     Page.id != page.id))
        if taken is None:
            page.canonical_url = canon
    return update_page_content(session, page, article, source_html, normalize_url(url), title,
                               keep_saved_at=keep_saved_at)


def update_page_content(session: Session, page: Page, article: extraction.Article,
                        source_html: bytes | None, url: str, title: str | None = None,
                        *, keep_saved_at: bool = False) -> bool:
    """Re-saves a page with newly extracted content and re-anchors its highlights;
    `source_html` (compressed) is kept as a new version unless it is None. A link that
    gets its article here is saved now: its saved_at moves to now unless `keep_saved_at`.

    Returns False (and records why in page.notice) when the new content looks
    like a paywall or error page and the current version is kept instead."""
    highlights = list(page.highlights)
    previous = page.text if page.state == ARTICLE else None  # the last accepted text
    placements = highlight_service.reanchor(previous, article.text, highlights)
    refusal = _refusal_reason(page, article, highlights, placements)
    if refusal:
        page.notice = refusal
        if source_html is not None:
            _keep_version(session, page.id, url, article.text, source_html, accepted=False)
        session.flush()
        return False
    indexed_before = (page.title, page.text)
    if page.state != ARTICLE and not keep_saved_at:
        page.saved_at = utcnow()
    _apply_article(page, article, title)
    highlight_service.apply_placements(article.text, highlights, placements)
    page.highlight_count = len(highlights)
    session.flush()
    if source_html is not None:
        _keep_version(session, page.id, url, article.text, source_html)
    if (page.title, page.text) != indexed_before:  # tags, notes and quotes are indexed as they change
        search.index_page(session, page)
    return True


def _keep_version(session: Session, page_id: int, url: str, text: str, source_html: bytes,
                  accepted: bool = True) -> None:
    """Stores a save as a version: its text and its original HTML (compressed)."""
    session.execute(INSERT_VERSION, {"page_id": page_id, "url": url, "text": text, "source_html": source_html,
                                      "accepted": accepted, "created_at": utcnow()})


def _refusal_reason(page: Page, article, highlights, placements) -> str | None:
    if page.state != ARTICLE or not page.text:
        return None
    if article.word_count < page.word_count * REFUSE_WORD_SHARE:
        return (f"The page was saved again on {utcnow():%Y-%m-%d %H:%M} UTC, but that copy had "
                f"{article.word_count} words against {page.word_count}: it looked like a paywall, "
                "a logged-out view or an error page, so the earlier version was kept.")
    orphans = sum(1 for h, place in zip(highlights, placements, strict=True)
                  if h.status == ANCHORED and place is None)
    if orphans >= REFUSE_MIN_ORPHANS and orphans > len(highlights) * REFUSE_ORPHAN_SHARE:
        return (f"The page was saved again on {utcnow():%Y-%m-%d %H:%M} UTC, but that copy would have "
                f"lost the text of {orphans} of {len(highlights)} highlights, so the earlier "
                "version was kept.")
    return None


def _find_for_save(session: Session, user: User, canon: str, url: str) -> Page | None:
    """The page saved under this canonical URL, else a page without its article (imported
    as a link, or being fetched) saved under this URL."""
    return page_with_children(session, FIND_FOR_SAVE, {"user_id": user.id, "canon": canon, "url": url})


def load_page(session: Session, page_id: int) -> Page | None:
    """A page with its tags and highlights, whoever owns it (for background jobs)."""
    user_id = session.scalar(select(Page.user_id).where(Page.id == page_id))
    if user_id is None:
        return None
    return page_with_children(session, GET_PAGE, {"page_id": page_id, "user_id": user_id})


def get_page(session: Session, user: User, page_id: int) -> Page:
    page = page_with_children(session, GET_PAGE, {"page_id": page_id, "user_id": user.id})
    if page is None:
        raise NotFound("No such page.")
    return page


def lookup_page(session: Session, user: User, url: str) -> Page:
    """The user's page saved from this URL, matched on its saved or canonical URL."""
    norm = normalize_url(url)
    page_id = session.scalar(
        select(Page.id).where(Page.user_id == user.id,
                              or_(Page.url == norm, Page.canonical_url == norm)).limit(1)
    ) or session.scalar(
        select(PageVersion.page_id).join(Page, Page.id == PageVersion.page_id)
        .where(Page.user_id == user.id, PageVersion.url == norm).limit(1)
    )
    if page_id is None:
        raise NotFound("This URL is not saved.")
    return get_page(session, user, page_id)


def delete_page(session: Session, user: User, page_id: int) -> None:
    page = session.scalar(select(Page).where(Page.id == page_id, Page.user_id == user.id))
    if page is None:
        raise NotFound("No such page.")
    search.remove_page(session, page)
    session.execute(delete(Page).where(Page.id == page.id))
    session.expunge(page)


def set_page_tags(session: Session, user: User, page_id: int, names: list[str]) -> Page:
    page = get_page(session, user, page_id)
    page.tags = get_or_create_tags(session, user, names)
    page.updated_at = utcnow()
    search.index_page_notes(session, page)  # the page's tags are indexed with its notes
    return page


def set_title(session: Session, user: User, page_id: int, title: str) -> Page:
    """Renames a page (its search entry follows)."""
    page = get_page(session, user, page_id)
    if title != page.title:
        page.title = title
        page.updated_at = utcnow()
        session.flush()
        search.index_page(session, page)
    return page


def mark_page(session: Session, user: User, page_id: int, *, read: bool | None = None,
              progress: float | None = None, starred: bool | None = None) -> Page:
    """Read/unread, reading progress (0..1) and the starred (favourite) flag."""
    page = get_page(session, user, page_id)
    if read is not None:
        page.read_at = (page.read_at or utcnow()) if read else None
    if starred is not None:
        page.starred_at = (page.starred_at or utcnow()) if starred else None
    if progress is not None:
        page.progress = progress
        if progress >= READ_AT_PROGRESS and page.read_at is None:
            page.read_at = utcnow()
    session.flush()
    return page


def latest_source(session: Session, page: Page) -> PageVersion | None:
    """The newest accepted version: what the current text was extracted from."""
    return session.scalar(
        select(PageVersion).where(PageVersion.page_id == page.id, PageVersion.accepted.is_(True))
        .order_by(PageVersion.id.desc()).limit(1))


# Why a re-extraction kept a page as it was, by the key its count goes under.
KEPT_REASONS = {
    "no_source": "no original HTML is stored for it",
    "no_article": "its stored HTML holds no article for today's extraction",
    "fewer_words": "the new extraction had under half the words of the current text",
    "orphans": "the new extraction would have lost the text of most of its highlights",
}


def reextract_page(session: Session, page: Page) -> str | None:
    """Extracts the page again from its stored HTML, re-anchoring its highlights. Answers
    None when the page took the new extraction, else why it was kept as it was (a key of
    KEPT_REASONS)."""
    version = latest_source(session, page)
    if version is None:
        return "no_source"
    html = decompress_html(version.source_html)
    try:
        article = extraction.extract(html, version.url)
    except extraction.NoArticle:
        return "no_article"
    if update_page_content(session, page, article, None, version.url):
        return None
    return "fewer_words" if article.word_count < page.word_count * REFUSE_WORD_SHARE else "orphans"


RESANITIZE_BATCH = 100


def resanitize_pages(session: Session) -> int:
    """Cleans, with the current sanitizer, the reader HTML of every page an older one (or
    none) stored. Commits, batch by batch. Returns how many pages it cleaned."""
    cleaned = 0
    while True:
        batch = session.execute(
            select(Page.id, Page.url, Page.html).where(Page.sanitizer_version != SANITIZER_VERSION)
            .order_by(Page.id).limit(RESANITIZE_BATCH)).all()
        if not batch:
            return cleaned
        for page_id, url, html in batch:
            # Only a row still as read is rewritten: a save meanwhile stored clean HTML already.
            session.execute(update(Page).where(Page.id == page_id, Page.sanitizer_version != SANITIZER_VERSION)
                            .values(html=sanitize_reader_html(html or "", url), sanitizer_version=SANITIZER_VERSION)
                            .execution_options(synchronize_session=False))
        session.commit()
        cleaned += len(batch)

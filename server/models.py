"""The stored data: users and their credentials, pages with their versions,
highlights, and per-user tags."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base
from .limits import DEFAULT_COLOR, MAX_NAME
from .states import ANCHORED, ARTICLE, FETCHING, LINK


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Timezone-aware on the way out on every backend (SQLite keeps naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None and dialect.name == "sqlite":
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the token
    name: Mapped[str] = mapped_column(String(MAX_NAME), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class ApiClient(Base):
    """An API client of a Wallabag-compatible app: a public id and a secret (its digest
    kept), owned by one user; deleting it revokes every token it was given."""

    __tablename__ = "api_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME))
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_digest: Mapped[str] = mapped_column(String(64))  # sha256 hex of the secret
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OAuthToken(Base):
    """An OAuth2 access token and its refresh token (both as SHA-256 digests)."""

    __tablename__ = "oauth_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("api_clients.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    access_digest: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_digest: Mapped[str] = mapped_column(String(64), unique=True)
    access_expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    refresh_expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LoginLink(Base):
    """A single-use, short-lived link that signs a browser in (from the extension)."""

    __tablename__ = "login_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UserSession(Base):
    """A signed-in browser: the session cookie carries a secret whose digest is here.
    Deleting the row signs that browser out, wherever its cookie was copied to."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the cookie's secret
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuthFailure(Base):
    """Failed sign-ins, kept in the database so every app process sees them."""

    __tablename__ = "auth_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_auth_failures_key_at", "key", "at"),)


page_tags = Table(
    "page_tags",
    Base.metadata,
    Column("page_id", ForeignKey("pages.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

highlight_tags = Table(
    "highlight_tags",
    Base.metadata,
    Column("highlight_id", ForeignKey("highlights.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(MAX_NAME))
    key: Mapped[str] = mapped_column(String(MAX_NAME))  # casefolded name: unique per user

    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_tags_user_id_key"),)


class Page(Base):
    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)  # as given, normalized
    canonical_url: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=ARTICLE)  # article | link | fetching
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    site_name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    image: Mapped[str | None] = mapped_column(Text)
    excerpt: Mapped[str | None] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    reading_minutes: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")
    # The sanitizer that cleaned `html` (server.sanitize.SANITIZER_VERSION); 0: not known to be clean.
    sanitizer_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    notice: Mapped[str | None] = mapped_column(Text)
    fetch_error: Mapped[str | None] = mapped_column(Text)  # why the last fetch of its link failed
    fetch_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    starred_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # favourite since; NULL: not starred
    progress: Mapped[float] = mapped_column(Float, default=0.0)  # 0..1 of the article scrolled
    highlight_count: Mapped[int] = mapped_column(Integer, default=0)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # content last changed

    tags: Mapped[list[Tag]] = relationship(secondary=page_tags, order_by=Tag.key)
    highlights: Mapped[list[Highlight]] = relationship(
        back_populates="page", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Highlight.id",
    )

    @property
    def awaits_article(self) -> bool:
        """A link whose article Gloss never had (imported, or its fetch failed or is under
        way): its highlights wait for the article, they did not lose their passage."""
        return self.state == LINK or (self.state == FETCHING and not self.text)

    __table_args__ = (
        UniqueConstraint("user_id", "canonical_url", name="uq_pages_user_id_canonical_url"),
        Index("ix_pages_user_saved", "user_id", "saved_at", "id"),
        Index("ix_pages_user_url", "user_id", "url"),
        Index("ix_pages_user_state", "user_id", "state"),
        Index("ix_pages_user_starred", "user_id", "starred_at"),
    )


class PageVersion(Base):
    """Every save of a page: its extracted text and the original HTML, compressed."""

    __tablename__ = "page_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text, index=True)  # as given: lookups match any URL a page came from
    text: Mapped[str] = mapped_column(Text, default="")
    source_html: Mapped[bytes] = mapped_column(LargeBinary)  # zstd-compressed UTF-8 (zlib in older rows)
    accepted: Mapped[bool] = mapped_column(default=True)  # False: kept, but refused as current
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Highlight(Base):
    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    page_id: Mapped[int] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    # The quote as the user highlighted it, once re-anchoring has changed `quote` (NULL
    # until then): a passage rewritten over many saves is judged against it.
    highlighted: Mapped[str | None] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=ANCHORED)  # anchored | orphaned
    note: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(16), default=DEFAULT_COLOR)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    page: Mapped[Page] = relationship(back_populates="highlights")
    tags: Mapped[list[Tag]] = relationship(secondary=highlight_tags, order_by=Tag.key)
    # Made by the database side (see _enters_review); the review service changes it.
    review: Mapped[HighlightReview | None] = relationship(viewonly=True)

    __table_args__ = (Index("ix_highlights_user_created", "user_id", "created_at", "id"),)


class Job(Base):
    """Work done in the background (a fetch, an import, a re-extraction), as the job
    queue runs it. The queue carries only the job's id; the record here says what is
    to be done and how far it went, and its lease lets another worker take it back
    when the one running it died."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="queued")  # queued | running | done | failed
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON: what to do
    total: Mapped[int] = mapped_column(Integer, default=0)  # items to do (0: unknown yet)
    done: Mapped[int] = mapped_column(Integer, default=0)  # items done, committed with each item
    result: Mapped[str | None] = mapped_column(Text)  # JSON: what came of it
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    worker: Mapped[str | None] = mapped_column(String(200))  # host:pid:thread that holds the lease
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_jobs_user_kind_state", "user_id", "kind", "state"),
        Index("ix_jobs_state_lease", "state", "lease_until"),
    )


class CachedImage(Base):
    """An article image as fetched for the reader, once for everyone whose pages show it
    (in the database, so every app server finds it). A failed fetch is kept too, with its
    reason and no body, so a broken image is not fetched again on every reading."""

    __tablename__ = "image_cache"

    url_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the URL, hex
    url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(32))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    error: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class HighlightReview(Base):
    """Where a highlight stands in the daily review: the FSRS card (state, step,
    stability, difficulty, due, last review), and whether the user made it a favourite
    or retired it. Every highlight has one (made with it); `due` is NULL until the
    highlight is first reviewed, so the new ones are those with no due date."""

    __tablename__ = "highlight_reviews"

    highlight_id: Mapped[int] = mapped_column(ForeignKey("highlights.id", ondelete="CASCADE"),
                                              primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    state: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 0 new; else fsrs.State
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_review: Mapped[datetime | None] = mapped_column(UTCDateTime())  # counts new ones per day
    reviews: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    favourite: Mapped[bool] = mapped_column(default=False, server_default=false())
    retired: Mapped[bool] = mapped_column(default=False, server_default=false())

    __table_args__ = (
        # The day's review: the user's due (or, due NULL, new) highlights in order.
        Index("ix_highlight_reviews_user_queue", "user_id", "retired", "due", "highlight_id"),
        Index("ix_highlight_reviews_user_first", "user_id", "first_review"),
    )


class ReviewLog(Base):
    """One answer in a review: the calendar of review days and a history FSRS could
    later be tuned on."""

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    highlight_id: Mapped[int] = mapped_column(ForeignKey("highlights.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_review_logs_user_at", "user_id", "reviewed_at"),)


@event.listens_for(Highlight, "after_insert")
def _enters_review(_mapper, connection, target: Highlight) -> None:
    """Every highlight, however it is made (saved, imported, restored), enters review as new."""
    connection.execute(HighlightReview.__table__.insert().values(highlight_id=target.id,
                                                                 user_id=target.user_id))

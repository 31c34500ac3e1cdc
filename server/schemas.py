"""Request and response shapes (marshmallow); the OpenAPI document is built from these."""
from __future__ import annotations

import json
from datetime import timezone
from urllib.parse import urlsplit

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates

from .limits import (COLORS, DEFAULT_COLOR, MAX_CONTEXT, MAX_ID, MAX_NAME, MAX_NOTE,  # noqa: F401
                     MAX_QUOTE, MAX_TAG, MAX_TAGS, MAX_TITLE, MAX_URL, url_problem)
from .sanitize import reader_html
from .scheduling import MAX_SESSION_SIZE, RATINGS, SESSION_SIZE, STATE_NAMES
from .states import HIGHLIGHT_STATUSES, PAGE_STATES

TagName = fields.String(validate=validate.Length(min=1, max=MAX_TAG))
# A row id, or an offset stored in an integer column: within the columns' range.
IdRange = validate.Range(min=1, max=MAX_ID)
OffsetRange = validate.Range(min=0, max=MAX_ID)


def _check_http_url(value: str) -> None:
    problem = url_problem(value)
    if problem:
        raise ValidationError(problem[0].upper() + problem[1:] + ".")


class JsonBoolean(fields.Boolean):
    """A JSON body's boolean: true or false, not 0, 1 or "yes" (0 == False in a set)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class StrictSchema(Schema):
    class Meta:
        unknown = EXCLUDE


# ---- errors -------------------------------------------------------------------------

class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Raw()


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


# ---- auth ---------------------------------------------------------------------------

class ServerInfoSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)


class TokenRequestSchema(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=1024))
    name = fields.String(load_default="", validate=validate.Length(max=MAX_NAME))


class TokenSchema(Schema):
    token = fields.String(required=True)


class LoginLinkRequestSchema(StrictSchema):
    page_id = fields.Integer(required=True, strict=True, validate=IdRange)


class LoginLinkSchema(Schema):
    url = fields.String(required=True)


# ---- highlights ---------------------------------------------------------------------

class HighlightSchema(Schema):
    id = fields.Integer(dump_only=True)
    page_id = fields.Integer(dump_only=True)
    quote = fields.String()
    prefix = fields.String()
    suffix = fields.String()
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)
    note = fields.String()
    color = fields.String()
    tags = fields.Method("dump_tags")
    status = fields.String()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()

    def dump_tags(self, obj) -> list[str]:
        return [t.name for t in sorted(obj.tags, key=lambda t: t.key)]


class HighlightCreateSchema(StrictSchema):
    quote = fields.String(required=True, validate=validate.Length(min=1, max=MAX_QUOTE))
    prefix = fields.String(load_default="", validate=validate.Length(max=MAX_CONTEXT))
    suffix = fields.String(load_default="", validate=validate.Length(max=MAX_CONTEXT))
    start = fields.Integer(load_default=None, allow_none=True, strict=True, validate=OffsetRange)
    end = fields.Integer(load_default=None, allow_none=True, strict=True, validate=OffsetRange)
    note = fields.String(load_default="", validate=validate.Length(max=MAX_NOTE))
    color = fields.String(load_default=DEFAULT_COLOR, validate=validate.OneOf(COLORS))
    tags = fields.List(TagName, load_default=list, validate=validate.Length(max=MAX_TAGS))


class HighlightUpdateSchema(StrictSchema):
    note = fields.String(validate=validate.Length(max=MAX_NOTE))
    color = fields.String(validate=validate.OneOf(COLORS))
    tags = fields.List(TagName, validate=validate.Length(max=MAX_TAGS))


class HighlightListQuerySchema(StrictSchema):
    q = fields.String(load_default=None, validate=validate.Length(max=500))
    tag = fields.String(load_default=None)
    page_id = fields.Integer(load_default=None, validate=IdRange)
    status = fields.String(load_default=None, validate=validate.OneOf(HIGHLIGHT_STATUSES))
    color = fields.String(load_default=None, validate=validate.OneOf(COLORS))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1),
                           metadata={"description": "At most this many items (values above 200 count as 200)."})
    cursor = fields.String(load_default=None)


class HighlightListSchema(Schema):
    items = fields.List(fields.Nested(HighlightSchema))
    next_cursor = fields.String(allow_none=True)


# ---- pages --------------------------------------------------------------------------

class PageCreateSchema(StrictSchema):
    """With `html`: the page as the browser holds it. Without: Gloss fetches the link."""

    url = fields.String(required=True, validate=validate.Length(min=1, max=MAX_URL))
    html = fields.String(load_default=None, allow_none=True,
                         metadata={"description": "The page as the browser holds it; leave it out to have "
                                                  "Gloss fetch the link in the background (202)."})
    title = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=MAX_TITLE))
    refetch = JsonBoolean(load_default=False,
                          metadata={"description": "Without html: fetch the link again even when its "
                                                   "article is already saved."})

    @validates("url")
    def _url(self, value: str, **_kw) -> None:
        _check_http_url(value)


class LinkFormSchema(StrictSchema):
    """The web UI's "Add a link" and share-confirm forms: a link for Gloss to fetch."""

    url = fields.String(required=True, validate=validate.Length(min=1, max=MAX_URL,
                                                                  error="Enter a link to a web page."))
    refetch = fields.Boolean(load_default=False)

    @validates("url")
    def _url(self, value: str, **_kw) -> None:
        _check_http_url(value)


class TagsUpdateSchema(StrictSchema):
    tags = fields.List(TagName, required=True, validate=validate.Length(max=MAX_TAGS))


class PageUpdateSchema(StrictSchema):
    read = JsonBoolean()
    starred = JsonBoolean()
    progress = fields.Float(validate=validate.Range(min=0, max=1))


class PageSummarySchema(Schema):
    """A page in a list: no text, html or highlights."""

    id = fields.Integer()
    url = fields.String()
    canonical_url = fields.String()
    state = fields.String(metadata={"enum": list(PAGE_STATES)})
    title = fields.String(allow_none=True)
    author = fields.String(allow_none=True)
    published = fields.String(allow_none=True)
    site_name = fields.String(allow_none=True)
    language = fields.String(allow_none=True)
    image = fields.String(allow_none=True)
    excerpt = fields.String(allow_none=True)
    word_count = fields.Integer()
    reading_minutes = fields.Integer()
    tags = fields.Method("dump_tags")
    highlight_count = fields.Integer()
    read = fields.Method("dump_read")
    starred = fields.Method("dump_starred", metadata={"type": "boolean", "description": "A favourite"})
    starred_at = fields.DateTime(allow_none=True)
    progress = fields.Float()
    notice = fields.String(allow_none=True)
    fetch_error = fields.String(allow_none=True, metadata={
        "description": "Why the last fetch of the link failed (a sentence), or null"})
    saved_at = fields.DateTime()
    updated_at = fields.DateTime()

    def dump_tags(self, obj) -> list[str]:
        return [t.name for t in sorted(self.get_attribute(obj, "tags", []), key=lambda t: t.key)]

    def dump_read(self, obj) -> bool:
        return self.get_attribute(obj, "read_at", None) is not None

    def dump_starred(self, obj) -> bool:
        return self.get_attribute(obj, "starred_at", None) is not None


class PageListItemSchema(PageSummarySchema):
    """Dumps a list item (services.page_list.PageItem): its page, and a search's snippet."""

    snippet = fields.String()
    snippet_matches = fields.List(fields.List(fields.Integer()))

    def get_attribute(self, obj, attr, default):
        if attr in ("snippet", "snippet_matches"):
            value = getattr(obj, attr)
            return default if value is None else value  # a list item without a search: no snippet
        return super().get_attribute(obj.page, attr, default)


class ReaderHtml(fields.String):
    """A page's reader HTML, cleaned now if an older sanitizer (or none) stored it."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(reader_html(value or "", obj.sanitizer_version, obj.url), attr, obj, **kwargs)


class PageSchema(PageSummarySchema):
    text = fields.String()
    html = ReaderHtml()
    highlights = fields.List(fields.Nested(HighlightSchema))


class UtcDateTime(fields.AwareDateTime):
    """An ISO 8601 date-time (UTC when it names no zone) that is still a date-time in UTC:
    year 1 at +14:00 or year 9999 at -14:00 would not be."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=timezone.utc, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(timezone.utc)
        except OverflowError:
            raise ValidationError("The date is outside the years 1 to 9999 once in UTC.") from None


class PageListQuerySchema(StrictSchema):
    q = fields.String(load_default=None, validate=validate.Length(max=500))
    tag = fields.String(load_default=None)
    has_highlights = fields.Boolean(load_default=None)
    read = fields.Boolean(load_default=None)
    starred = fields.Boolean(load_default=None)
    # Saved at or after / before these moments (ISO 8601 date-times); absent unless given.
    saved_after = UtcDateTime()
    saved_before = UtcDateTime()
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1),
                           metadata={"description": "At most this many items (values above 200 count as 200)."})
    cursor = fields.String(load_default=None)


class BookQuerySchema(StrictSchema):
    tag = fields.String(load_default=None, metadata={"description": "Only pages with this tag"})
    q = fields.String(load_default=None, validate=validate.Length(max=500),
                      metadata={"description": "Only pages matching this search, best first"})
    unread = fields.Boolean(load_default=False, metadata={"description": "Only unread pages"})


class PageListSchema(Schema):
    items = fields.List(fields.Nested(PageListItemSchema))
    next_cursor = fields.String(allow_none=True)


class LookupQuerySchema(StrictSchema):
    url = fields.String(required=True, validate=validate.Length(min=1, max=MAX_URL))

    @validates("url")
    def _url(self, value: str, **_kw) -> None:
        # Any scheme may be looked up (and is simply not found); a URL that does not parse
        # (an unclosed IPv6 bracket) is not a URL at all.
        try:
            urlsplit(value.strip()).port  # noqa: B018
        except ValueError:
            raise ValidationError("Not a URL that can be parsed.") from None


# ---- jobs ---------------------------------------------------------------------------

class JobSchema(Schema):
    """A background job: `done` of `total` items so far; `result` once it is done."""

    id = fields.Integer()
    kind = fields.String(metadata={"enum": ["fetch", "import", "reextract", "fetch_links"]})
    state = fields.String(metadata={"enum": ["queued", "running", "done", "failed"]})
    total = fields.Integer()
    done = fields.Integer()
    progress = fields.Method("dump_progress", metadata={"type": "number", "description": "0..1"})
    result = fields.Method("dump_result", allow_none=True,
                           metadata={"type": "object", "description": "What came of it (counts; for an "
                                     "import, the import report's fields)"})
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)

    def dump_progress(self, obj) -> float:
        if obj.state == "done":
            return 1.0
        return round(obj.done / obj.total, 4) if obj.total else 0.0

    def dump_result(self, obj):
        return json.loads(obj.result) if obj.result else None


class JobListSchema(Schema):
    items = fields.List(fields.Nested(JobSchema))


# ---- review -------------------------------------------------------------------------

class ReviewCardSchema(Schema):
    """Where a highlight stands in the daily review (scheduled by FSRS)."""

    highlight_id = fields.Integer()
    state = fields.Method("dump_state", metadata={"enum": ["new", "learning", "review", "relearning"]})
    due = fields.DateTime(allow_none=True, metadata={"description": "When it comes back (null: new)"})
    last_review = fields.DateTime(allow_none=True)
    stability = fields.Float(allow_none=True)
    difficulty = fields.Float(allow_none=True)
    reviews = fields.Integer()
    favourite = fields.Boolean()
    retired = fields.Boolean()

    def dump_state(self, obj) -> str:
        return STATE_NAMES.get(obj.state, "new")


class ReviewAnswerSchema(StrictSchema):
    rating = fields.String(required=True, validate=validate.OneOf(tuple(RATINGS)))


class ReviewFlagsSchema(StrictSchema):
    favourite = JsonBoolean()
    retired = JsonBoolean()


class ReviewContextSchema(Schema):
    before = fields.String()
    quote = fields.String()
    after = fields.String()


class ReviewPageSchema(Schema):
    id = fields.Integer()
    title = fields.String(allow_none=True)
    url = fields.String()


class ReviewItemSchema(Schema):
    highlight = fields.Nested(HighlightSchema)
    card = fields.Nested(ReviewCardSchema)
    page = fields.Function(lambda item: ReviewPageSchema().dump(item.highlight.page),
                           metadata={"type": "object", "description": "The page it came from (id, title, url)"})
    context = fields.Nested(ReviewContextSchema, metadata={"description": "The paragraph around it"})


class ReviewQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=SESSION_SIZE, validate=validate.Range(min=1),
                           metadata={"description": f"Highlights in the session (values above "
                                                    f"{MAX_SESSION_SIZE} count as {MAX_SESSION_SIZE})."})
    tag = fields.String(load_default=None, metadata={"description": "Only highlights with this tag"})
    page_id = fields.Integer(load_default=None, validate=IdRange,
                             metadata={"description": "Only highlights of this page"})


class ReviewSessionSchema(Schema):
    items = fields.List(fields.Nested(ReviewItemSchema))
    new_left = fields.Integer(metadata={"description": "New highlights that may still enter review today"})


class ImportReportSchema(Schema):
    format = fields.String()
    pages_created = fields.Integer()
    pages_updated = fields.Integer()
    highlights_created = fields.Integer()
    highlights_orphaned = fields.Integer(metadata={"description": "Highlights that did not anchor (those waiting "
                                                                  "for their page's article included)"})
    highlights_waiting = fields.Integer(metadata={"description": "Highlights on pages imported without their "
                                                                 "article: they anchor when it is saved"})
    skipped = fields.List(fields.String(), metadata={"description": "Items left out, and why"})

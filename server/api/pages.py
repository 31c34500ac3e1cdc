"""Pages: save (POST), list, look up, read, tag, mark read, delete."""
from __future__ import annotations

from flask import current_app, g, request

from ..db import db_session
from ..schemas import (LookupQuerySchema, PageCreateSchema, PageListQuerySchema, PageListSchema,
                       PageSchema, PageUpdateSchema, TagsUpdateSchema)
from ..services import links as link_service
from ..services import page_list
from ..services import pages as page_service
from .blueprint import bp
from .auth import login_required
from .body import read_json
from .params import list_args

PAGE = PageSchema()
# Made once: a schema copies its declared fields each time one is made, which a save paid for.
PAGE_CREATE = PageCreateSchema()


@bp.post("/pages")
@login_required
def save_page():
    """Saves the page as the browser holds it: 201 when new, 200 when re-saved. Without
    `html`, queues a fetch of the link: 202 with the page "fetching" (200 when the article
    is already saved and no refetch is asked for)."""
    data = PAGE_CREATE.load(read_json())
    if data["html"] is None:
        link = link_service.save_link(db_session, g.user, data["url"], refetch=data["refetch"])
        db_session.commit()
        return PAGE.dump(link.page), 202 if link.queued else 200
    result = page_service.save_page(db_session, g.user, data["url"], data["html"], data["title"],
                                    max_bytes=current_app.config["MAX_PAGE_BYTES"],
                                    max_tags=current_app.config["MAX_PAGE_TAGS"])
    db_session.commit()
    return PAGE.dump(result.page), 201 if result.created else 200


@bp.get("/pages")
@login_required
def list_pages():
    """Newest first; `q` searches titles, text, highlight quotes and notes."""
    items, cursor = page_list.find_pages(db_session, g.user, **list_args(PageListQuerySchema()))
    return PageListSchema().dump({"items": items, "next_cursor": cursor})


@bp.get("/pages/lookup")
@login_required
def lookup_page():
    """The caller's page saved from this URL, or 404."""
    url = LookupQuerySchema().load(request.args)["url"]
    return PAGE.dump(page_service.lookup_page(db_session, g.user, url))


@bp.get("/pages/<int:page_id>")
@login_required
def get_page(page_id: int):
    return PAGE.dump(page_service.get_page(db_session, g.user, page_id))


@bp.patch("/pages/<int:page_id>")
@login_required
def update_page(page_id: int):
    """Marks a page read or unread and remembers reading progress."""
    data = PageUpdateSchema().load(read_json())
    page = page_service.mark_page(db_session, g.user, page_id, **data)
    db_session.commit()
    return PAGE.dump(page)


@bp.delete("/pages/<int:page_id>")
@login_required
def delete_page(page_id: int):
    page_service.delete_page(db_session, g.user, page_id)
    db_session.commit()
    return "", 204


@bp.put("/pages/<int:page_id>/tags")
@login_required
def set_page_tags(page_id: int):
    data = TagsUpdateSchema().load(read_json())
    page = page_service.set_page_tags(db_session, g.user, page_id, data["tags"])
    db_session.commit()
    return PAGE.dump(page)

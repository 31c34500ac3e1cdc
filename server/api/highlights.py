"""Highlights: create on a page, list and filter, edit note/color/tags, delete."""
from __future__ import annotations

from flask import g

from ..db import db_session
from ..schemas import (HighlightCreateSchema, HighlightListQuerySchema, HighlightListSchema,
                       HighlightSchema, HighlightUpdateSchema)
from ..services import highlight_list
from ..services import highlights as highlight_service
from .blueprint import bp
from .auth import login_required
from .body import read_json
from .params import list_args


@bp.post("/pages/<int:page_id>/highlights")
@login_required
def create_highlight(page_id: int):
    """Anchors the quote into the page's text (422 when it is not there)."""
    data = HighlightCreateSchema().load(read_json())
    h = highlight_service.create_highlight(db_session, g.user, page_id, **data)
    db_session.commit()
    return HighlightSchema().dump(h), 201


@bp.get("/highlights")
@login_required
def list_highlights():
    items, cursor = highlight_list.find_highlights(db_session, g.user, **list_args(HighlightListQuerySchema()))
    return HighlightListSchema().dump({"items": items, "next_cursor": cursor})


@bp.get("/highlights/<int:highlight_id>")
@login_required
def get_highlight(highlight_id: int):
    return HighlightSchema().dump(highlight_service.get_highlight(db_session, g.user, highlight_id))


@bp.patch("/highlights/<int:highlight_id>")
@login_required
def update_highlight(highlight_id: int):
    data = HighlightUpdateSchema().load(read_json(), partial=True)
    h = highlight_service.update_highlight(db_session, g.user, highlight_id, **data)
    db_session.commit()
    return HighlightSchema().dump(h)


@bp.delete("/highlights/<int:highlight_id>")
@login_required
def delete_highlight(highlight_id: int):
    highlight_service.delete_highlight(db_session, g.user, highlight_id)
    db_session.commit()
    return "", 204

"""Every highlight across pages, newest first, grouped by page."""
from __future__ import annotations

from itertools import groupby

from flask import g, render_template

from ..db import db_session
from ..schemas import COLORS, HighlightListQuerySchema
from ..services import highlight_list
from ..services import tags as tag_service
from .blueprint import bp
from .params import filters_of, query_args
from .session import login_required


@bp.get("/highlights")
@login_required
def highlights():
    args = query_args(HighlightListQuerySchema())
    items, next_cursor = highlight_list.find_highlights(db_session, g.user, **args)
    # Runs of the same page stay together; the order stays newest first.
    groups = [(group[0].page, group) for group in
              (list(run) for _, run in groupby(items, key=lambda h: h.page_id))]
    return render_template("highlights.html", groups=groups, next_cursor=next_cursor,
                           filters=filters_of(args), paged=bool(args.get("cursor")),
                           tag_names=tag_service.tag_names(db_session, g.user), colors=COLORS)

"""The library: every saved page, newest first, filtered and searched."""
from __future__ import annotations

from flask import g, render_template

from ..db import db_session
from ..schemas import PageListQuerySchema
from ..services import page_list
from ..services import tags as tag_service
from .blueprint import bp
from .params import filters_of, query_args
from .session import login_required


@bp.get("/")
@login_required
def library():
    args = query_args(PageListQuerySchema())
    items, next_cursor = page_list.find_pages(db_session, g.user, **args)
    return render_template("library.html", items=items, next_cursor=next_cursor,
                           filters=filters_of(args), paged=bool(args.get("cursor")),
                           tag_names=tag_service.tag_names(db_session, g.user))

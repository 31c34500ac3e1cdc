"""Tags across pages and highlights: counts, rename (onto an existing name: merge), delete."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from ..db import db_session
from ..errors import GlossError
from ..limits import MAX_TAG
from ..services import tags as tag_service
from .blueprint import bp
from .session import check_csrf, login_required


@bp.get("/tags")
@login_required
def tags():
    return render_template("tags.html", tags=tag_service.tag_counts(db_session, g.user))


@bp.post("/tags/rename")
@login_required
def rename_tag():
    check_csrf()
    old, new = request.form.get("name", ""), request.form.get("new_name", "").strip()
    if len(new) > MAX_TAG:
        flash(f"Tag names have at most {MAX_TAG} characters.", "error")
        return redirect(url_for("web.tags"))
    try:
        tag = tag_service.rename_tag(db_session, g.user, old, new)
    except GlossError as err:
        db_session.rollback()
        flash(err.message, "error")
        return redirect(url_for("web.tags"))
    db_session.commit()
    flash(f"“{old}” is now “{tag.name}” everywhere.")
    return redirect(url_for("web.tags"))


@bp.post("/tags/delete")
@login_required
def delete_tag():
    check_csrf()
    name = request.form.get("name", "")
    tag_service.delete_tag(db_session, g.user, name)
    db_session.commit()
    flash(f"Deleted the tag “{name}” from every page and highlight.")
    return redirect(url_for("web.tags"))

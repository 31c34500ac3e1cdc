"""The daily review at /review: the day's session of highlights, one at a time with
the keyboard (review.js), and plain forms that do the same without JavaScript."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from ..clock import now
from ..db import db_session
from ..errors import BadRequest
from ..schemas import HighlightUpdateSchema, ReviewAnswerSchema, ReviewQuerySchema, TagsUpdateSchema
from ..services import highlight_list
from ..services import highlights as highlight_service
from ..services import review as review_service
from ..services import tags as tag_service
from .blueprint import bp
from .params import filters_of, query_args
from .reader import split_tags
from .session import check_csrf, login_required

KEYS = (("1", "again", "Again"), ("2", "hard", "Hard"), ("3", "good", "Good"), ("4", "easy", "Easy"))


def _back():
    """To the session the form came from (its size, tag or page)."""
    raw = {key: request.form[key] for key in ("limit", "tag", "page_id") if request.form.get(key, "").strip()}
    try:
        args = ReviewQuerySchema().load(raw)
    except ValidationError:
        return redirect(url_for("web.review"))
    size = {"limit": args["limit"]} if "limit" in raw else {}
    return redirect(url_for("web.review", **filters_of(args), **size))


@bp.get("/review")
@login_required
def review():
    args = query_args(ReviewQuerySchema())
    found = review_service.todays_review(db_session, g.user, now(), **args,
                                         new_per_day=current_app.config["REVIEW_NEW_PER_DAY"])
    has_highlights = bool(found.items) or highlight_list.find_highlights(db_session, g.user, limit=1)[0]
    return render_template("review.html", session=found, filters=filters_of(args), limit=args["limit"],
                           has_highlights=has_highlights, keys=KEYS,
                           tag_names=tag_service.tag_names(db_session, g.user))


@bp.post("/review/<int:highlight_id>/answer")
@login_required
def answer_review(highlight_id: int):
    check_csrf()
    rating = ReviewAnswerSchema().load({"rating": request.form.get("rating", "")})["rating"]
    review_service.answer(db_session, g.user, highlight_id, rating, now(),
                          fuzz=current_app.config["REVIEW_FUZZ"])
    db_session.commit()
    return _back()


@bp.post("/review/<int:highlight_id>/flags")
@login_required
def review_flags(highlight_id: int):
    check_csrf()
    flags = {key: request.form[key] == "1" for key in ("favourite", "retired") if key in request.form}
    if not flags:
        raise BadRequest("Nothing to change.")
    review_service.set_flags(db_session, g.user, highlight_id, **flags)
    db_session.commit()
    if flags.get("retired"):
        flash("Retired: this highlight will not come back in review.")
    return _back()


@bp.post("/review/<int:highlight_id>/edit")
@login_required
def edit_in_review(highlight_id: int):
    check_csrf()
    tags = TagsUpdateSchema().load({"tags": split_tags(request.form.get("tags", ""))})["tags"]
    note = HighlightUpdateSchema().load({"note": request.form.get("note", "")})["note"]
    highlight_service.update_highlight(db_session, g.user, highlight_id, note=note, tags=tags)
    db_session.commit()
    return _back()

"""The daily review: the day's due highlights, answering one, favourite and retire."""
from __future__ import annotations

from flask import current_app, g

from ..clock import now
from ..db import db_session
from ..schemas import (ReviewAnswerSchema, ReviewCardSchema, ReviewFlagsSchema, ReviewQuerySchema,
                       ReviewSessionSchema)
from ..services import review as review_service
from .blueprint import bp
from .auth import login_required
from .body import read_json
from .params import list_args


@bp.get("/review")
@login_required
def todays_review():
    args = list_args(ReviewQuerySchema())
    found = review_service.todays_review(db_session, g.user, now(), **args,
                                         new_per_day=current_app.config["REVIEW_NEW_PER_DAY"])
    return ReviewSessionSchema().dump(found)


@bp.get("/highlights/<int:highlight_id>/review")
@login_required
def get_review_card(highlight_id: int):
    return ReviewCardSchema().dump(review_service.get_card(db_session, g.user, highlight_id))


@bp.post("/highlights/<int:highlight_id>/review")
@login_required
def answer_review(highlight_id: int):
    """FSRS sets when the highlight comes back from the answer."""
    rating = ReviewAnswerSchema().load(read_json())["rating"]
    card = review_service.answer(db_session, g.user, highlight_id, rating, now(),
                                 fuzz=current_app.config["REVIEW_FUZZ"])
    db_session.commit()
    return ReviewCardSchema().dump(card)


@bp.patch("/highlights/<int:highlight_id>/review")
@login_required
def set_review_flags(highlight_id: int):
    flags = ReviewFlagsSchema().load(read_json(), partial=True)
    card = review_service.set_flags(db_session, g.user, highlight_id, **flags)
    db_session.commit()
    return ReviewCardSchema().dump(card)

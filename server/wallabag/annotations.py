"""Annotations in annotator.js's shape, kept as Gloss highlights: one made in a Wallabag
app anchors through Gloss's own anchoring by its quote; every highlight of a page is an
annotation of its entry."""
from __future__ import annotations

from flask import g, jsonify

from ..db import db_session
from ..errors import BadRequest
from ..limits import MAX_NOTE, MAX_QUOTE
from ..services import highlights as highlight_service
from .entries import _reload, _route
from .mapping import annotation_json
from .oauth import login_required
from .params import text


# One path for both, as Wallabag has it: GET and POST name an entry, PUT and DELETE an annotation.
@_route("/api/annotations/<int:item_id>", methods=["GET"])
@login_required
def list_annotations(item_id: int):
    """The annotations of the entry `item_id`."""
    rows = [annotation_json(h, g.user) for h in _reload(item_id).highlights]
    return jsonify(total=len(rows), rows=rows)


@_route("/api/annotations/<int:item_id>", methods=["POST"])
@login_required
def create_annotation(item_id: int):
    """On the entry `item_id`, a highlight of the quoted passage (located in the article's text), the `text` as
    its note; 422 when the passage is not in the article."""
    quote = text("quote", MAX_QUOTE)
    if not quote or not quote.strip():
        raise BadRequest("'quote' is required.")
    h = highlight_service.create_highlight(db_session, g.user, item_id, quote=quote,
                                           note=text("text", MAX_NOTE) or "")
    db_session.commit()
    return jsonify(annotation_json(highlight_service.get_highlight(db_session, g.user, h.id), g.user))


@_route("/api/annotations/<int:item_id>", methods=["PUT"])
@login_required
def update_annotation(item_id: int):
    """Changes the note (`text`) of the annotation `item_id`."""
    note = text("text", MAX_NOTE)
    h = highlight_service.update_highlight(db_session, g.user, item_id, note=note)
    db_session.commit()
    return jsonify(annotation_json(highlight_service.get_highlight(db_session, g.user, h.id), g.user))


@_route("/api/annotations/<int:item_id>", methods=["DELETE"])
@login_required
def delete_annotation(item_id: int):
    """Deletes the annotation `item_id` (its highlight); answers it as it was."""
    gone = annotation_json(highlight_service.get_highlight(db_session, g.user, item_id), g.user)
    highlight_service.delete_highlight(db_session, g.user, item_id)
    db_session.commit()
    return jsonify(gone)

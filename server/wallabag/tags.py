"""Tags: of one entry (list, add, remove) and of the user (list, delete by id or label)."""
from __future__ import annotations

from flask import g, jsonify

from ..db import db_session
from ..errors import BadRequest, NotFound
from ..models import Tag
from ..services import pages as page_service
from ..services import tags as tag_service
from .entries import _entry, _reload, _route
from .mapping import tag_json
from .oauth import login_required
from .params import params, tag_names


@_route("/api/entries/<int:entry_id>/tags", methods=["GET"])
@login_required
def entry_tags(entry_id: int):
    return jsonify([tag_json(t) for t in _reload(entry_id).tags])


@_route("/api/entries/<int:entry_id>/tags", methods=["POST"])
@login_required
def add_entry_tags(entry_id: int):
    """Adds the comma-separated `tags` to the entry; answers the entry."""
    page = _reload(entry_id)
    page_service.set_page_tags(db_session, g.user, entry_id, [t.name for t in page.tags] + (tag_names() or []))
    db_session.commit()
    return _entry(_reload(entry_id))


@_route("/api/entries/<int:entry_id>/tags/<int:tag_id>", methods=["DELETE"])
@login_required
def remove_entry_tag(entry_id: int, tag_id: int):
    """Takes the tag off the entry (the tag itself stays); answers the entry."""
    page = _reload(entry_id)
    if tag_id not in {t.id for t in page.tags}:
        raise NotFound("This entry has no such tag.")
    page_service.set_page_tags(db_session, g.user, entry_id, [t.name for t in page.tags if t.id != tag_id])
    db_session.commit()
    return _entry(_reload(entry_id))


@_route("/api/tags", methods=["GET"])
@login_required
def list_tags():
    """The tags of the user's entries, with how many entries carry each."""
    return jsonify([dict(tag_json(tag), nbEntries=pages)
                    for tag, pages, _highlights in tag_service.tag_counts(db_session, g.user) if pages])


def _owned_tag(tag_id: int) -> Tag:
    tag = db_session.get(Tag, tag_id)
    if tag is None or tag.user_id != g.user.id:
        raise NotFound("No such tag.")
    return tag


def _delete(tag: Tag) -> dict:
    gone = tag_json(tag)
    tag_service.delete_tag(db_session, g.user, tag.name)
    return gone


@_route("/api/tags/<int:tag_id>", methods=["DELETE"])
@login_required
def delete_tag(tag_id: int):
    """Deletes the tag from every entry (and highlight); answers it as it was."""
    gone = _delete(_owned_tag(tag_id))
    db_session.commit()
    return jsonify(gone)


@_route("/api/tag/label", methods=["DELETE"])
@login_required
def delete_tag_by_label():
    label = params().get("tag")
    if not label:
        raise BadRequest("'tag' is required.")
    tag = tag_service.find_tag(db_session, g.user, str(label))
    if tag is None:
        raise NotFound("No such tag.")
    gone = _delete(tag)
    db_session.commit()
    return jsonify(gone)


@_route("/api/tags/label", methods=["DELETE"])
@login_required
def delete_tags_by_label():
    """Deletes each of the comma-separated `tags` that exists; answers those deleted."""
    names = tag_names()
    if not names:
        raise BadRequest("'tags' is required.")
    found = [tag_service.find_tag(db_session, g.user, name) for name in names]
    gone = [_delete(tag) for tag in found if tag is not None]
    if not gone:
        raise NotFound("No such tags.")
    db_session.commit()
    return jsonify(gone)

"""The server's version and name, and the signed-in user."""
from __future__ import annotations

from flask import g, jsonify

from .entries import _route
from .mapping import WALLABAG_VERSION, when
from .oauth import login_required


@_route("/api/version", methods=["GET"])
def version():
    """The Wallabag API version answered (no token needed, as clients check it first)."""
    return jsonify(WALLABAG_VERSION)


@_route("/api/info", methods=["GET"])
def info():
    return jsonify(appname="wallabag", version=WALLABAG_VERSION, allowed_registration=False)


@_route("/api/user", methods=["GET"])
@login_required
def user():
    u = g.user
    return jsonify(id=u.id, username=u.username, email="", name=u.username,
                   created_at=when(u.created_at), updated_at=when(u.created_at))

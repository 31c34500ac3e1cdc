"""Who is calling: Bearer tokens or the web UI's session cookie (+ CSRF header),
and the sign-in endpoints the extension uses."""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, request, url_for

from ..caller import check_sign_in, csrf_ok, session_user
from ..db import db_session
from ..errors import Forbidden, Unauthorized
from ..schemas import (LoginLinkRequestSchema, LoginLinkSchema, ServerInfoSchema, TokenRequestSchema,
                       TokenSchema)
from ..services import auth as auth_service
from ..services import links as link_service
from ..version import __version__
from .blueprint import bp
from .body import read_json

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def current_user():
    """The signed-in user for this request, or raise 401/403."""
    if "user" in g:
        return g.user
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        found = auth_service.lookup_token(db_session, token.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise Unauthorized("The API token is missing, wrong or revoked.")
        user, touch = found
        if touch is not None:
            # The touch writes in a transaction of its own that begins with it: a transaction
            # that read first would turn into a write.
            db_session.commit()
            auth_service.touch_token(db_session, touch)
            db_session.commit()
    else:
        signed_in = session_user()
        if signed_in is None:
            raise Unauthorized()
        user = signed_in
        if request.method in UNSAFE_METHODS and not csrf_ok(request.headers.get("X-CSRF-Token")):
            raise Forbidden("The X-CSRF-Token header is missing or wrong.")
    g.user = user
    # In the same transaction as the caller's lookup (one transaction, not two, for every
    # request), ended before the view runs: a save must not hold SQLite's write lock through
    # its extraction, and the view's own transaction begins when it needs one.
    link_service.expire_stale_fetches(db_session, user, current_app.config["FETCH_STALE_S"])
    db_session.commit()
    return user


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        current_user()
        return view(*args, **kwargs)

    return wrapper


@bp.get("/server")
def server_info():
    """Identifies a Gloss server (no auth)."""
    return ServerInfoSchema().dump({"name": "gloss", "version": __version__})


@bp.post("/tokens")
def create_token():
    """Signs in with username and password and answers a new API token."""
    data = TokenRequestSchema().load(read_json())
    user = check_sign_in(data["username"], data["password"])
    token = auth_service.create_token(db_session, user, data["name"] or "extension")
    db_session.commit()
    return TokenSchema().dump({"token": token}), 201


@bp.post("/login-links")
@login_required
def create_login_link():
    """A single-use link (60 s) that signs a browser in and opens the page's reader view."""
    data = LoginLinkRequestSchema().load(read_json())
    secret = auth_service.create_login_link(db_session, g.user, data["page_id"])
    db_session.commit()
    url = url_for("web.redeem_login_link", secret=secret, _external=True)
    return LoginLinkSchema().dump({"url": url}), 201

"""Who is calling: Bearer tokens or the web UI's session cookie (+ CSRF header),
and the sign-in endpoints the extension uses."""
from __future__ import annotations

import hmac
import secrets
from functools import wraps

from flask import current_app, g, request, session, url_for

from ..version import __version__
from ..db import db_session
from ..errors import Forbidden, Unauthorized
from ..schemas import (LoginLinkRequestSchema, LoginLinkSchema, ServerInfoSchema, TokenRequestSchema,
                       TokenSchema)
from ..services import auth as auth_service
from ..services import links as link_service
from .blueprint import bp
from .body import read_json

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def csrf_token() -> str:
    """The session's CSRF token (made on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_ok(sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(sent and expected and hmac.compare_digest(sent, expected))


def client_address() -> str:
    return request.remote_addr or "unknown"


def session_user():
    """The user the session cookie signs in, while its server-side session lasts, or None."""
    uid = session.get("uid")
    if uid is None:
        return None
    return auth_service.user_for_session(db_session, uid, session.get("sid"), session_max_age())


def session_max_age() -> int:
    return int(current_app.permanent_session_lifetime.total_seconds())


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
        # The lookup's transaction ends here: the view's own begins when it needs one (a save
        # extracts its page before it does), and a read never turns into a write.
        db_session.commit()
        if touch is not None:
            auth_service.touch_token(db_session, touch)
            db_session.commit()
    else:
        user = session_user()
        if user is None:
            raise Unauthorized()
        if request.method in UNSAFE_METHODS and not csrf_ok(request.headers.get("X-CSRF-Token")):
            raise Forbidden("The X-CSRF-Token header is missing or wrong.")
        db_session.commit()
    g.user = user
    # Its own transaction, ended before the view runs (a save must not hold SQLite's write
    # lock through its extraction).
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
    cfg = current_app.config
    try:
        user = auth_service.authenticate(
            db_session, data["username"], data["password"], client=client_address(),
            max_failures=cfg["LOGIN_MAX_FAILURES"], window_s=cfg["LOGIN_FAILURE_WINDOW_S"])
    except Exception:
        db_session.commit()  # the failure must count even though the request fails
        raise
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

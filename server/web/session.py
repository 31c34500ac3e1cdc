"""Who is signed in to the web UI, and the CSRF check every form goes through."""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for

from ..caller import csrf_ok, csrf_token, session_max_age, session_user
from ..db import db_session
from ..errors import Forbidden
from ..limits import MAX_NAME
from ..models import User
from ..services import auth as auth_service
from ..services import links as link_service


def sign_in(user_id: int) -> None:
    """A fresh session for the user (a new CSRF token is made on first use), known to the
    server so that signing out ends it wherever its cookie went."""
    secret = auth_service.start_session(db_session, user_id, session_max_age())
    db_session.commit()
    session.clear()
    session.permanent = True
    session["uid"] = user_id
    session["sid"] = secret


def sign_out(everywhere: bool = False) -> None:
    """Ends this browser's session, or every session of its user."""
    uid = session.get("uid")
    if everywhere and isinstance(uid, int):
        auth_service.end_all_sessions(db_session, uid)
    else:
        auth_service.end_session(db_session, session.get("sid"))
    db_session.commit()
    session.clear()


def signed_in_user() -> User | None:
    if "web_user" not in g:
        g.web_user = session_user()
    return g.web_user


def safe_next(target: str | None) -> str | None:
    """A same-site path to go back to after signing in, or None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return None
    return target


def login_required(view):
    """Signed-out visitors go to the sign-in page, and come back here afterwards."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        user = signed_in_user()
        if user is None:
            return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
        g.user = user
        link_service.expire_stale_fetches(db_session, user, current_app.config["FETCH_STALE_S"])
        db_session.commit()  # ends the check's transaction before the view begins its own
        return view(*args, **kwargs)

    return wrapper


def check_csrf() -> None:
    """Every form carries the session's token in a hidden `csrf_token` field."""
    if not csrf_ok(request.form.get("csrf_token")):
        raise Forbidden("This form has expired or came from another site. Go back, reload the page "
                        "and try again.")


def template_context() -> dict:
    return {"csrf_token": csrf_token, "current_user": g.get("web_user"), "max_name": MAX_NAME}

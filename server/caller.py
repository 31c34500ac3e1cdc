"""Who is calling, as every front of the app sees it (the JSON API, the web UI, the OPDS
catalog, the Wallabag API): the client's address, the user the session cookie signs in,
and the session's CSRF token. Neither front imports the other for these."""
from __future__ import annotations

import hmac
import secrets

from flask import current_app, request, session

from .db import db_session
from .errors import InvalidCredentials
from .models import User
from .services import auth as auth_service


def client_address() -> str:
    return request.remote_addr or "unknown"


def csrf_token() -> str:
    """The session's CSRF token (made on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def csrf_ok(sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(sent and expected and hmac.compare_digest(sent, expected))


def session_max_age() -> int:
    return int(current_app.permanent_session_lifetime.total_seconds())


def session_user() -> User | None:
    """The user the session cookie signs in, while its server-side session lasts, or None."""
    uid = session.get("uid")
    if uid is None:
        return None
    return auth_service.user_for_session(db_session, uid, session.get("sid"), session_max_age())


def check_sign_in(username: str, password: str) -> User:
    """The user these credentials sign in, under the configured rate limit. Call it before
    the request writes anything: a wrong password commits the attempt's failure records
    (they must outlast the request to count towards the limit) and nothing else; any other
    failure rolls the attempt back."""
    cfg = current_app.config
    try:
        return auth_service.authenticate(
            db_session, username, password, client=client_address(),
            max_failures=cfg["LOGIN_MAX_FAILURES"], window_s=cfg["LOGIN_FAILURE_WINDOW_S"])
    except InvalidCredentials:
        db_session.commit()
        raise
    except BaseException:
        db_session.rollback()
        raise

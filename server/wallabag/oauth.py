"""OAuth2 as Wallabag's clients expect it: /oauth/v2/token with the password and
refresh_token grants (GET or POST, parameters in the query, a form or JSON), and the
Bearer access token every /api/ path needs."""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, jsonify, request

from ..caller import check_sign_in
from ..db import db_session
from ..errors import InvalidCredentials, RateLimited
from ..http_errors import add_retry_after
from ..services import clients as client_service
from ..services import links as link_service
from .blueprint import bp
from .errors import TokenRequired, oauth_error
from .params import params

GRANTS = ("password", "refresh_token")


@bp.route("/oauth/v2/token", methods=["GET", "POST"])
def token():
    """Exchanges a client's id and secret with the user's password (or a refresh token)
    for an access token (an hour) and a refresh token."""
    p = params()
    grant = p.get("grant_type")
    if not grant:
        return oauth_error(400, "invalid_request", "Invalid grant_type parameter or parameter missing")
    if grant not in GRANTS:
        return oauth_error(400, "unsupported_grant_type", "Invalid grant_type parameter or parameter missing")
    client = client_service.authenticate_client(db_session, str(p.get("client_id") or ""),
                                                str(p.get("client_secret") or ""))
    if client is None:
        return oauth_error(400, "invalid_client", "The client credentials are invalid")
    if grant == "refresh_token":
        if not p.get("refresh_token"):
            return oauth_error(400, "invalid_request", 'No "refresh_token" parameter found')
        issued = client_service.refresh_tokens(db_session, client, str(p["refresh_token"]))
        if issued is None:
            return oauth_error(400, "invalid_grant", "Invalid refresh token")
    else:
        username, password = p.get("username"), p.get("password")
        if not username or not password:
            return oauth_error(400, "invalid_request", 'Missing parameters. "username" and "password" required')
        try:
            user = check_sign_in(str(username), str(password))
        except InvalidCredentials:
            return oauth_error(400, "invalid_grant", "Invalid username and password combination")
        except RateLimited as exc:
            return add_retry_after(oauth_error(429, "invalid_grant", exc.message), exc)
        if user.id != client.user_id:
            db_session.rollback()  # a sign-in for another user's client changes nothing
            return oauth_error(400, "invalid_grant", "This client belongs to another user")
        issued = client_service.issue_tokens(db_session, client, user)
    db_session.commit()
    resp = jsonify(access_token=issued.access_token, expires_in=issued.expires_in, token_type="bearer",
                   scope=None, refresh_token=issued.refresh_token)
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["Pragma"] = "no-cache"
    return resp


def _sent_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        return value.strip() if scheme.lower() == "bearer" else ""
    return request.args.get("access_token")


def current_user():
    if "user" in g:
        return g.user
    token = _sent_token()
    if token is None:
        raise TokenRequired("access_denied", "OAuth2 authentication required")
    user = client_service.user_for_access_token(db_session, token)
    if user is None:
        raise TokenRequired("invalid_grant", "The access token provided is invalid.")
    db_session.commit()
    g.user = user
    link_service.expire_stale_fetches(db_session, user, current_app.config["FETCH_STALE_S"])
    db_session.commit()
    return user


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        current_user()
        return view(*args, **kwargs)

    return wrapper

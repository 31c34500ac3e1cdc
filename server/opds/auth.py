"""Who is reading the catalog. HTTP Basic carries the username with an API token (tried
first: a token is what the README advises) or the password (argon2, and failed attempts
count towards the same rate limit as the sign-in form's); `Authorization: Bearer` takes a
token alone. Anything else is a 401 with a Basic challenge, so a reader asks for them."""
from __future__ import annotations

import base64
import binascii
from functools import wraps

from flask import g, request

from ..caller import check_sign_in
from ..db import db_session, may_write
from ..errors import GlossError, Unauthorized
from ..http_errors import add_retry_after, error_response, status_for
from ..services import auth as auth_service
from .blueprint import bp

CHALLENGE = 'Basic realm="Gloss", charset="UTF-8"'


def _basic(credentials: str) -> tuple[str, str] | None:
    try:
        decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, secret = decoded.partition(":")
    return (username, secret) if sep and username and secret else None


def _token_user(token: str, username: str | None = None):
    """The token's user (who must be `username` when given). The lookup's transaction
    ends before the token's last use is written in one of its own, as the API does."""
    found = auth_service.lookup_token(db_session, token)
    db_session.commit()
    if found is None or (username is not None and found[0].username.casefold() != username.casefold()):
        return None
    user, touch = found
    if touch is not None:
        auth_service.touch_token(db_session, touch)
        db_session.commit()
    return user


def _basic_user(username: str, secret: str):
    user = _token_user(secret, username)
    if user is not None:
        return user
    # A sign-in writes (its failures, or clearing them): its transaction takes SQLite's
    # write lock from the start although the request is a GET.
    writing = may_write.set(True)
    try:
        user = check_sign_in(username, secret)
        db_session.commit()
        return user
    finally:
        may_write.reset(writing)


def reader_user():
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    scheme, credentials = scheme.lower(), credentials.strip()
    user = None
    if scheme == "bearer" and credentials:
        user = _token_user(credentials)
    elif scheme == "basic" and credentials:
        pair = _basic(credentials)
        if pair is not None:
            user = _basic_user(*pair)
    if user is None:
        raise Unauthorized("Sign in with your username and an API token (or your password).")
    db_session.commit()
    g.user = user
    return user


def reader_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        reader_user()
        return view(*args, **kwargs)

    return wrapper


@bp.errorhandler(GlossError)
def _error(err: GlossError):
    """Readers are not browsers: errors are the API's JSON, and a 401 asks for Basic credentials."""
    status = status_for(err)
    response = error_response(status, err.code, err.message)
    if status == 401:
        response.headers["WWW-Authenticate"] = CHALLENGE
    return add_retry_after(response, err)

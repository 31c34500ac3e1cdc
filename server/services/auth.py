"""Users, passwords (argon2), API tokens (SHA-256 digests), single-use login
links, and the rate limit on failed sign-ins (kept in the database, so every
app process enforces the same one)."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, func, select, text, update
from sqlalchemy.orm import Session

from .. import limits
from ..db import rowcount
from ..errors import InvalidCredentials, NotFound, RateLimited, ValidationFailed
from ..models import ApiToken, AuthFailure, LoginLink, OAuthToken, Page, User, UserSession, utcnow

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
LOGIN_LINK_TTL = timedelta(seconds=60)
_hasher = PasswordHasher()
# Verified against when the username does not exist, so timing does not tell.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, username: str, password: str) -> User:
    if not USERNAME_RE.match(username):
        raise ValidationFailed("Usernames are 1-64 letters, digits, '.', '_' or '-'.")
    if len(password) < 8:
        raise ValidationFailed("Passwords need at least 8 characters.")
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise ValidationFailed(f"The username {username!r} is taken.")
    user = User(username=username, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    return user


def user_count(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0


def set_password(session: Session, user: User, password: str) -> None:
    """A new password signs the user out everywhere and revokes every API token: whoever
    knew the old one may have left a browser signed in or made a token with it."""
    if len(password) < 8:
        raise ValidationFailed("Passwords need at least 8 characters.")
    user.password_hash = _hasher.hash(password)
    end_all_sessions(session, user.id)
    session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    session.execute(delete(OAuthToken).where(OAuthToken.user_id == user.id))


# ---- web sessions: a random secret in the signed cookie, its digest in the database ----

def start_session(session: Session, user_id: int, max_age_s: int) -> str:
    """A new signed-in browser for the user; the secret goes into its cookie."""
    secret = secrets.token_urlsafe(32)
    session.execute(delete(UserSession).where(UserSession.user_id == user_id,
                                              UserSession.created_at < utcnow() - timedelta(seconds=max_age_s)))
    session.add(UserSession(user_id=user_id, digest=digest(secret)))
    session.flush()
    return secret


_USER_FOR_SESSION = (select(User).join(UserSession, UserSession.user_id == User.id)
                     .where(UserSession.digest == bindparam("digest"), User.id == bindparam("user_id"),
                            UserSession.created_at >= bindparam("since")))


def user_for_session(session: Session, user_id, secret, max_age_s: int) -> User | None:
    """The user a session cookie names, while its server-side session lasts."""
    if not isinstance(user_id, int) or not isinstance(secret, str):
        return None
    return session.scalar(_USER_FOR_SESSION, {"digest": digest(secret), "user_id": user_id,
                                              "since": utcnow() - timedelta(seconds=max_age_s)})


def end_session(session: Session, secret) -> None:
    if isinstance(secret, str):
        session.execute(delete(UserSession).where(UserSession.digest == digest(secret)))


def end_all_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))


# Namespace of the PostgreSQL advisory locks that serialize sign-ins per rate-limit key.
RATE_LOCK_NAMESPACE = 0x6C056


def _check_rate(session: Session, keys: list[str], max_failures: int, window_s: int) -> None:
    """Each key (the username, the client address) has its own budget of failures.

    Attempts on a key take turns until their transaction ends, so parallel guesses
    each see the failures of the ones before (counted, then recorded, as one step).
    SQLite's write transactions already take turns; PostgreSQL takes a lock per key."""
    if session.get_bind().dialect.name == "postgresql":
        for key in sorted(keys):  # one order everywhere: no deadlocks
            session.execute(text("SELECT pg_advisory_xact_lock(:ns, hashtext(:key))"),
                            {"ns": RATE_LOCK_NAMESPACE, "key": key})
    since = utcnow() - timedelta(seconds=window_s)
    worst = session.scalar(
        select(func.count(AuthFailure.id)).where(AuthFailure.key.in_(keys), AuthFailure.at >= since)
        .group_by(AuthFailure.key).order_by(func.count(AuthFailure.id).desc()).limit(1)
    )
    if worst and worst >= max_failures:
        raise RateLimited("Too many failed sign-ins; wait a few minutes and try again.",
                          retry_after=window_s)


def authenticate(session: Session, username: str, password: str, *, client: str,
                 max_failures: int, window_s: int) -> User:
    """The user with these credentials; failed attempts count per username and per client.

    A wrong password (InvalidCredentials) leaves exactly the attempt's failure records in
    the session, for the caller to commit although the sign-in fails (in the transaction
    that counted them, so parallel guesses take turns); RateLimited leaves nothing. A
    success clears the username's failures (and may rehash the password) for the caller
    to commit with the rest of its sign-in."""
    keys = [f"user:{username.lower()}", f"client:{client}"]
    _check_rate(session, keys, max_failures, window_s)
    user = session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    try:
        _hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
        if user is None or not user.password_hash:
            raise VerificationError()
    except (VerificationError, InvalidHashError):
        session.add_all([AuthFailure(key=k) for k in keys])
        session.flush()
        raise InvalidCredentials() from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    session.execute(delete(AuthFailure).where(AuthFailure.key == keys[0]))
    prune_expired(session, window_s)
    return user


def create_token(session: Session, user: User, name: str = "") -> str:
    """A new API token; only its digest is stored, so this is the one time it is seen."""
    if problem := limits.name_problem("A token's name", name):
        raise ValidationFailed(problem)
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, digest=digest(token), name=name))
    session.flush()
    return token


# Every API request runs this: built once, as building it costs more than running it.
_USER_FOR_DIGEST = (select(User, ApiToken.id, ApiToken.last_used_at).join(ApiToken, ApiToken.user_id == User.id)
                    .where(ApiToken.digest == bindparam("digest")))


def lookup_token(session: Session, token: str) -> tuple[User, int | None] | None:
    """The token's user, and the token's id when it is due a `touch_token` (at most once
    a minute: a token used for every request should not write every time)."""
    row = session.execute(_USER_FOR_DIGEST, {"digest": digest(token)}).first()
    if row is None:
        return None
    user, token_id, last_used_at = row
    due = last_used_at is None or utcnow() - last_used_at > timedelta(minutes=1)
    return user, token_id if due else None


def touch_token(session: Session, token_id: int) -> None:
    session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow()))


def user_for_token(session: Session, token: str) -> User | None:
    found = lookup_token(session, token)
    if found is None:
        return None
    user, due = found
    if due is not None:
        touch_token(session, due)
    return user


def list_tokens(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())))


def revoke_token(session: Session, user: User, token_id: int) -> None:
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise NotFound("No such token.")
    session.delete(row)


def create_login_link(session: Session, user: User, page_id: int) -> str:
    """A single-use secret (valid 60 s) that signs a browser in and opens a page."""
    page = session.get(Page, page_id)
    if page is None or page.user_id != user.id:
        raise NotFound("No such page.")
    secret = secrets.token_urlsafe(32)
    session.add(LoginLink(user_id=user.id, page_id=page.id, digest=digest(secret),
                          expires_at=utcnow() + LOGIN_LINK_TTL))
    session.flush()
    return secret


def peek_login_link(session: Session, secret: str) -> User | None:
    """Whom an unused, unexpired link would sign in, without using it."""
    return session.scalar(select(User).join(LoginLink, LoginLink.user_id == User.id)
                          .where(LoginLink.digest == digest(secret), LoginLink.used_at.is_(None),
                                 LoginLink.expires_at > utcnow()))


def redeem_login_link(session: Session, secret: str) -> LoginLink | None:
    """Marks the link used and returns it, or None when unknown, used or expired."""
    now = utcnow()
    # One UPDATE decides: two concurrent redemptions cannot both succeed.
    result = session.execute(
        update(LoginLink)
        .where(LoginLink.digest == digest(secret), LoginLink.used_at.is_(None),
               LoginLink.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(result) != 1:
        return None
    return session.scalar(select(LoginLink).where(LoginLink.digest == digest(secret)))


def prune_expired(session: Session, window_s: int) -> None:
    """Forgets failures that no longer count and login links a day past their expiry.

    A successful sign-in runs it: failures from addresses that never come back, and
    links never redeemed, would otherwise stay forever."""
    now = utcnow()
    session.execute(delete(LoginLink).where(LoginLink.expires_at < now - timedelta(days=1)))
    session.execute(delete(AuthFailure).where(AuthFailure.at < now - timedelta(seconds=window_s)))


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)

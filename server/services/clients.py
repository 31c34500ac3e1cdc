"""API clients of Wallabag-compatible apps and the OAuth2 tokens they are given.

A client is an id and a secret made for one user; the password grant gives an access
token (valid an hour) and a refresh token (valid two weeks), and a refresh swaps both
for new ones. Secrets and tokens are stored only as SHA-256 digests, like Gloss's own
API tokens; deleting a client revokes every token it was given."""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from .. import limits
from ..errors import NotFound, ValidationFailed
from ..models import ApiClient, OAuthToken, User, utcnow
from .auth import digest

ACCESS_TTL = timedelta(seconds=3600)
REFRESH_TTL = timedelta(days=14)


@dataclass
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int


def create_client(session: Session, user: User, name: str) -> tuple[ApiClient, str]:
    """A new client and its secret: only the secret's digest is stored, so this is the one
    time it is seen."""
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed("A client needs a name.")
    if problem := limits.name_problem("A client's name", name):
        raise ValidationFailed(problem)
    secret = secrets.token_urlsafe(32)
    client = ApiClient(user_id=user.id, name=name, client_id=secrets.token_urlsafe(24),
                       secret_digest=digest(secret))
    session.add(client)
    session.flush()
    return client, secret


def list_clients(session: Session, user: User) -> list[ApiClient]:
    return list(session.scalars(select(ApiClient).where(ApiClient.user_id == user.id)
                                .order_by(ApiClient.created_at.desc(), ApiClient.id.desc())))


def revoke_client(session: Session, user: User, client_pk: int) -> None:
    client = session.get(ApiClient, client_pk)
    if client is None or client.user_id != user.id:
        raise NotFound("No such client.")
    session.execute(delete(OAuthToken).where(OAuthToken.client_id == client.id))
    session.delete(client)


def authenticate_client(session: Session, client_id: str, secret: str) -> ApiClient | None:
    """The client with this id and secret, or None."""
    client = session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if client is None or not hmac.compare_digest(client.secret_digest, digest(secret)):
        return None
    return client


def issue_tokens(session: Session, client: ApiClient, user: User) -> IssuedTokens:
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    # Tokens long dead are swept as new ones are made.
    session.execute(delete(OAuthToken).where(OAuthToken.user_id == user.id, OAuthToken.refresh_expires_at < now))
    session.add(OAuthToken(client_id=client.id, user_id=user.id, access_digest=digest(access),
                           refresh_digest=digest(refresh), access_expires_at=now + ACCESS_TTL,
                           refresh_expires_at=now + REFRESH_TTL))
    session.flush()
    return IssuedTokens(access, refresh, int(ACCESS_TTL.total_seconds()))


def refresh_tokens(session: Session, client: ApiClient, refresh_token: str) -> IssuedTokens | None:
    """New tokens for a valid refresh token of this client (the old pair is revoked), or None."""
    row = session.scalar(select(OAuthToken).where(OAuthToken.refresh_digest == digest(refresh_token),
                                                  OAuthToken.client_id == client.id))
    if row is None or row.refresh_expires_at <= utcnow():
        return None
    user = session.get_one(User, row.user_id)
    session.delete(row)
    session.flush()
    return issue_tokens(session, client, user)


# Every request of a Wallabag app runs this: built once.
_USER_FOR_ACCESS = (select(User).join(OAuthToken, OAuthToken.user_id == User.id)
                    .where(OAuthToken.access_digest == bindparam("digest"),
                           OAuthToken.access_expires_at > bindparam("now")))


def user_for_access_token(session: Session, token: str) -> User | None:
    """The user of an unexpired, unrevoked access token, or None."""
    if not token:
        return None
    return session.scalar(_USER_FOR_ACCESS, {"digest": digest(token), "now": utcnow()})


def revoke_user_tokens(session: Session, user_id: int) -> None:
    session.execute(delete(OAuthToken).where(OAuthToken.user_id == user_id))
